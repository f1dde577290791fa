import { AppError } from '../../domain/errors.js';
import { authorize, can, type Actor } from '../../policies/policy.js';
import type { AccountRecord } from '../../presenters/account.js';
import type { UserRow } from '../../repositories/user-repository.js';
import type { Context } from '../context.js';

/** The account acted on, and the administrator the policy let through. */
export interface AdministeredAccount {
  account: AccountRecord;
  actor: Actor;
}

/**
 * An official's or administrator's account the system administrator acts on. Their own account is
 * refused by the policy: nobody disables, enables or resets themselves (their own password has its page).
 */
export async function loadAdministeredAccount(
  ctx: Context,
  actor: Actor | null,
  userId: string,
): Promise<AdministeredAccount> {
  authorize(actor, 'account:admin');
  const row = await ctx.users.findAccount(userId, ctx.clock.now());
  if (!row) throw new AppError('NOT_FOUND', '账号不存在');
  if (!can(actor, 'account:admin', { kind: 'account', userId: row.id, role: row.role })) {
    throw new AppError(
      'FORBIDDEN',
      row.id === actor.userId
        ? '不能停用、启用或重置自己的账号；修改自己的密码请在“修改密码”中进行'
        : '申报单位的账号由其所在市的主管部门管理',
    );
  }
  return { account: row, actor };
}

/** The account the security administrator acts on (unlock, reset of a second factor), and that administrator. */
export async function loadSecuredAccount(
  ctx: Context,
  actor: Actor | null,
  userId: string,
): Promise<{ actor: Actor; user: UserRow }> {
  authorize(actor, 'security:manage');
  const user = await ctx.users.findById(userId);
  if (!user) throw new AppError('NOT_FOUND', '账号不存在');
  authorize(actor, 'security:manage', { kind: 'account', userId: user.id, role: user.role });
  return { actor, user };
}

/** The signed-in user's own account; gone since the session was opened, the caller is signed out. */
export async function loadOwnAccount(ctx: Context, actor: Actor): Promise<UserRow> {
  const user = await ctx.users.findById(actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}
