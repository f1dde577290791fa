import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadSecuredAccount } from './loaders/account.js';

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
  const target = await loadSecuredAccount(ctx, actor, userId);
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
