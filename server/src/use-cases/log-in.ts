import { createHash, randomBytes } from 'node:crypto';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { matchTotp, newTotpSecret, recoveryCodeHash } from '../domain/totp.js';
import type { FailureCount } from '../repositories/sign-in-repository.js';
import type { UserRow } from '../repositories/user-repository.js';
import { solveCaptcha } from './captcha.js';
import type { Context, RequestOrigin } from './context.js';
import type { PasswordHasher } from './password-hasher.js';
import { openSession } from './sessions.js';
import {
  accountLedger,
  ACCOUNT_CAPTCHA_FAILURES_PER_HOUR,
  CAPTCHA_AFTER_FAILURES,
  captchaRequired,
  isLocked,
  UNLOCK_ATTEMPTS,
  type FailureLedger,
} from './sign-in-guard.js';

/** How long the step between password and second factor may take. */
const CHALLENGE_SECONDS = 5 * 60;

export type OpenedSession = Awaited<ReturnType<typeof openSession>>;
export type LoginOutcome =
  { next: 'session'; session: OpenedSession } | { next: 'totp'; challenge: string; expiresInSeconds: number };

export interface LoginInput {
  username: string;
  password: string;
  captchaId?: string;
  captchaAnswer?: string;
}

/** A hash of an unguessable password per hasher, verified for unknown user names so both paths cost the same. */
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();
/** A secret no account has, checked against for names without a second factor so every unlock costs the same. */
const DUMMY_TOTP_SECRET = newTotpSecret();

const challengeHash = (challenge: string): string =>
  createHash('sha256').update(`login-challenge\n${challenge}`).digest('hex');

/** The client a lock is kept for: its address, as Fastify resolves it (behind a trusted proxy, the one the proxy saw). */
const clientKeyOf = (origin: RequestOrigin): string => origin.ip ?? 'unknown';

interface Attempt {
  ctx: Context;
  origin: RequestOrigin;
  now: Date;
  user: UserRow | undefined;
  ledger: FailureLedger;
}

/**
 * The first step: the password. Attempts are counted per account and client before the password is
 * checked (sign-in-guard.ts): the 5th failure locks that client out of that account for 30 minutes, and
 * nothing is checked while the lock holds; after 3 failures (or 20 within the hour from all clients) a
 * captcha is required first. Unknown names get the same answers, counts and cost (a hash is verified).
 * A user with a second factor gets a challenge for the second step instead of a session; one who must
 * have one and has none gets a session that only reaches the enrolment (security.ts).
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
      await audit({ ...a, ctx: tx }, 'login.failure', { reason: 'captcha' });
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
      await audit({ ...a, ctx: tx }, 'login.password_accepted', { next: 'totp' });
    });
    return { next: 'totp', challenge, expiresInSeconds: CHALLENGE_SECONDS };
  }
  return { next: 'session', session: await complete(a, user, { secondFactor: 'none' }) };
}

/**
 * The second step: a TOTP code (accepted once: its time step must be newer than the last one used) or
 * a recovery code (used up). Each try counts as an attempt of that account and client like a password.
 */
export async function logInWithSecondFactor(
  ctx: Context,
  input: { challenge: string; code?: string; recoveryCode?: string },
  origin: RequestOrigin,
): Promise<OpenedSession> {
  const now = ctx.clock.now();
  const idHash = challengeHash(input.challenge);
  const challenge = await ctx.signIn.findChallenge(idHash);
  if (!challenge || challenge.client_key !== clientKeyOf(origin) || Date.parse(challenge.expires_at) <= now.getTime())
    throw new AppError('LOGIN_CHALLENGE_EXPIRED');
  const user = await ctx.users.findById(challenge.user_id);
  const secret = user && (await ctx.signIn.totpSecret(user.id));
  if (!user || !secret) throw new AppError('LOGIN_CHALLENGE_EXPIRED');
  const a: Attempt = { ctx, origin, now, user, ledger: accountLedger(ctx, user.id, clientKeyOf(origin)) };
  const count = await a.ledger.take(now);
  if (count.failures > ctx.config.lockoutThreshold) throw await refusedWhileLocked(a, count, idHash);
  await refuseDisabled(a, user);
  const step = input.code ? matchTotp(secret, input.code, now) : null;
  const method = input.recoveryCode ? 'recovery_code' : 'totp';
  const session = await ctx.transaction(async (tx) => {
    const accepted = input.recoveryCode
      ? await tx.signIn.useRecoveryCode(user.id, recoveryCodeHash(user.id, input.recoveryCode), now)
      : step !== null && (await tx.signIn.acceptTotpStep(user.id, step));
    if (!accepted) return null;
    await tx.signIn.deleteChallenge(idHash);
    return complete({ ...a, ctx: tx }, user, { secondFactor: method });
  });
  if (session) return session;
  const [reason, refusal]: [string, ErrorCode] = input.recoveryCode
    ? ['bad_recovery_code', 'RECOVERY_CODE_INVALID']
    : step === null
      ? ['bad_totp', 'TOTP_INVALID']
      : ['totp_replayed', 'TOTP_REPLAYED'];
  throw await failure(a, count, reason, refusal, ctx.config.lockoutThreshold, idHash);
}

/**
 * Password and TOTP code together, for a client locked out of the account (or any): the code is checked
 * first, so without the second factor no password is checked; both right clear the client's failures
 * and open the session. A locked client has UNLOCK_ATTEMPTS tries; names without a second factor, known
 * or not, get the same refusal after the same work.
 */
