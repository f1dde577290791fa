import { z } from 'zod';
import type { Role, SessionView } from './auth.js';

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
export interface SecondFactorChallenge {
  next: 'totp';
  challenge: string;
  expiresInSeconds: number;
}

/** The answer to a login: the session, or the challenge of the second step. */
export type LoginAnswer = SessionView | SecondFactorChallenge;

export const isSecondFactorChallenge = (answer: LoginAnswer): answer is SecondFactorChallenge =>
  'next' in answer && answer.next === 'totp';

/** A graphic captcha: its id (sent back with the answer) and the image as an SVG data URL. */
export interface CaptchaView {
  id: string;
  image: string;
  expiresInSeconds: number;
}

/** The signed-in user's second factor. */
export interface SecondFactorStatus {
  enrolled: boolean;
  enabledAt: string | null;
  /** The user must have one (their role, or their authority requires it). */
  required: boolean;
  /** An enrolment was started and not confirmed. */
  pending: boolean;
  recoveryCodesLeft: number;
}

/** A started enrolment: the secret for the app, as a QR code (SVG data URL) and as text. */
export interface TotpEnrolmentView {
  secret: string;
  uri: string;
  qrCode: string;
}

/** Recovery codes, shown this once. */
export interface RecoveryCodesView {
  recoveryCodes: string[];
}

/** Failed logins of an account from one client (its address). */
export interface SignInClientView {
  client: string;
  failures: number;
  lockedUntil: string | null;
  lastAttemptAt: string;
}

/** An account as the security administrator sees it: failures, locks and second factor. */
export interface SignInAccountView {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  authorityCode: string | null;
  authorityName: string | null;
  secondFactor: 'enabled' | 'pending' | 'none';
  secondFactorRequired: boolean;
  secondFactorEnabledAt: string | null;
  locked: boolean;
  failuresLastHour: number;
  clients: SignInClientView[];
}
