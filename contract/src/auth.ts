import { z } from 'zod';
import { mobileOrLandline, requiredText } from './validation.js';

/**
 * Business roles (applicant, city, province) and the three administrators of 三员分立, none of whom
 * acts as another or touches business data: system (accounts, authorities, batches), security
 * (password, lockout and session policy; unlocking; second factors), audit (reads and verifies the log).
 */
export const roles = {
  applicant: '申报单位',
  city: '市级主管部门',
  province: '省工信厅',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditadmin: '审计管理员',
  /** A member of the province's expert pool (专家评审): reads only the blind material of what it was drawn for. */
  expert: '评审专家',
} as const;
export type Role = keyof typeof roles;
export const roleSchema = z.enum(Object.keys(roles) as [Role, ...Role[]]);

/** At least 8 characters with 3 of the 4 classes: lower, upper, digit, symbol. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 8) return '密码至少8位';
  if (pw.length > 128) return '密码不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  return classes >= 3 ? null : '密码须包含大写字母、小写字母、数字、符号中的至少三类';
}

export const passwordSchema = z.string({ error: '须填写' }).superRefine((pw, ctx) => {
  const problem = passwordProblem(pw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const registerInputSchema = z.object({
  username: z
    .string({ error: '须填写' })
    .trim()
    .regex(/^[A-Za-z0-9_.@-]{3,64}$/, { error: '须为3–64位字母、数字或 _ . @ -' }),
  password: passwordSchema,
  unitName: requiredText(100),
  uscc: z.string({ error: '须填写' }).trim().min(1, { error: '须填写' }).max(30),
  regionCode: z.string({ error: '须选择' }).min(1, { error: '须选择' }),
  contactName: requiredText(50),
  contactPhone: mobileOrLandline,
});
export type RegisterInput = z.infer<typeof registerInputSchema>;

export const loginInputSchema = z.object({
  username: z.string({ error: '须填写' }).trim().min(1, { error: '须填写' }).max(64),
  password: z.string({ error: '须填写' }).min(1, { error: '须填写' }).max(128),
  /** The graphic captcha, once the server asks for one (after failed attempts). */
  captchaId: z.string().max(100).optional(),
  captchaAnswer: z.string().max(20).optional(),
});

/** The session as the web app starts from it: who is signed in (or nobody), the CSRF token, the idle limit. */
export const sessionViewSchema = z.object({
  user: z
    .object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: roleSchema,
      unitId: z.string().nullable(),
      authorityCode: z.string().nullable(),
      /** Signed in with a one-time password: only the change of password (and logout) is open until it is changed. */
      mustChangePassword: z.boolean(),
      /** The user must sign in with a second factor (their role, or their authority requires it). */
      totpRequired: z.boolean(),
      /** The user has a second factor; required and missing, only its enrolment (and logout) is open. */
      totpEnrolled: z.boolean(),
    })
    .nullable(),
  csrfToken: z.string().nullable(),
  idleTimeoutSeconds: z.number().int(),
  demo: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** A shared account of the demo environment, with its password, as the login page lists it. */
export const demoAccountSchema = z.object({
  username: z.string(),
  password: z.string(),
  role: roleSchema,
  description: z.string(),
});
export type DemoAccount = z.infer<typeof demoAccountSchema>;
