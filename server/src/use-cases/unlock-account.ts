import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { clearAccountFailures } from './guards/login-failures.js';
import { loadSecuredAccount } from './loaders/account.js';

/** Clears an account's failed logins from every client (and its count of the hour): every lock on it ends. Audited. */
export async function unlockAccount(
  ctx: Context,
  actor: Actor | null,
  userId: string,
  origin: RequestOrigin,
): Promise<{ clients: number }> {
  const target = await loadSecuredAccount(ctx, actor, userId);
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
