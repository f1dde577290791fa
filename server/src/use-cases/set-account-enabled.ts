import type { AccountView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { presentAccount } from '../presenters/account.js';
import type { Context, RequestOrigin } from './context.js';
import { loadAdministeredAccount } from './loaders/account.js';
import { auditedBy } from './steps/audited-by.js';

/** 停用 ends every session of the account and refuses its logins until 启用; both are audited. */
export async function setAccountEnabled(
  ctx: Context,
  actor: Actor | null,
  userId: string,
  enabled: boolean,
  origin: RequestOrigin,
): Promise<AccountView> {
  const { account, actor: admin } = await loadAdministeredAccount(ctx, actor, userId);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    if (!(await tx.users.setDisabled(account.id, enabled ? null : now))) {
      throw new AppError('INVALID_TRANSITION', enabled ? '该账号未停用' : '该账号已停用');
    }
    const sessionsEnded = enabled ? 0 : await tx.sessions.deleteAllForUser(account.id);
    await tx.audit.record(
      {
        ...auditedBy(admin, origin.ip),
        action: enabled ? 'account.enable' : 'account.disable',
        targetType: 'user',
        targetId: account.id,
        detail: { username: account.username, ...(enabled ? {} : { sessionsEnded }) },
      },
      now,
    );
  });
  return presentAccount((await ctx.users.findAccount(account.id, ctx.clock.now()))!);
}
