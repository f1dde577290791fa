import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * The second factor: TOTP (RFC 6238) as every authenticator app reads it from an otpauth:// URI —
 * HMAC-SHA-1, 6 digits, 30-second steps, a 160-bit secret — and one-time recovery codes.
 */
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const TOTP_ALGORITHM = 'SHA1';
/** Codes of the step before and after the current one are accepted too: clocks drift, people type slowly. */
const TOTP_WINDOW = 1;
export const TOTP_ISSUER = '河南省中小企业示范平台申报';

/** A new random secret, base32 as apps show it for entry by hand. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI a QR code carries. */
export function totpUri(secretBase32: string, accountName: string): string {
  return totpFor(secretBase32, accountName).toString();
}

/** The code of `secretBase32` at `at` (tests, and the demo's documentation). */
export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

/** The time step (counter) a moment falls in. */
export function totpStep(at: Date): number {
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: at.getTime() });
}

/**
 * The time step whose code `code` is, within one step of `at`; null when it matches none (compared in
 * constant time by the library). The caller refuses a step not newer than the last one used (replay).
 */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(at) + delta;
}

function totpFor(secretBase32: string, label = 'account'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** Recovery codes: 16 characters of an alphabet without look-alikes (80 bits), shown in groups of four. */
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECOVERY_LENGTH = 16;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: RECOVERY_LENGTH },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]!,
    ).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/**
 * How a recovery code is stored: SM3 of the user's id and the code without separators, case ignored.
 * The codes carry 80 random bits, so a fast hash suffices; the user id keeps equal codes of two users apart.
 */
export function recoveryCodeHash(userId: string, code: string): string {
  const normalized = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sm3').update(`${userId}\n${normalized}`, 'utf8').digest('hex');
}
