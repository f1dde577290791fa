import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CaptchaView, SessionView } from '#contract';
import { ApiError } from '../api/client';
import { sessionApi } from '../api/accounts-api';
import { TOTP_CODE_MAX_LENGTH, TOTP_CODE_MESSAGE, TOTP_CODE_PATTERN, totpCodeOf } from '../features/auth/totpCode';
import { Icon, type IconName } from './icons';
import { Alert, controlProps, Field, invalidClass, type FieldNote } from './ui';

export interface Credentials {
  username: string;
  password: string;
}

interface LoginFormProps {
  /** Kept by the page: the demo accounts fill them in. */
  credentials: Credentials;
  onCredentials: (credentials: Credentials) => void;
  onSignedIn: (session: SessionView) => void;
}

/** The captcha shows fewer characters than this. */
const CAPTCHA_MAX_LENGTH = 8;

const CAPTCHA_HINT = '看不清？点击图片换一张。字母不区分大小写。';

/** The second step's proof: a code of the authenticator app, or a recovery code. */
type SecondFactor = { code: string } | { recoveryCode: string };

/** Codes after which the server wants a captcha with the next attempt. */
const CAPTCHA_CODES = new Set(['CAPTCHA_REQUIRED', 'CAPTCHA_INVALID']);

const message = (error: unknown) => (error instanceof Error ? error.message : '登录失败');

type Notes = Partial<Record<'username' | 'password' | 'captchaAnswer', FieldNote>>;

const error = (text: string): FieldNote => ({ status: 'error', message: text });

/** Focuses the first of these fields that has an error. */
function focusFirst(form: HTMLFormElement | null, ids: string[], notes: Record<string, unknown>): void {
  const first = ids.find((id) => notes[id]);
  if (first) form?.querySelector<HTMLElement>(`#${CSS.escape(`${form.id}_${first}`)}`)?.focus();
}

/** A large input with an icon before it and, for a password, the button that shows it. */
function AffixInput({
  icon,
  note,
  suffix,
  children,
}: {
  icon: IconName;
  note: FieldNote | undefined;
  suffix?: ReactNode;
  children: ReactNode;
}) {
  return (
    <span className={`pub-affix pub-affix-lg${invalidClass(note)}`}>
      <Icon name={icon} />
      {children}
      {suffix}
    </span>
  );
}

/**
 * 用户登录: user name and password — with a graphic captcha once the server asks for one (after failed
 * attempts) — then, for an account with a second factor, the code from the authenticator app or a
 * recovery code. A device locked out of the account after failed attempts can unlock it at once with
 * password and code.
 */
