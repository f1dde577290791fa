import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { Context, RequestOrigin } from './context.js';
import { captchaRequired, isLocked } from './guards/login-failures.js';
import type { PasswordHasher } from './password-hasher.js';
import { solveCaptcha } from './steps/captcha.js';
import type { OpenedSession } from './steps/open-session.js';
import {
  attemptFor,
  auditAttempt,
  challengeHash,
  clientKeyOf,
  complete,
  failure,
  refuseDisabled,
  refusedWhileLocked,
} from './steps/sign-in-attempt.js';

/** How long the step between password and second factor may take. */
const CHALLENGE_SECONDS = 5 * 60;

type LoginOutcome =
  { next: 'session'; session: OpenedSession } | { next: 'totp'; challenge: string; expiresInSeconds: number };

interface LoginInput {
  username: string;
  password: string;
  captchaId?: string;
  captchaAnswer?: string;
}

/** A hash of an unguessable password per hasher, verified for unknown user names so both paths cost the same. */
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

/**
 * The first step: the password. Attempts are counted per account and client before the password is
 * checked (guards/login-failures.ts): the 5th failure locks that client out of that account for 30
 * minutes, and nothing is checked while the lock holds; after 3 failures (or 20 within the hour from all
 * clients) a captcha is required first. Unknown names get the same answers, counts and cost (a hash is
 * verified). A user with a second factor gets a challenge for the second step instead of a session; one
 * who must have one and has none gets a session that only reaches the enrolment (security.ts).
 */
export async function logIn(ctx: Context, input: LoginInput, origin: RequestOrigin): Promise<LoginOutcome> {
  const a = await attemptFor(ctx, input.username, origin);
  const before = await a.ledger.current(a.now);
  if (isLocked(before, a.now)) throw await refusedWhileLocked(a, before!);
  if (await captchaRequired(a.ledger, before, a.now)) {
    if (!input.captchaId || !input.captchaAnswer)
      throw new AppError('CAPTCHA_REQUIRED', undefined, { captchaRequired: true });
    const solved = await ctx.transaction(async (tx) => {
      if (await solveCaptcha(tx, input.captchaId!, input.captchaAnswer!, a.now)) return true;
      await auditAttempt({ ...a, ctx: tx }, 'login.failure', { reason: 'captcha' });
      return false;
    });
    if (!solved) throw new AppError('CAPTCHA_INVALID', undefined, { captchaRequired: true });
  }
  const count = await a.ledger.take(a.now);
  if (count.failures > ctx.config.lockoutThreshold) throw await refusedWhileLocked(a, count);
  if (!a.user || !(await ctx.passwords.verify(a.user.password_hash, input.password))) {
    if (!a.user) await verifyDummy(ctx, input.password);
    throw await failure(a, count, a.user ? 'bad_password' : 'unknown_user', 'INVALID_CREDENTIALS');
  }
  const user = a.user;
  await refuseDisabled(a, user);
  if (user.totp_enabled_at) {
    const challenge = randomBytes(32).toString('base64url');
    await ctx.transaction(async (tx) => {
      await tx.signIn.insertChallenge(
        challengeHash(challenge),
        user.id,
        clientKeyOf(origin),
        new Date(a.now.getTime() + CHALLENGE_SECONDS * 1000),
        a.now,
      );
      await auditAttempt({ ...a, ctx: tx }, 'login.password_accepted', { next: 'totp' });
    });
    return { next: 'totp', challenge, expiresInSeconds: CHALLENGE_SECONDS };
  }
  return { next: 'session', session: await complete(a, user, { secondFactor: 'none' }) };
}

async function verifyDummy(ctx: Context, password: string): Promise<void> {
  let hash = dummyHashes.get(ctx.passwords);
  if (!hash) {
    hash = ctx.passwords.hash(randomBytes(16).toString('hex'));
    dummyHashes.set(ctx.passwords, hash);
  }
  await ctx.passwords.verify(await hash, password);
}
