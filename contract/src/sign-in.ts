import { z } from 'zod';
import { roleSchema, type SessionView } from './auth.js';

/** A six-digit code from the authenticator app (spaces allowed, as some apps show "123 456"). */
export const totpCodeSchema = z
  .string({ error: '须填写' })
  .trim()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { error: '动态口令为6位数字' }));

/** A recovery code as printed (groups of four, hyphens and case optional). */
export const recoveryCodeSchema = z
  .string({ error: '须填写' })
  .trim()
  .min(16, { error: '恢复码为16位字母和数字' })
  .max(24, { error: '恢复码为16位字母和数字' });

/** The second step of a login: the challenge of the first, and a TOTP code or a recovery code. */
export const loginSecondFactorInputSchema = z
  .object({
    challenge: z.string({ error: '须填写' }).min(1).max(100),
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine((input) => (input.code === undefined) !== (input.recoveryCode === undefined), {
    error: '请填写动态口令或恢复码（二者填一项）',
    path: ['code'],
  });

/** Unlocking a client locked out of an account: password and a TOTP code together. */
export const unlockInputSchema = z.object({
  username: z.string({ error: '须填写' }).trim().min(1, { error: '须填写' }).max(64),
  password: z.string({ error: '须填写' }).min(1, { error: '须填写' }).max(128),
  code: totpCodeSchema,
});

export const totpConfirmInputSchema = z.object({ code: totpCodeSchema });

/** The answer to the password step when a second factor follows: no session yet. */
export const secondFactorChallengeSchema = z.object({
  next: z.literal('totp'),
  challenge: z.string(),
  expiresInSeconds: z.number().int(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;

/** The answer to a login: the session, or the challenge of the second step. */
export type LoginAnswer = SessionView | SecondFactorChallenge;

export const isSecondFactorChallenge = (answer: LoginAnswer): answer is SecondFactorChallenge =>
  'next' in answer && answer.next === 'totp';

/** A graphic captcha: its id (sent back with the answer) and the image as an SVG data URL. */
export const captchaViewSchema = z.object({
  id: z.string(),
  image: z.string(),
  expiresInSeconds: z.number().int(),
});
export type CaptchaView = z.infer<typeof captchaViewSchema>;

/** The signed-in user's second factor. */
export const secondFactorStatusSchema = z.object({
  enrolled: z.boolean(),
  enabledAt: z.string().nullable(),
  /** The user must have one (their role, or their authority requires it). */
  required: z.boolean(),
  /** An enrolment was started and not confirmed. */
  pending: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type SecondFactorStatus = z.infer<typeof secondFactorStatusSchema>;

/** A started enrolment: the secret for the app, as a QR code (SVG data URL) and as text. */
export const totpEnrolmentViewSchema = z.object({
  secret: z.string(),
  uri: z.string(),
  qrCode: z.string(),
});
export type TotpEnrolmentView = z.infer<typeof totpEnrolmentViewSchema>;

/** Recovery codes, shown this once. */
export const recoveryCodesViewSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesView = z.infer<typeof recoveryCodesViewSchema>;

/** Failed logins of an account from one client (its address). */
export const signInClientViewSchema = z.object({
  client: z.string(),
  failures: z.number().int(),
  lockedUntil: z.string().nullable(),
  lastAttemptAt: z.string(),
});
export type SignInClientView = z.infer<typeof signInClientViewSchema>;

/** An account as the security administrator sees it: failures, locks and second factor. */
export const signInAccountViewSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  authorityCode: z.string().nullable(),
  authorityName: z.string().nullable(),
  secondFactor: z.enum(['enabled', 'pending', 'none']),
  secondFactorRequired: z.boolean(),
  secondFactorEnabledAt: z.string().nullable(),
  locked: z.boolean(),
  failuresLastHour: z.number().int(),
  clients: z.array(signInClientViewSchema),
});
export type SignInAccountView = z.infer<typeof signInAccountViewSchema>;
