import {
  accountAdminEndpoints,
  applicantAccountEndpoints,
  authEndpoints,
  isSecondFactorChallenge,
  ownAccountEndpoints,
  secondFactorEndpoints,
  securityAdminEndpoints,
  sessionEndpoints,
  type AdministeredRole,
  type ApplicantTransferInput,
  type RegisterInput,
  type SessionView,
} from '#contract';
import { call, rememberCsrfToken } from './client';

function remember(session: SessionView): SessionView {
  rememberCsrfToken(session.csrfToken);
  return session;
}

export const sessionApi = {
  current: (signal?: AbortSignal) => call(authEndpoints.session, { signal }).then(remember),
  /** The password step: the session, or the challenge of the second factor. */
  login: (input: { username: string; password: string; captchaId?: string; captchaAnswer?: string }) =>
    call(authEndpoints.login, { body: input }).then((answer) =>
      isSecondFactorChallenge(answer) ? answer : remember(answer),
    ),
  loginSecondFactor: (challenge: string, factor: { code: string } | { recoveryCode: string }) =>
    call(authEndpoints.loginSecondFactor, { body: { challenge, ...factor } }).then(remember),
  /** Password and code together: ends this device's lock on the account and signs in. */
  unlock: (username: string, password: string, code: string) =>
    call(authEndpoints.unlock, { body: { username, password, code } }).then(remember),
  captcha: () => call(authEndpoints.captcha),
  register: (input: RegisterInput) => call(authEndpoints.register, { body: input }).then(remember),
  logout: (): Promise<void> => call(authEndpoints.logout).then(() => undefined),
  demoAccounts: (signal?: AbortSignal) => call(authEndpoints.demoAccounts, { signal }),
};

/** The system administrator's accounts of officials and administrators, and the second factor per city. */
export const accountAdminApi = {
  list: (signal?: AbortSignal) => call(accountAdminEndpoints.list, { signal }).then((r) => r.items),
  create: (input: {
    username: string;
    displayName: string;
    role: AdministeredRole;
    authorityCode: string | null;
    expertId: string | null;
  }) => call(accountAdminEndpoints.create, { body: input }),
  disable: (id: string) => call(accountAdminEndpoints.disable, { params: { userId: id } }),
  enable: (id: string) => call(accountAdminEndpoints.enable, { params: { userId: id } }),
  resetPassword: (id: string) => call(accountAdminEndpoints.resetPassword, { params: { userId: id } }),
  authorities: (signal?: AbortSignal) => call(accountAdminEndpoints.authorities, { signal }).then((r) => r.items),
  setRequireTotp: (code: string, requireTotp: boolean) =>
    call(accountAdminEndpoints.setRequireTotp, { params: { authorityCode: code }, body: { requireTotp } }),
};

/** The signed-in user's own password. */
export const ownAccountApi = {
  changePassword: (oldPassword: string, newPassword: string) =>
    call(ownAccountEndpoints.changePassword, { body: { oldPassword, newPassword } }).then(() => undefined),
};

/** The signed-in user's second factor (动态口令): enrolment, recovery codes. */
export const secondFactorApi = {
  status: (signal?: AbortSignal) => call(secondFactorEndpoints.status, { signal }),
  start: () => call(secondFactorEndpoints.start),
  confirm: (code: string) => call(secondFactorEndpoints.confirm, { body: { code } }),
  regenerateRecoveryCodes: (code: string) => call(secondFactorEndpoints.regenerateRecoveryCodes, { body: { code } }),
};

/** The security administrator's care of sign-in: failed logins and locks, unlock, reset of a second factor. */
export const securityAdminApi = {
  accounts: (search?: string, signal?: AbortSignal) =>
    call(securityAdminEndpoints.accounts, { query: { search }, signal }).then((r) => r.items),
  unlock: (userId: string) => call(securityAdminEndpoints.unlock, { params: { userId } }),
  resetSecondFactor: (userId: string) => call(securityAdminEndpoints.resetSecondFactor, { params: { userId } }),
};

/** The signed-in user's own sessions (登录设备): list them, end one, end all but this one. */
export const accountSessionsApi = {
  list: (signal?: AbortSignal) => call(sessionEndpoints.list, { signal }).then((r) => r.items),
  end: (sessionId: string) => call(sessionEndpoints.end, { params: { sessionId } }),
  endOthers: () => call(sessionEndpoints.endOthers),
};

/** An applicant unit's account, cared for by its city (or the province). */
export const applicantAccountApi = {
  get: (unitId: string, signal?: AbortSignal) => call(applicantAccountEndpoints.get, { params: { unitId }, signal }),
  resetPassword: (unitId: string, verifiedBy: string) =>
    call(applicantAccountEndpoints.resetPassword, { params: { unitId }, body: { verifiedBy } }),
  transfer: (unitId: string, input: ApplicantTransferInput) =>
    call(applicantAccountEndpoints.transfer, { params: { unitId }, body: input }),
};
