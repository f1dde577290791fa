import type { FailureCount } from '../../repositories/sign-in-repository.js';
import type { Context } from '../context.js';

/** After this many failures for an account from a client, that client must solve a captcha. */
export const CAPTCHA_AFTER_FAILURES = 3;
/** After this many failures for an account within an hour, from all clients together, every client must. */
export const ACCOUNT_CAPTCHA_FAILURES_PER_HOUR = 20;
/** Attempts to unlock with the second factor a locked client has, beyond the failures that locked it. */
export const UNLOCK_ATTEMPTS = 5;
const HOUR_SECONDS = 60 * 60;

/**
 * The failed attempts of one user name from one client. For an account they are rows of login_failures
 * (and a counter per account and hour); for a name no account has, the same counts are rows of
 * unknown_name_failures (and a counter per name and hour), so that a stranger sees the same answers —
 * captcha after 3, lock after 5 — whether the name exists or not, from any server process, after a restart.
 */
export interface FailureLedger {
  current(now: Date): Promise<FailureCount | undefined>;
  /** Counts an attempt before it is checked (see SignInRepository.takeAttempt). */
  take(now: Date, extraAttempts?: number): Promise<FailureCount>;
  /** The failures of this name within the hour, all clients together. */
  hourlyFailures(now: Date): Promise<number>;
  /** Adds a failure to the hourly count; returns it. Call it in the transaction of the failure's audit entry. */
  countFailure(tx: Context, now: Date): Promise<number>;
  /** A complete sign-in: the client's failures are forgotten. Call it in the transaction of the success. */
  clear(tx: Context): Promise<void>;
}

export const isLocked = (count: FailureCount | undefined, now: Date): boolean =>
  !!count?.lockedUntil && Date.parse(count.lockedUntil) > now.getTime();

/** Whether a client must solve a captcha before its next attempt on this name. */
export async function captchaRequired(
  ledger: FailureLedger,
  count: FailureCount | undefined,
  now: Date,
): Promise<boolean> {
  const ownFailures =
    count && !(count.lockedUntil && Date.parse(count.lockedUntil) <= now.getTime()) ? count.failures : 0;
  return (
    ownFailures >= CAPTCHA_AFTER_FAILURES || (await ledger.hourlyFailures(now)) >= ACCOUNT_CAPTCHA_FAILURES_PER_HOUR
  );
}

const lockUntil = (ctx: Context, now: Date) => new Date(now.getTime() + ctx.config.lockoutSeconds * 1000);
const accountCounterKey = (userId: string) => `login-failures:${userId}`;

/** The ledger of an account as tried from one client. */
export function accountLedger(ctx: Context, userId: string, clientKey: string): FailureLedger {
  return {
    current: (now) => ctx.signIn.failures(userId, clientKey, now),
    take: (now, extraAttempts = 0) =>
      ctx.signIn.takeAttempt(userId, clientKey, now, ctx.config.lockoutThreshold + extraAttempts, lockUntil(ctx, now)),
    hourlyFailures: (now) => accountHourlyFailures(ctx, userId, now),
    countFailure: (tx, now) => tx.signIn.bumpCounter(accountCounterKey(userId), now, HOUR_SECONDS),
    clear: (tx) => tx.signIn.clearFailures(userId, clientKey),
  };
}

/** An account's failed logins within the hour, all clients together. */
export const accountHourlyFailures = (ctx: Context, userId: string, now: Date): Promise<number> =>
  ctx.signIn.counter(accountCounterKey(userId), now, HOUR_SECONDS);

/** Forgets an account's failures from every client and its hourly count (the security administrator's unlock). */
export async function clearAccountFailures(tx: Context, userId: string): Promise<number> {
  const clients = await tx.signIn.clearAllFailures(userId);
  await tx.signIn.clearCounter(accountCounterKey(userId));
  return clients;
}

/**
 * The ledger of a user name no account has, as tried from one client: rows of unknown_name_failures and an
 * hourly counter, counted by the same statements as an account's, under a keyed hash of the name (what was
 * typed is often a password in the wrong field: it is neither stored nor kept in clear). Nothing succeeds
 * on such a name, so nothing is cleared.
 */
export function unknownNameLedger(ctx: Context, name: string, clientKey: string): FailureLedger {
  const nameKey = ctx.cipher.keyedHash('unknown-user-name', name);
  const counterKey = `login-failures-name:${nameKey}`;
  return {
    current: (now) => ctx.signIn.nameFailures(nameKey, clientKey, now),
    take: (now, extraAttempts = 0) =>
      ctx.signIn.takeNameAttempt(
        nameKey,
        clientKey,
        now,
        ctx.config.lockoutThreshold + extraAttempts,
        lockUntil(ctx, now),
      ),
    hourlyFailures: (now) => ctx.signIn.counter(counterKey, now, HOUR_SECONDS),
    countFailure: (tx, now) => tx.signIn.bumpCounter(counterKey, now, HOUR_SECONDS),
    clear: async () => undefined,
  };
}
