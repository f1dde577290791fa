import type { ChangePasswordInput } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { assertNotRecentlyUsed, PASSWORD_HISTORY_KEPT } from './guards/password-reuse.js';
import { loadOwnAccount } from './loaders/account.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * A user changes their own password: the current one is checked, the new one meets today's policy (the
 * route's schema) and is none of the last five. A one-time password is then spent, and every other
 * session of the user ends; the session that asked stays signed in.
 */
export async function changePassword(
  ctx: Context,
  actor: Actor | null,
  input: ChangePasswordInput,
  currentSessionIdHash: string | undefined,
  origin: RequestOrigin,
): Promise<void> {
  authorize(actor, 'account:self');
  const user = await loadOwnAccount(ctx, actor);
  if (!(await ctx.passwords.verify(user.password_hash, input.oldPassword))) {
    await ctx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'account.password_change_refused',
        targetType: 'user',
        targetId: user.id,
        detail: { reason: 'wrong_password' },
      },
      ctx.clock.now(),
    );
    throw fieldError('oldPassword', '当前密码不正确');
  }
  await assertNotRecentlyUsed(ctx, user, input.newPassword);
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const replaced = await tx.users.replacePassword(
      user.id,
      user.password_hash,
      { passwordHash, mustChange: false, historyKept: PASSWORD_HISTORY_KEPT },
      now,
    );
    if (!replaced) throw new AppError('ACCOUNT_CHANGED', '密码刚被修改或重置，请重新登录后再试');
    const otherSessionsEnded = await tx.sessions.deleteAllForUser(user.id, currentSessionIdHash);
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'account.password_change',
        targetType: 'user',
        targetId: user.id,
        detail: { oneTimePasswordSpent: user.must_change_password === 1, otherSessionsEnded },
      },
      now,
    );
  });
}