export function LoginForm({ credentials, onCredentials, onSignedIn }: LoginFormProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaView | null>(null);
  const [captchaAnswer, setCaptchaAnswer] = useState('');
  const [locked, setLocked] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [notes, setNotes] = useState<Notes>({});
  const [showPassword, setShowPassword] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const newCaptcha = async () => {
    setCaptchaAnswer('');
    setCaptcha(await sessionApi.captcha().catch(() => null));
  };

  /** Every step's refusal: its message, the lock, and a captcha when the server wants one with the next attempt. */
  const attempt = async (step: () => Promise<void>) => {
    setRefusal(null);
    setPending(true);
    try {
      await step();
    } catch (failure) {
      setRefusal(message(failure));
      const code = failure instanceof ApiError ? failure.code : '';
      setLocked(code === 'ACCOUNT_LOCKED');
      if (failure instanceof ApiError && (CAPTCHA_CODES.has(code) || failure.body.captchaRequired)) await newCaptcha();
      else setCaptcha(null);
      if (code === 'LOGIN_CHALLENGE_EXPIRED') setChallenge(null);
    } finally {
      setPending(false);
    }
  };

  const login = () =>
    attempt(async () => {
      const answer = await sessionApi.login({
        username: credentials.username.trim(),
        password: credentials.password,
        ...(captcha && captchaAnswer ? { captchaId: captcha.id, captchaAnswer } : {}),
      });
      setCaptcha(null);
      setLocked(false);
      if ('next' in answer) setChallenge(answer.challenge);
      else onSignedIn(answer);
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const found: Notes = {
      ...(credentials.username.trim() ? {} : { username: error('请输入用户名') }),
      ...(credentials.password ? {} : { password: error('请输入密码') }),
      ...(captcha && !captchaAnswer.trim() ? { captchaAnswer: error('请输入图形验证码') } : {}),
    };
    setNotes(found);
    if (Object.keys(found).length > 0) focusFirst(formRef.current, ['username', 'password', 'captchaAnswer'], found);
    else void login();
  };

  const edit = (field: keyof Credentials, value: string) => onCredentials({ ...credentials, [field]: value });
  /** A required field's error goes once it is filled in, here or by the demo accounts. */
  const shown: Notes = {
    username: credentials.username.trim() ? undefined : notes.username,
    password: credentials.password ? undefined : notes.password,
    captchaAnswer: captchaAnswer.trim() ? undefined : notes.captchaAnswer,
  };

  if (challenge) {
    return (
      <SecondFactorStep
        pending={pending}
        refusal={refusal}
        onSubmit={(factor) =>
          void attempt(async () => onSignedIn(await sessionApi.loginSecondFactor(challenge, factor)))
        }
        onBack={() => {
          setChallenge(null);
          setRefusal(null);
        }}
      />
    );
  }

  return (
    <form id="login" ref={formRef} onSubmit={submit} noValidate>
      {refusal && <Alert type="error" title={refusal} testId="login-refusal" />}
      <Field id="login_username" label="用户名" note={shown.username}>
        <AffixInput icon="user" note={shown.username}>
          <input
            {...controlProps('login_username', shown.username, undefined)}
            className="pub-input"
            autoComplete="username"
            value={credentials.username}
            onChange={(e) => edit('username', e.target.value)}
          />
        </AffixInput>
      </Field>
      <Field id="login_password" label="密码" note={shown.password}>
        <AffixInput
          icon="lock"
          note={shown.password}
          suffix={
            <button
              type="button"
              className="pub-eye"
              aria-label={showPassword ? '隐藏密码' : '显示密码'}
              aria-pressed={showPassword}
              onClick={() => setShowPassword(!showPassword)}
            >
              <Icon name={showPassword ? 'eye' : 'eyeInvisible'} />
            </button>
          }
        >
          <input
            {...controlProps('login_password', shown.password, undefined)}
            className="pub-input"
            type={showPassword ? 'text' : 'password'}
            autoComplete="current-password"
            value={credentials.password}
            onChange={(e) => edit('password', e.target.value)}
          />
        </AffixInput>
      </Field>
      {captcha && (
        <Field id="login_captchaAnswer" label="图形验证码" note={shown.captchaAnswer} extra={CAPTCHA_HINT}>
          <div className="pub-captcha">
            <span className={`pub-affix pub-affix-lg${invalidClass(shown.captchaAnswer)}`}>
              <input
                {...controlProps('login_captchaAnswer', shown.captchaAnswer, CAPTCHA_HINT)}
                className="pub-input"
                maxLength={CAPTCHA_MAX_LENGTH}
                autoComplete="off"
                placeholder="请输入图中字符"
                value={captchaAnswer}
                onChange={(e) => setCaptchaAnswer(e.target.value)}
              />
            </span>
            <button
              type="button"
              className="pub-captcha-image"
              onClick={() => void newCaptcha()}
              title="换一张"
              aria-label="换一张图形验证码"
            >
              <img src={captcha.image} alt="图形验证码" width={150} height={50} />
            </button>
          </div>
        </Field>
      )}
      <button type="submit" className="pub-btn pub-btn-primary pub-btn-lg pub-btn-block" aria-busy={pending}>
        登录
      </button>
      {locked && (
        <UnlockWithCode
          pending={pending}
          onUnlock={(code) =>
            void attempt(async () => {
              const session = await sessionApi.unlock(credentials.username.trim(), credentials.password, code);
              setLocked(false);
              onSignedIn(session);
            })
          }
        />
      )}
    </form>
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
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [note, setNote] = useState<FieldNote | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const field = useRecovery ? 'recoveryCode' : 'code';
  const id = `login-second-factor_${field}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const problem = useRecovery
      ? recoveryCode.trim()
        ? undefined
        : error('请输入恢复码')
      : TOTP_CODE_PATTERN.test(code)
        ? undefined
        : error(TOTP_CODE_MESSAGE);
    setNote(problem);
    if (problem) focusFirst(formRef.current, [field], { [field]: problem });
    else onSubmit(useRecovery ? { recoveryCode: recoveryCode.trim() } : { code: totpCodeOf(code) });
  };

  return (
    <form id="login-second-factor" ref={formRef} onSubmit={submit} noValidate>
      <Alert
        type="info"
        icon="safety"
        title="双因素认证"
        description={
          useRecovery
            ? '请输入绑定动态口令时保存的一个恢复码；每个恢复码只能使用一次。'
            : '请打开手机上的身份验证器应用，输入本系统账号当前显示的6位动态口令。'
        }
      />
      {refusal && <Alert type="error" title={refusal} testId="login-refusal" />}
      <Field id={id} label={useRecovery ? '恢复码' : '动态口令'} note={note}>
        <AffixInput icon={useRecovery ? 'key' : 'safety'} note={note}>
          {useRecovery ? (
            <input
              key="recoveryCode"
              {...controlProps(id, note, undefined)}
              className="pub-input"
              autoComplete="off"
              placeholder="XXXX-XXXX-XXXX-XXXX"
              // The step replaces the password form: its one field is where the user types next.
              autoFocus
              value={recoveryCode}
              onChange={(e) => {
                setRecoveryCode(e.target.value);
                setNote(undefined);
              }}
            />
          ) : (
            <input
              key="code"
              {...controlProps(id, note, undefined)}
              className="pub-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={TOTP_CODE_MAX_LENGTH}
              autoFocus
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setNote(undefined);
              }}
            />
          )}
        </AffixInput>
      </Field>
      <button type="submit" className="pub-btn pub-btn-primary pub-btn-lg pub-btn-block" aria-busy={pending}>
        验证并登录
      </button>
      <div className="pub-second-factor-links">
        <button type="button" className="pub-link-button" onClick={onBack}>
          返回
        </button>
        <button
          type="button"
          className="pub-link-button"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setNote(undefined);
          }}
        >
          {useRecovery ? '使用动态口令' : '手机不在身边？使用恢复码'}
        </button>
      </div>
    </form>
  );
}

/** Under the lock notice: unlock this device at once with the password above and a code. */
function UnlockWithCode({ pending, onUnlock }: { pending: boolean; onUnlock: (code: string) => void }) {
  const [code, setCode] = useState('');
  const valid = /^\d{6}$/.test(totpCodeOf(code));
  return (
    <div className="pub-unlock">
      <span className="pub-secondary">已启用动态口令的账号，可输入正确的密码和当前动态口令立即解锁并登录：</span>
      <div className="pub-unlock-row">
        <input
          className="pub-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={TOTP_CODE_MAX_LENGTH}
          placeholder="6位动态口令"
          aria-label="解锁用动态口令"
        />
        <button
          type="button"
          className="pub-btn"
          disabled={!valid || pending}
          aria-busy={pending}
          onClick={() => onUnlock(totpCodeOf(code))}
        >
          <Icon name="unlock" />
          解锁并登录
        </button>
      </div>
    </div>
  );
}
