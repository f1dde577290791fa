import type { OneTimePasswordView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { UserRow } from '../repositories/user-repository.js';
import { generateOneTimePassword, PASSWORD_HISTORY_KEPT } from './account-passwords.js';
import { auditedBy, loadAdministeredAccount } from './administered-account.js';
import type { Context, RequestOrigin } from './context.js';

/**
 * Gives an account a new one-time password and ends all its sessions, in one transaction with the audit
 * entry `action` describes. The password is replaced only if it is still the one read before hashing:
 * of two resets at once one wins and the other answers 409, so every password shown is one that works.
 */
export async function issueOneTimePassword(
  ctx: Context,
  actor: Actor,
  user: Pick<UserRow, 'id' | 'username' | 'display_name' | 'password_hash'>,
  audit: { ip: string | null; action: string; detail: Record<string, unknown> },
  alsoInTransaction: (tx: Context) => Promise<void> = async () => undefined,
): Promise<OneTimePasswordView> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await ctx.passwords.hash(oneTimePassword);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const replaced = await tx.users.replacePassword(
      user.id,
      user.password_hash,
      { passwordHash, mustChange: true, historyKept: PASSWORD_HISTORY_KEPT },
      now,
    );
    if (!replaced) throw new AppError('ACCOUNT_CHANGED', '该账号的密码刚被他人重置或修改，请刷新后重试');
    await alsoInTransaction(tx);
    const sessionsEnded = await tx.sessions.deleteAllForUser(user.id);
    await tx.audit.record(
      {
        ...auditedBy(actor, audit.ip),
        action: audit.action,
        targetType: 'user',
        targetId: user.id,
        detail: { username: user.username, ...audit.detail, sessionsEnded },
      },
      now,
    );
  });
  return { account: { id: user.id, username: user.username, displayName: user.display_name }, oneTimePassword };
}

/** The system administrator resets an official's or administrator's password. */
export async function resetPassword(
  ctx: Context,
  actor: Actor | null,
  userId: string,
  origin: RequestOrigin,
): Promise<OneTimePasswordView> {
  const { account, actor: admin } = await loadAdministeredAccount(ctx, actor, userId);
  const user = (await ctx.users.findById(account.id))!;
  return issueOneTimePassword(ctx, admin, user, { ip: origin.ip, action: 'account.reset_password', detail: {} });
}
