import type { SignInAccountView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { secondFactorRequired } from './second-factor.js';
import { accountHourlyFailures, clearAccountFailures, isLocked } from './sign-in-guard.js';

const LIST_LIMIT = 100;

/**
 * The security administrator's view of sign-in: accounts with failed logins (or those found by name),
 * each with the clients it was tried from, their locks, the failures of the hour, and its second factor.
 */
export async function listSignInAccounts(
  ctx: Context,
  actor: Actor | null,
  search: string | null,
): Promise<SignInAccountView[]> {
  authorize(actor, 'security:manage');
  const now = ctx.clock.now();
  const accounts = await ctx.signIn.securityAccounts(search?.trim() || null, now, LIST_LIMIT);
  const failures = await ctx.signIn.failuresOf(
    accounts.map((a) => a.id),
    now,
  );
  return Promise.all(
    accounts.map(async (a) => {
      const clients = failures
        .filter((f) => f.user_id === a.id)
        .map((f) => ({
          client: f.client_key,
          failures: f.failures,
          lockedUntil: isLocked({ failures: f.failures, lockedUntil: f.locked_until }, now) ? f.locked_until : null,
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
        secondFactorRequired: secondFactorRequired(ctx.config, a.role, a.require_totp === 1),
        secondFactorEnabledAt: a.totp_enabled_at,
        locked: clients.some((c) => c.lockedUntil !== null),
        failuresLastHour: await accountHourlyFailures(ctx, a.id, now),
        clients,
      } satisfies SignInAccountView;
    }),
  );
}

async function targetAccount(ctx: Context, actor: Actor | null, userId: string) {
  authorize(actor, 'security:manage');
  const user = await ctx.users.findById(userId);
  if (!user) throw new AppError('NOT_FOUND', '账号不存在');
  authorize(actor, 'security:manage', { kind: 'account', userId: user.id, role: user.role });
  return { actor, user };
}

/** Clears an account's failed logins from every client (and its count of the hour): every lock on it ends. Audited. */
export async function unlockAccount(
  ctx: Context,
  actor: Actor | null,
  userId: string,
  origin: RequestOrigin,
): Promise<{ clients: number }> {
  const target = await targetAccount(ctx, actor, userId);
  return ctx.transaction(async (tx) => {
    const clients = await clearAccountFailures(tx, userId);
    await tx.audit.record(
      {
        actorUserId: target.actor.userId,
        actorName: target.actor.username,
        ip: origin.ip,
        action: 'account.unlock',
        targetType: 'user',
        targetId: userId,
        detail: { username: target.user.username, clients },
      },
      tx.clock.now(),
    );
    return { clients };
  });
}

/**
 * Removes a user's second factor and recovery codes (a lost phone) and ends their sessions: they enrol
 * again at their next login (required or not). Audited.
 */
export async function resetSecondFactor(
  ctx: Context,
  actor: Actor | null,
  userId: string,
  origin: RequestOrigin,
): Promise<{ sessionsEnded: number }> {
  const target = await targetAccount(ctx, actor, userId);
  return ctx.transaction(async (tx) => {
    if (!(await tx.signIn.resetTotp(userId)))
      throw new AppError('TOTP_NOT_ENROLLED', '该账号没有启用或正在绑定的动态口令');
    const sessionsEnded = await tx.sessions.deleteAllForUser(userId);
    await tx.audit.record(
      {
        actorUserId: target.actor.userId,
        actorName: target.actor.username,
        ip: origin.ip,
        action: 'totp.reset',
        targetType: 'user',
        targetId: userId,
        detail: { username: target.user.username, sessionsEnded },
      },
      tx.clock.now(),
    );
    return { sessionsEnded };
  });
}
