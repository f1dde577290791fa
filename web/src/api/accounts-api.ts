import type {
  AccountView,
  AdministeredRole,
  ApplicantAccountView,
  ApplicantTransferInput,
  AuthoritySecurityView,
  DemoAccount,
  OneTimePasswordView,
  RegisterInput,
  SessionView,
} from '#contract';
import {
  isSecondFactorChallenge,
  type CaptchaView,
  type LoginAnswer,
  type RecoveryCodesView,
  type SecondFactorStatus,
  type SignInAccountView,
  sessionEndpoints,
  type TotpEnrolmentView,
} from '#contract';
import { call, rememberCsrfToken, request } from './client';

const base = '/api/v1';

function remember(session: SessionView): SessionView {
  rememberCsrfToken(session.csrfToken);
  return session;
}

export const sessionApi = {
  current: () => request<SessionView>('GET', `${base}/session`).then(remember),
  /** The password step: the session, or the challenge of the second factor. */
  login: (input: { username: string; password: string; captchaId?: string; captchaAnswer?: string }) =>
    request<LoginAnswer>('POST', `${base}/auth/login`, input).then((answer) =>
      isSecondFactorChallenge(answer) ? answer : remember(answer),
    ),
  loginSecondFactor: (challenge: string, factor: { code: string } | { recoveryCode: string }) =>
    request<SessionView>('POST', `${base}/auth/login/totp`, { challenge, ...factor }).then(remember),
  /** Password and code together: ends this device's lock on the account and signs in. */
  unlock: (username: string, password: string, code: string) =>
    request<SessionView>('POST', `${base}/auth/unlock`, { username, password, code }).then(remember),
  captcha: () => request<CaptchaView>('POST', `${base}/auth/captcha`),
  register: (input: RegisterInput) => request<SessionView>('POST', `${base}/auth/register`, input).then(remember),
  logout: () => request<void>('POST', `${base}/auth/logout`),
  demoAccounts: () => request<DemoAccount[]>('GET', `${base}/demo-accounts`),
};

/** The system administrator's accounts of officials and administrators, and the second factor per city. */
export const accountAdminApi = {
  list: () => request<{ items: AccountView[] }>('GET', `${base}/admin/accounts`).then((r) => r.items),
  create: (input: { username: string; displayName: string; role: AdministeredRole; authorityCode: string | null }) =>
    request<OneTimePasswordView>('POST', `${base}/admin/accounts`, input),
  disable: (id: string) => request<AccountView>('POST', `${base}/admin/accounts/${encodeURIComponent(id)}/disable`),
  enable: (id: string) => request<AccountView>('POST', `${base}/admin/accounts/${encodeURIComponent(id)}/enable`),
  resetPassword: (id: string) =>
    request<OneTimePasswordView>('POST', `${base}/admin/accounts/${encodeURIComponent(id)}/reset-password`),
  authorities: () =>
    request<{ items: AuthoritySecurityView[] }>('GET', `${base}/admin/authorities`).then((r) => r.items),
  setRequireTotp: (code: string, requireTotp: boolean) =>
    request<AuthoritySecurityView>('PUT', `${base}/admin/authorities/${encodeURIComponent(code)}/require-totp`, {
      requireTotp,
    }),
};

/** The signed-in user's own password. */
export const ownAccountApi = {
  changePassword: (oldPassword: string, newPassword: string) =>
    request<void>('POST', `${base}/account/password`, { oldPassword, newPassword }),
};

/** The signed-in user's second factor (动态口令): enrolment, recovery codes. */
export const secondFactorApi = {
  status: () => request<SecondFactorStatus>('GET', `${base}/account/second-factor`),
  start: () => request<TotpEnrolmentView>('POST', `${base}/account/second-factor/enrolment`),
  confirm: (code: string) =>
    request<RecoveryCodesView>('POST', `${base}/account/second-factor/enrolment/confirm`, { code }),
  regenerateRecoveryCodes: (code: string) =>
    request<RecoveryCodesView>('POST', `${base}/account/second-factor/recovery-codes`, { code }),
};

/** The security administrator's care of sign-in: failed logins and locks, unlock, reset of a second factor. */
export const securityAdminApi = {
  accounts: (search?: string) =>
    request<{ items: SignInAccountView[] }>(
      'GET',
      `${base}/admin/security/accounts${search ? `?search=${encodeURIComponent(search)}` : ''}`,
    ).then((r) => r.items),
  unlock: (userId: string) =>
    request<{ clients: number }>('POST', `${base}/admin/security/accounts/${encodeURIComponent(userId)}/unlock`),
  resetSecondFactor: (userId: string) =>
    request<{ sessionsEnded: number }>(
      'DELETE',
      `${base}/admin/security/accounts/${encodeURIComponent(userId)}/second-factor`,
    ),
};

/** The signed-in user's own sessions (登录设备): list them, end one, end all but this one. */
export const accountSessionsApi = {
  list: () => call(sessionEndpoints.list).then((r) => r.items),
  end: (sessionId: string) => call(sessionEndpoints.end, { params: { sessionId } }),
  endOthers: () => call(sessionEndpoints.endOthers),
};

const applicantAccount = (unitId: string) => `${base}/applicant-accounts/${encodeURIComponent(unitId)}`;

/** An applicant unit's account, cared for by its city (or the province). */
export const applicantAccountApi = {
  get: (unitId: string) => request<ApplicantAccountView>('GET', applicantAccount(unitId)),
  resetPassword: (unitId: string, verifiedBy: string) =>
    request<OneTimePasswordView>('POST', `${applicantAccount(unitId)}/reset-password`, { verifiedBy }),
  transfer: (unitId: string, input: ApplicantTransferInput) =>
    request<OneTimePasswordView>('POST', `${applicantAccount(unitId)}/transfer`, input),
};