export async function unlockWithSecondFactor(
  ctx: Context,
  input: { username: string; password: string; code: string },
  origin: RequestOrigin,
): Promise<OpenedSession> {
  const a = await attemptFor(ctx, input.username, origin);
  const limit = ctx.config.lockoutThreshold + UNLOCK_ATTEMPTS;
  const count = await a.ledger.take(a.now, UNLOCK_ATTEMPTS);
  if (count.failures > limit) throw await refusedWhileLocked(a, count);
  const secret = a.user ? await ctx.signIn.totpSecret(a.user.id) : null;
  const step = matchTotp(secret ?? DUMMY_TOTP_SECRET, input.code, a.now);
  if (!a.user || !secret || step === null) throw await failure(a, count, 'unlock_bad_totp', 'UNLOCK_FAILED', limit);
  if (!(await ctx.passwords.verify(a.user.password_hash, input.password)))
    throw await failure(a, count, 'unlock_bad_password', 'UNLOCK_FAILED', limit);
  const user = a.user;
  await refuseDisabled(a, user);
  const session = await ctx.transaction(async (tx) => {
    if (!(await tx.signIn.acceptTotpStep(user.id, step))) return null;
    return complete({ ...a, ctx: tx }, user, { secondFactor: 'totp', unlocked: true });
  });
  if (session) return session;
  throw await failure(a, count, 'totp_replayed', 'TOTP_REPLAYED', limit);
}

async function attemptFor(ctx: Context, username: string, origin: RequestOrigin): Promise<Attempt> {
  const now = ctx.clock.now();
  const user = await ctx.users.findByUsername(username);
  const ledger = user
    ? accountLedger(ctx, user.id, clientKeyOf(origin))
    : ctx.unknownNames.ledger(ctx, username, clientKeyOf(origin));
  return { ctx, origin, now, user, ledger };
}

/**
 * A failure is audited and counted for the hour; the answer says when a captcha is needed next. When it
 * locks, the pending second-step challenge (`challenge`, its hash) ends in the same transaction.
 */
async function failure(
  a: Attempt,
  count: FailureCount,
  reason: string,
  refusal: ErrorCode,
  limit = a.ctx.config.lockoutThreshold,
  challenge?: string,
): Promise<AppError> {
  const locks = count.failures >= limit;
  const hourly = await a.ctx.transaction(async (tx) => {
    if (locks && challenge) await tx.signIn.deleteChallenge(challenge);
    const n = await a.ledger.countFailure(tx, a.now);
    await audit(
      { ...a, ctx: tx },
      'login.failure',
      a.user ? { reason, failures: count.failures, locked: locks } : { reason },
    );
    return n;
  });
  if (locks) return lockedError(count.lockedUntil, a.now);
  return new AppError(refusal, undefined, {
    captchaRequired: count.failures >= CAPTCHA_AFTER_FAILURES || hourly >= ACCOUNT_CAPTCHA_FAILURES_PER_HOUR,
  });
}

/** A refusal while locked is audited; a pending second-step challenge (`challenge`, its hash) ends with it. */
async function refusedWhileLocked(a: Attempt, count: FailureCount, challenge?: string): Promise<AppError> {
  await a.ctx.transaction(async (tx) => {
    if (challenge) await tx.signIn.deleteChallenge(challenge);
    await audit({ ...a, ctx: tx }, 'login.failure', { reason: 'locked' });
  });
  return lockedError(count.lockedUntil, a.now);
}

function lockedError(lockedUntil: string | null, now: Date): AppError {
  const minutes = lockedUntil ? Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000)) : 30;
  return new AppError(
    'ACCOUNT_LOCKED',
    `该账号在本设备上连续登录失败次数过多，已暂停登录，请于 ${minutes} 分钟后再试；已启用动态口令的用户可用动态口令解锁，也可请安全管理员解锁`,
  );
}

/** A disabled account is told so, but only to someone who knew its password. */
async function refuseDisabled(a: Attempt, user: UserRow): Promise<void> {
  if (!user.disabled_at) return;
  await audit(a, 'login.failure', { reason: 'disabled' });
  throw new AppError('ACCOUNT_DISABLED');
}

/** Both factors (or the only one) passed: the client's failures are forgotten and the session opens. */
async function complete(a: Attempt, user: UserRow, detail: Record<string, unknown>): Promise<OpenedSession> {
  return a.ctx.transaction(async (tx) => {
    await a.ledger.clear(tx);
    await tx.signIn.recordLogin(user.id, a.now);
    await audit({ ...a, ctx: tx }, 'login.success', detail);
    return openSession(tx, user.id, a.origin);
  });
}

/** Login events name the account only when it exists, never what was typed into the user-name field. */
async function audit(a: Attempt, action: string, detail: Record<string, unknown>): Promise<void> {
  const who = a.user
    ? { actorUserId: a.user.id, actorName: a.user.username, targetId: a.user.id }
    : { actorUserId: null, actorName: null };
  await a.ctx.audit.record({ ...who, ip: a.origin.ip, action, targetType: 'user', detail }, a.now);
}

async function verifyDummy(ctx: Context, password: string): Promise<void> {
  let hash = dummyHashes.get(ctx.passwords);
  if (!hash) {
    hash = ctx.passwords.hash(randomBytes(16).toString('hex'));
    dummyHashes.set(ctx.passwords, hash);
  }
  await ctx.passwords.verify(await hash, password);
}
