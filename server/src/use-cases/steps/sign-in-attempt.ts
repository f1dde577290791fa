import { createHash } from 'node:crypto';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { FailureCount } from '../../repositories/sign-in-repository.js';
import type { UserRow } from '../../repositories/user-repository.js';
import type { Context, RequestOrigin } from '../context.js';
import {
  accountLedger,
  ACCOUNT_CAPTCHA_FAILURES_PER_HOUR,
  CAPTCHA_AFTER_FAILURES,
  type FailureLedger,
  unknownNameLedger,
} from '../guards/login-failures.js';
import { openSession, type OpenedSession } from './open-session.js';

/** The stored form of a second-step challenge: only its hash is kept. */
export const challengeHash = (challenge: string): string =>
  createHash('sha256').update(`login-challenge\n${challenge}`).digest('hex');

/** The client a lock is kept for: its address, as Fastify resolves it (behind a trusted proxy, the one the proxy saw). */
export const clientKeyOf = (origin: RequestOrigin): string => origin.ip ?? 'unknown';

/** One attempt to sign in: who (if the name is an account's), from where, when, and the ledger it counts in. */
export interface Attempt {
  ctx: Context;
  origin: RequestOrigin;
  now: Date;
  user: UserRow | undefined;
  ledger: FailureLedger;
}

/** An attempt on a user name: the account's ledger for this client, or the one of a name no account has. */
export async function attemptFor(ctx: Context, username: string, origin: RequestOrigin): Promise<Attempt> {
  const now = ctx.clock.now();
  const user = await ctx.users.findByUsername(username);
  const ledger = user
    ? accountLedger(ctx, user.id, clientKeyOf(origin))
    : unknownNameLedger(ctx, username, clientKeyOf(origin));
  return { ctx, origin, now, user, ledger };
}

/**
 * A failure is audited and counted for the hour; the answer says when a captcha is needed next. When it
 * locks, the pending second-step challenge (`challenge`, its hash) ends in the same transaction.
 */
export async function failure(
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
    await auditAttempt(
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
export async function refusedWhileLocked(a: Attempt, count: FailureCount, challenge?: string): Promise<AppError> {
  await a.ctx.transaction(async (tx) => {
    if (challenge) await tx.signIn.deleteChallenge(challenge);
    await auditAttempt({ ...a, ctx: tx }, 'login.failure', { reason: 'locked' });
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
export async function refuseDisabled(a: Attempt, user: UserRow): Promise<void> {
  if (!user.disabled_at) return;
  await auditAttempt(a, 'login.failure', { reason: 'disabled' });
  throw new AppError('ACCOUNT_DISABLED');
}

/** Both factors (or the only one) passed: the client's failures are forgotten and the session opens. */
export async function complete(a: Attempt, user: UserRow, detail: Record<string, unknown>): Promise<OpenedSession> {
  return a.ctx.transaction(async (tx) => {
    await a.ledger.clear(tx);
    await tx.signIn.recordLogin(user.id, a.now);
    await auditAttempt({ ...a, ctx: tx }, 'login.success', detail);
    return openSession(tx, user.id, a.origin);
  });
}

/** Login events name the account only when it exists, never what was typed into the user-name field. */
export async function auditAttempt(a: Attempt, action: string, detail: Record<string, unknown>): Promise<void> {
  const who = a.user
    ? { actorUserId: a.user.id, actorName: a.user.username, targetId: a.user.id }
    : { actorUserId: null, actorName: null };
  await a.ctx.audit.record({ ...who, ip: a.origin.ip, action, targetType: 'user', detail }, a.now);
}
