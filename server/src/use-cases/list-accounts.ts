import type { AccountView, Role } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAccount } from '../presenters/account.js';
import type { Context } from './context.js';

const ROLE_ORDER: Role[] = ['sysadmin', 'secadmin', 'auditadmin', 'province', 'city'];

/** Officials' and administrators' accounts: administrators first, then the province, then the cities in their order. */
export async function listAccounts(ctx: Context, actor: Actor | null): Promise<AccountView[]> {
  authorize(actor, 'account:admin');
  const rows = await ctx.users.listAccounts(ctx.clock.now());
  return rows.map(presentAccount).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}
