import type { AccountView, AuthoritySecurityView, Role } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAccount } from './administered-account.js';
import type { Context } from './context.js';

const ROLE_ORDER: Role[] = ['sysadmin', 'secadmin', 'auditadmin', 'province', 'city'];

/** Officials' and administrators' accounts: administrators first, then the province, then the cities in their order. */
export async function listAccounts(ctx: Context, actor: Actor | null): Promise<AccountView[]> {
  authorize(actor, 'account:admin');
  const rows = await ctx.users.listAccounts(ctx.clock.now());
  return rows.map(presentAccount).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

/** The 18 city authorities and whether their officials must sign in with a second factor. */
export async function listAuthoritySecurity(ctx: Context, actor: Actor | null): Promise<AuthoritySecurityView[]> {
  authorize(actor, 'account:admin');
  const authorities = await ctx.references.listAuthorities();
  return authorities
    .filter((a) => a.kind === 'city')
    .map((a) => ({ code: a.code, name: a.name, kind: a.kind, requireTotp: a.require_totp === 1 }));
}
