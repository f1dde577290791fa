import { KeyOutlined, LockOutlined, SafetyOutlined, UnlockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import type { CaptchaView, SessionView } from '#contract';
import { ApiError } from '../../api/client';
import { sessionApi } from '../../api/endpoints';

export interface LoginValues {
  username: string;
  password: string;
  captchaAnswer?: string;
}

interface LoginFormProps {
  form: FormInstance<LoginValues>;
  onSignedIn: (session: SessionView) => void;
}

/** Codes after which the server wants a captcha with the next attempt. */
const CAPTCHA_CODES = new Set(['CAPTCHA_REQUIRED', 'CAPTCHA_INVALID']);

const message = (error: unknown) => (error instanceof Error ? error.message : '登录失败');

/**
 * 用户登录: user name and password — with a graphic captcha once the server asks for one (after failed
 * attempts) — then, for an account with a second factor, the code from the authenticator app or a
 * recovery code. A device locked out of the account after failed attempts can unlock it at once with
 * password and code.
 */
export function LoginForm({ form, onSignedIn }: LoginFormProps) {
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaView | null>(null);
  const [locked, setLocked] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);

  const newCaptcha = async () => {
    form.setFieldValue('captchaAnswer', undefined);
    setCaptcha(await sessionApi.captcha().catch(() => null));
  };

  const attempt = async (action: () => Promise<void>) => {
    setPending(true);
    setRefusal(null);
    try {
      await action();
    } catch (error) {
      setRefusal(message(error));
      const code = error instanceof ApiError ? error.code : '';
      setLocked(code === 'ACCOUNT_LOCKED');
      if (error instanceof ApiError && (CAPTCHA_CODES.has(code) || error.body.captchaRequired)) await newCaptcha();
      else if (captcha) setCaptcha(null);
      if (code === 'LOGIN_CHALLENGE_EXPIRED') setChallenge(null);
    } finally {
      setPending(false);
    }
  };

  const login = ({ username, password, captchaAnswer }: LoginValues) =>
    attempt(async () => {
      const answer = await sessionApi.login({
        username: username.trim(),
        password,
        ...(captcha && captchaAnswer ? { captchaId: captcha.id, captchaAnswer } : {}),
      });
      setCaptcha(null);
      setLocked(false);
      if ('next' in answer) setChallenge(answer.challenge);
      else onSignedIn(answer);
    });

  if (challenge) {
    return (
      <SecondFactorStep
        pending={pending}
        refusal={refusal}
        onSubmit={(factor) => attempt(async () => onSignedIn(await sessionApi.loginSecondFactor(challenge, factor)))}
        onBack={() => {
          setChallenge(null);
          setRefusal(null);
        }}
      />
    );
  }

  return (
    <Form<LoginValues>
      form={form}
      name="login"
      layout="vertical"
      onFinish={(values) => void login(values)}
      requiredMark={false}
    >
      {refusal && <Alert type="error" showIcon title={refusal} className="form-alert" data-testid="login-refusal" />}
      <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" size="large" />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
      </Form.Item>
      {captcha && (
        <Form.Item label="图形验证码" required={false} extra="看不清？点击图片换一张。字母不区分大小写。">
          <Space.Compact block>
            <Form.Item
              name="captchaAnswer"
              noStyle
              rules={[{ required: true, whitespace: true, message: '请输入图形验证码' }]}
            >
              <Input
                size="large"
                maxLength={8}
                autoComplete="off"
                placeholder="请输入图中字符"
                aria-label="图形验证码"
              />
            </Form.Item>
            <button
              type="button"
              className="captcha-image"
              onClick={() => void newCaptcha()}
              title="换一张"
              aria-label="换一张图形验证码"
            >
              <img src={captcha.image} alt="图形验证码" width={150} height={50} />
            </button>
          </Space.Compact>
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" size="large" block loading={pending}>
        登录
      </Button>
      {locked && (
        <UnlockWithCode
          pending={pending}
          onUnlock={(code) => {
            const { username, password } = form.getFieldsValue();
            void attempt(async () => {
              const session = await sessionApi.unlock((username ?? '').trim(), password ?? '', code);
              setLocked(false);
              onSignedIn(session);
            });
          }}
        />
      )}
    </Form>
  );
}

/** The second step: the six-digit code of the authenticator app, or one of the recovery codes. */
function SecondFactorStep({
  pending,
  refusal,
  onSubmit,
  onBack,
}: {
  pending: boolean;
  refusal: string | null;
  onSubmit: (factor: { code: string } | { recoveryCode: string }) => void;
  onBack: () => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [form] = Form.useForm<{ code?: string; recoveryCode?: string }>();
  return (
    <Form
      form={form}
      name="login-second-factor"
      layout="vertical"
      requiredMark={false}
      onFinish={({ code, recoveryCode }) =>
        onSubmit(useRecovery ? { recoveryCode: recoveryCode!.trim() } : { code: code!.replace(/\s+/g, '') })
      }
    >
      <Alert
        type="info"
        showIcon
        icon={<SafetyOutlined />}
        className="form-alert"
        title="双因素认证"
        description={
          useRecovery
            ? '请输入绑定动态口令时保存的一个恢复码；每个恢复码只能使用一次。'
            : '请打开手机上的身份验证器应用，输入本系统账号当前显示的6位动态口令。'
        }
      />
      {refusal && <Alert type="error" showIcon title={refusal} className="form-alert" data-testid="login-refusal" />}
      {useRecovery ? (
        <Form.Item
          name="recoveryCode"
          label="恢复码"
          rules={[{ required: true, whitespace: true, message: '请输入恢复码' }]}
        >
          <Input prefix={<KeyOutlined />} size="large" autoComplete="off" placeholder="XXXX-XXXX-XXXX-XXXX" autoFocus />
        </Form.Item>
      ) : (
        <Form.Item
          name="code"
          label="动态口令"
          rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: '请输入6位数字动态口令' }]}
        >
          <Input
            prefix={<SafetyOutlined />}
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" size="large" block loading={pending}>
        验证并登录
      </Button>
      <div className="login-second-factor-links">
        <Button type="link" onClick={onBack}>
          返回
        </Button>
        <Button type="link" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? '使用动态口令' : '手机不在身边？使用恢复码'}
        </Button>
      </div>
    </Form>
  );
}

/** Under the lock notice: unlock this device at once with the password above and a code. */
function UnlockWithCode({ pending, onUnlock }: { pending: boolean; onUnlock: (code: string) => void }) {
  const [code, setCode] = useState('');
  const valid = /^\d{6}$/.test(code.replace(/\s+/g, ''));
  return (
    <div className="login-unlock">
      <Typography.Text type="secondary">
        已启用动态口令的账号，可输入正确的密码和当前动态口令立即解锁并登录：
      </Typography.Text>
      <Space.Compact block>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          placeholder="6位动态口令"
          aria-label="解锁用动态口令"
        />
        <Button
          icon={<UnlockOutlined />}
          disabled={!valid}
          loading={pending}
          onClick={() => onUnlock(code.replace(/\s+/g, ''))}
        >
          解锁并登录
        </Button>
      </Space.Compact>
    </div>
  );
}
