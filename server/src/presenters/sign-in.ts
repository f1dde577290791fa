import type { CaptchaView, SecondFactorStatus, SignInAccountView, TotpEnrolmentView } from '#contract';
import type { SignInRepository } from '../repositories/sign-in-repository.js';
import type { UserRow } from '../repositories/user-repository.js';
import { isLocked } from '../use-cases/guards/login-failures.js';

export type SignInAccountRecord = Awaited<ReturnType<SignInRepository['securityAccounts']>>[number];
export type SignInFailureRecord = Awaited<ReturnType<SignInRepository['failuresOf']>>[number];

const svgDataUrl = (svg: string): string => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

/** A graphic captcha: its id and the image as an SVG data URL (the answer never leaves the server). */
export function presentCaptcha(id: string, svg: string, expiresInSeconds: number): CaptchaView {
  return { id, image: svgDataUrl(svg), expiresInSeconds };
}

/** A started enrolment: the secret as text, its otpauth:// URI and that URI as a QR code (SVG data URL). */
export function presentTotpEnrolment(secret: string, uri: string, qrCodeSvg: string): TotpEnrolmentView {
  return { secret, uri, qrCode: svgDataUrl(qrCodeSvg) };
}

export function presentSecondFactorStatus(
  user: Pick<UserRow, 'totp_enabled_at' | 'totp_pending_secret'>,
  required: boolean,
  recoveryCodesLeft: number,
): SecondFactorStatus {
  return {
    enrolled: user.totp_enabled_at !== null,
    enabledAt: user.totp_enabled_at,
    required,
    pending: user.totp_enabled_at === null && user.totp_pending_secret !== null,
    recoveryCodesLeft,
  };
}

/**
 * An account as the security administrator sees it: the clients it was tried from (`failures`, its own
 * rows) with the locks that hold at `now`, the failures of the hour, and its second factor.
 */
export function presentSignInAccount(
  a: SignInAccountRecord,
  failures: SignInFailureRecord[],
  facts: { now: Date; secondFactorRequired: boolean; failuresLastHour: number },
): SignInAccountView {
  const clients = failures.map((f) => ({
    client: f.client_key,
    failures: f.failures,
    lockedUntil: isLocked({ failures: f.failures, lockedUntil: f.locked_until }, facts.now) ? f.locked_until : null,
    lastAttemptAt: f.updated_at,
  }));
  return {
    userId: a.id,
    username: a.username,
    displayName: a.display_name,
    role: a.role,
    authorityCode: a.authority_code,
    authorityName: a.authority_name,
    secondFactor: a.totp_enabled_at ? 'enabled' : a.totp_pending_secret ? 'pending' : 'none',
    secondFactorRequired: facts.secondFactorRequired,
    secondFactorEnabledAt: a.totp_enabled_at,
    locked: clients.some((c) => c.lockedUntil !== null),
    failuresLastHour: facts.failuresLastHour,
    clients,
  };
}
