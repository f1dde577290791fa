import { z } from 'zod';
import { passwordSchema, roleSchema } from './auth.js';
import { mobileOrLandline, requiredText } from './validation.js';

/** The roles the system administrator gives an account; applicants register their unit themselves. */
export const administeredRoles = ['province', 'city', 'sysadmin', 'secadmin', 'auditadmin', 'expert'] as const;
export type AdministeredRole = (typeof administeredRoles)[number];

export const usernameSchema = z
  .string({ error: '须填写' })
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{3,64}$/, { error: '须为3–64位字母、数字或 _ . @ -' });

/** A new official's or administrator's account; a city official belongs to one of the 18 city authorities. */
export const createAccountInputSchema = z
  .object({
    username: usernameSchema,
    displayName: requiredText(50),
    role: z.enum(administeredRoles, { error: '须选择角色' }),
    authorityCode: z.string().trim().max(20).nullish(),
    /** The expert of the province's pool the account is for (role expert only). */
    expertId: z.uuid({ error: '专家编号格式不正确' }).nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.role === 'city' && !input.authorityCode)
      ctx.addIssue({ code: 'custom', path: ['authorityCode'], message: '市级主管部门账号须选择所属主管部门' });
    if (input.role !== 'city' && input.authorityCode)
      ctx.addIssue({ code: 'custom', path: ['authorityCode'], message: '只有市级主管部门账号属于某个主管部门' });
    if (input.role === 'expert' && !input.expertId)
      ctx.addIssue({ code: 'custom', path: ['expertId'], message: '评审专家账号须对应专家库中的一位专家' });
    if (input.role !== 'expert' && input.expertId)
      ctx.addIssue({ code: 'custom', path: ['expertId'], message: '只有评审专家账号对应专家库中的专家' });
  });
export type CreateAccountInput = z.infer<typeof createAccountInputSchema>;

/** Changing one's own password: the current one, and a new one that meets today's policy. */
export const changePasswordInputSchema = z.object({
  oldPassword: z.string({ error: '须填写' }).min(1, { error: '须填写' }).max(128, { error: '不能超过128位' }),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

/** How the official checked who asked for an applicant's reset (a call back to the registered phone, a sealed letter, …). */
const verifiedBy = requiredText(200);

export const applicantResetInputSchema = z.object({ verifiedBy });
export type ApplicantResetInput = z.infer<typeof applicantResetInputSchema>;

/** The unit's new contact person, who receives the account. */
export const applicantTransferInputSchema = z.object({
  contactName: requiredText(50),
  contactPhone: mobileOrLandline,
  verifiedBy,
});
export type ApplicantTransferInput = z.infer<typeof applicantTransferInputSchema>;

export const requireTotpInputSchema = z.object({ requireTotp: z.boolean({ error: '须为是或否' }) });

export const accountStates = { active: '正常', disabled: '已停用', locked: '已锁定' } as const;
export type AccountState = keyof typeof accountStates;
const accountStateSchema = z.enum(Object.keys(accountStates) as [AccountState, ...AccountState[]]);

/** One account in the system administrator's list. */
export const accountViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  authorityCode: z.string().nullable(),
  authorityName: z.string().nullable(),
  state: accountStateSchema,
  /** The password is a one-time password not yet changed. */
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

/** An account with the one-time password it was just given: shown once, never stored in clear. */
export const oneTimePasswordViewSchema = z.object({
  account: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  oneTimePassword: z.string(),
});
export type OneTimePasswordView = z.infer<typeof oneTimePasswordViewSchema>;

/** An authority and whether its officials must sign in with a second factor. */
export const authoritySecurityViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['city', 'province']),
  requireTotp: z.boolean(),
});
export type AuthoritySecurityView = z.infer<typeof authoritySecurityViewSchema>;

/** An applicant unit's account as its city sees it before a reset or a transfer; the phone masked. */
export const applicantAccountViewSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  uscc: z.string(),
  username: z.string(),
  contactName: z.string(),
  /** Masked (138****1234). */
  contactPhone: z.string(),
  state: accountStateSchema,
  lastLoginAt: z.string().nullable(),
});
export type ApplicantAccountView = z.infer<typeof applicantAccountViewSchema>;
