import { z } from 'zod';
import {
  accountViewSchema,
  applicantAccountViewSchema,
  applicantResetInputSchema,
  applicantTransferInputSchema,
  authoritySecurityViewSchema,
  changePasswordInputSchema,
  createAccountInputSchema,
  oneTimePasswordViewSchema,
  requireTotpInputSchema,
} from '../accounts.js';
import { demoAccountSchema, loginInputSchema, registerInputSchema, sessionViewSchema } from '../auth.js';
import { activeSessionSchema } from '../sessions.js';
import {
  captchaViewSchema,
  loginSecondFactorInputSchema,
  recoveryCodesViewSchema,
  secondFactorChallengeSchema,
  secondFactorStatusSchema,
  signInAccountViewSchema,
  totpConfirmInputSchema,
  totpEnrolmentViewSchema,
  unlockInputSchema,
} from '../sign-in.js';
import { endpoint, noContent } from './endpoint.js';

/** The `:userId` of an official's or administrator's account. */
const userParams = z.object({ userId: z.uuid({ error: '账号编号格式不正确' }) });
/** The `:unitId` of an applicant unit. */
const unitParams = z.object({ unitId: z.uuid({ error: '申报单位编号格式不正确' }) });
/** The `:authorityCode` of a city authority. */
const authorityParams = z.object({
  authorityCode: z
    .string()
    .regex(/^\d{6}(-[A-Z]{3})?$/, { error: '主管部门代码须为6位数字（可带三位大写字母后缀，如 410100-HKQ）' }),
});
const sessionParams = z.object({ sessionId: z.string().regex(/^[\w-]{22}$/, { error: '格式不正确' }) });

/** Signing in and out: the current session, the two steps of a login, the unlock, the captcha, registration. */
export const authEndpoints = {
  session: endpoint({ method: 'GET', path: '/api/v1/session', response: sessionViewSchema }),
  login: endpoint({
    method: 'POST',
    path: '/api/v1/auth/login',
    body: loginInputSchema,
    response: z.union([sessionViewSchema, secondFactorChallengeSchema]),
  }),
  loginSecondFactor: endpoint({
    method: 'POST',
    path: '/api/v1/auth/login/totp',
    body: loginSecondFactorInputSchema,
    response: sessionViewSchema,
  }),
  unlock: endpoint({
    method: 'POST',
    path: '/api/v1/auth/unlock',
    body: unlockInputSchema,
    response: sessionViewSchema,
  }),
  captcha: endpoint({ method: 'POST', path: '/api/v1/auth/captcha', response: captchaViewSchema }),
  register: endpoint({
    method: 'POST',
    path: '/api/v1/auth/register',
    body: registerInputSchema,
    response: sessionViewSchema,
  }),
  logout: endpoint({ method: 'POST', path: '/api/v1/auth/logout', status: 204, response: noContent }),
  demoAccounts: endpoint({ method: 'GET', path: '/api/v1/demo-accounts', response: z.array(demoAccountSchema) }),
};

/** The system administrator's accounts of officials and administrators, and the second factor per city. */
export const accountAdminEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/admin/accounts',
    response: z.object({ items: z.array(accountViewSchema) }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/v1/admin/accounts',
    body: createAccountInputSchema,
    status: 201,
    response: oneTimePasswordViewSchema,
  }),
  disable: endpoint({
    method: 'POST',
    path: '/api/v1/admin/accounts/:userId/disable',
    params: userParams,
    response: accountViewSchema,
  }),
  enable: endpoint({
    method: 'POST',
    path: '/api/v1/admin/accounts/:userId/enable',
    params: userParams,
    response: accountViewSchema,
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/v1/admin/accounts/:userId/reset-password',
    params: userParams,
    response: oneTimePasswordViewSchema,
  }),
  authorities: endpoint({
    method: 'GET',
    path: '/api/v1/admin/authorities',
    response: z.object({ items: z.array(authoritySecurityViewSchema) }),
  }),
  setRequireTotp: endpoint({
    method: 'PUT',
    path: '/api/v1/admin/authorities/:authorityCode/require-totp',
    params: authorityParams,
    body: requireTotpInputSchema,
    response: authoritySecurityViewSchema,
  }),
};

/** The signed-in user's own password. */
export const ownAccountEndpoints = {
  changePassword: endpoint({
    method: 'POST',
    path: '/api/v1/account/password',
    body: changePasswordInputSchema,
    status: 204,
    response: noContent,
  }),
};

/** The signed-in user's second factor (动态口令): status, enrolment, recovery codes. */
export const secondFactorEndpoints = {
  status: endpoint({ method: 'GET', path: '/api/v1/account/second-factor', response: secondFactorStatusSchema }),
  start: endpoint({
    method: 'POST',
    path: '/api/v1/account/second-factor/enrolment',
    response: totpEnrolmentViewSchema,
  }),
  confirm: endpoint({
    method: 'POST',
    path: '/api/v1/account/second-factor/enrolment/confirm',
    body: totpConfirmInputSchema,
    response: recoveryCodesViewSchema,
  }),
  regenerateRecoveryCodes: endpoint({
    method: 'POST',
    path: '/api/v1/account/second-factor/recovery-codes',
    body: totpConfirmInputSchema,
    response: recoveryCodesViewSchema,
  }),
};

/** The security administrator's care of sign-in: failed logins and locks, unlock, reset of a second factor. */
export const securityAdminEndpoints = {
  accounts: endpoint({
    method: 'GET',
    path: '/api/v1/admin/security/accounts',
    query: z.object({ search: z.string().max(64).optional() }),
    response: z.object({ items: z.array(signInAccountViewSchema) }),
  }),
  unlock: endpoint({
    method: 'POST',
    path: '/api/v1/admin/security/accounts/:userId/unlock',
    params: userParams,
    /** How many clients' locks and failures ended. */
    response: z.object({ clients: z.number().int() }),
  }),
  resetSecondFactor: endpoint({
    method: 'DELETE',
    path: '/api/v1/admin/security/accounts/:userId/second-factor',
    params: userParams,
    response: z.object({ sessionsEnded: z.number().int() }),
  }),
};

/** The signed-in user's own sessions: list them, end one, end all others. */
export const sessionEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/account/sessions',
    response: z.object({ items: z.array(activeSessionSchema) }),
  }),
  end: endpoint({
    method: 'DELETE',
    path: '/api/v1/account/sessions/:sessionId',
    params: sessionParams,
    status: 204,
    response: noContent,
  }),
  endOthers: endpoint({
    method: 'DELETE',
    path: '/api/v1/account/sessions',
    response: z.object({ ended: z.number().int() }),
  }),
};

/** An applicant unit's account, cared for by its city (or the province). */
export const applicantAccountEndpoints = {
  get: endpoint({
    method: 'GET',
    path: '/api/v1/applicant-accounts/:unitId',
    params: unitParams,
    response: applicantAccountViewSchema,
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/v1/applicant-accounts/:unitId/reset-password',
    params: unitParams,
    body: applicantResetInputSchema,
    response: oneTimePasswordViewSchema,
  }),
  transfer: endpoint({
    method: 'POST',
    path: '/api/v1/applicant-accounts/:unitId/transfer',
    params: unitParams,
    body: applicantTransferInputSchema,
    response: oneTimePasswordViewSchema,
  }),
};
