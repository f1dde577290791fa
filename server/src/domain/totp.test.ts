import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { captchaSvg, CAPTCHA_LENGTH, newCaptchaAnswer } from '../documents/captcha-image.js';
import {
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  RECOVERY_CODE_COUNT,
  totpCode,
  totpStep,
  totpUri,
} from './totp.js';

/** RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits, 30-second steps. */
const RFC_SECRET = Secret.fromLatin1('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('the library gives the RFC test vector at T = %i s', (seconds, expected) => {
    expect(
      TOTP.generate({ secret: RFC_SECRET, algorithm: 'SHA1', digits: 8, period: 30, timestamp: seconds * 1000 }),
    ).toBe(expected);
  });

  it.each(RFC_VECTORS)('our six-digit codes are the vector’s last six digits at T = %i s', (seconds, expected) => {
    expect(totpCode(RFC_SECRET.base32, new Date(seconds * 1000))).toBe(expected.slice(-6));
    expect(matchTotp(RFC_SECRET.base32, expected.slice(-6), new Date(seconds * 1000))).toBe(Math.floor(seconds / 30));
  });

  it('accepts the step before and after, not two away, and says which step matched', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-24T02:00:10Z');
    const step = totpStep(now);
    const at = (steps: number) => new Date(now.getTime() + steps * 30_000);
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, at(-1)), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, at(1)), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, at(-2)), now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, at(2)), now)).toBeNull();
  });

  it('takes the code with spaces, refuses anything but six digits', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-24T02:00:10Z');
    const code = totpCode(secret, now);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) expect(matchTotp(secret, bad, now)).toBeNull();
  });

  it('makes a 160-bit secret and an otpauth URI any authenticator app reads', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = totpUri(secret, 'luoyang');
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    const parsed = URI.parse(uri) as TOTP;
    expect(parsed).toMatchObject({ label: 'luoyang', algorithm: 'SHA1', digits: 6, period: 30 });
    expect(parsed.secret.base32).toBe(secret);
    expect(parsed.issuer).toBe('河南省中小企业示范平台申报');
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes of 16 characters without look-alikes, in groups of four', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
  });

  it('are hashed per user, case and separators ignored', () => {
    const [code] = newRecoveryCodes(1) as [string];
    const hash = recoveryCodeHash('user-1', code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.replace(/-/g, ''));
    expect(recoveryCodeHash('user-1', code.toLowerCase().replace(/-/g, ' '))).toBe(hash);
    expect(recoveryCodeHash('user-2', code)).not.toBe(hash);
  });
});

describe('graphic captcha', () => {
  it('draws the answer as glyph outlines: no text in the markup, a new picture every time', () => {
    const answer = newCaptchaAnswer();
    expect(answer).toMatch(new RegExp(`^[A-HJ-KM-NP-Z2-9]{${CAPTCHA_LENGTH}}$`));
    const svg = captchaSvg(answer);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<text|<tspan|font-family/);
    expect(svg).not.toContain(answer);
    expect(svg.match(/<path d="M/g)!.length).toBeGreaterThanOrEqual(CAPTCHA_LENGTH);
    expect(captchaSvg(answer)).not.toBe(svg);
  });
});
