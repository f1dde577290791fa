import type { AccountView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, can, type Actor } from '../policies/policy.js';
import type { UserRepository } from '../repositories/user-repository.js';
import { accountState } from './account-passwords.js';
import type { Context } from './context.js';

type AccountRow = NonNullable<Awaited<ReturnType<UserRepository['findAccount']>>>;

/** The account acted on, and the administrator the policy let through. */
export interface AdministeredAccount {
  account: AccountRow;
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

export function presentAccount(row: AccountRow): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    authorityCode: row.authority_code,
    authorityName: row.authority_name,
    state: accountState(row),
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export const auditedBy = (actor: Actor, ip: string | null) => ({
  actorUserId: actor.userId,
  actorName: actor.username,
  ip,
});
