import { KeyOutlined, LockOutlined, SafetyOutlined, UnlockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import type { CaptchaView, SessionView } from '#contract';
import { ApiError } from '../../api/client';
import { sessionApi } from '../../api/endpoints';
import { TOTP_CODE_MAX_LENGTH, TOTP_CODE_RULES, totpCodeOf } from './totpCode';

export interface LoginValues {
  username: string;
  password: string;
  captchaAnswer?: string;
}

interface LoginFormProps {
  form: FormInstance<LoginValues>;
  onSignedIn: (session: SessionView) => void;
}

/** The captcha shows fewer characters than this. */
const CAPTCHA_MAX_LENGTH = 8;

/** The second step's proof: a code of the authenticator app, or a recovery code. */
type SecondFactor = { code: string } | { recoveryCode: string };

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
  const [refusal, setRefusal] = useState<string | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaView | null>(null);
  const [locked, setLocked] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);

  const newCaptcha = async () => {
    form.setFieldValue('captchaAnswer', undefined);
    setCaptcha(await sessionApi.captcha().catch(() => null));
  };

  /** Every step's refusal: its message, the lock, and a captcha when the server wants one with the next attempt. */
  const attempt = {
    onMutate: () => setRefusal(null),
    onError: async (error: Error) => {
      setRefusal(message(error));
      const code = error instanceof ApiError ? error.code : '';
      setLocked(code === 'ACCOUNT_LOCKED');
      if (error instanceof ApiError && (CAPTCHA_CODES.has(code) || error.body.captchaRequired)) await newCaptcha();
      else if (captcha) setCaptcha(null);
      if (code === 'LOGIN_CHALLENGE_EXPIRED') setChallenge(null);
    },
  };

  const login = useMutation({
    ...attempt,
    mutationFn: ({ username, password, captchaAnswer }: LoginValues) =>
      sessionApi.login({
        username: username.trim(),
        password,
        ...(captcha && captchaAnswer ? { captchaId: captcha.id, captchaAnswer } : {}),
      }),
    onSuccess: (answer) => {
      setCaptcha(null);
      setLocked(false);
      if ('next' in answer) setChallenge(answer.challenge);
      else onSignedIn(answer);
    },
  });
  const secondStep = useMutation({
    ...attempt,
    mutationFn: ({ challenge: current, factor }: { challenge: string; factor: SecondFactor }) =>
      sessionApi.loginSecondFactor(current, factor),
    onSuccess: onSignedIn,
  });
  const unlock = useMutation({
    ...attempt,
    mutationFn: ({ username, password, code }: { username: string; password: string; code: string }) =>
      sessionApi.unlock(username, password, code),
    onSuccess: (session) => {
      setLocked(false);
      onSignedIn(session);
    },
  });
  const pending = login.isPending || secondStep.isPending || unlock.isPending;

  if (challenge) {
    return (
      <SecondFactorStep
        pending={pending}
        refusal={refusal}
        onSubmit={(factor) => secondStep.mutate({ challenge, factor })}
        onBack={() => {
          setChallenge(null);
          setRefusal(null);
        }}
      />
    );
  }

  return (
    <Form<LoginValues> form={form} name="login" layout="vertical" onFinish={login.mutate} requiredMark={false}>
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
                maxLength={CAPTCHA_MAX_LENGTH}
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
            unlock.mutate({ username: (username ?? '').trim(), password: password ?? '', code });
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
  onSubmit: (factor: SecondFactor) => void;
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
        onSubmit(useRecovery ? { recoveryCode: recoveryCode!.trim() } : { code: totpCodeOf(code!) })
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
        <Form.Item name="code" label="动态口令" rules={TOTP_CODE_RULES}>
          <Input
            prefix={<SafetyOutlined />}
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={TOTP_CODE_MAX_LENGTH}
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
  const valid = /^\d{6}$/.test(totpCodeOf(code));
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
          maxLength={TOTP_CODE_MAX_LENGTH}
          placeholder="6位动态口令"
          aria-label="解锁用动态口令"
        />
        <Button
          icon={<UnlockOutlined />}
          disabled={!valid}
          loading={pending}
          onClick={() => onUnlock(totpCodeOf(code))}
        >
          解锁并登录
        </Button>
      </Space.Compact>
    </div>
  );
}
