import type { AuthoritySecurityView } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAuthoritySecurity } from '../presenters/account.js';
import type { Context } from './context.js';

/** The recommending authorities (the 18 cities, 航空港区) and whether their officials must use a second factor. */
export async function listAuthoritySecurity(ctx: Context, actor: Actor | null): Promise<AuthoritySecurityView[]> {
  authorize(actor, 'account:admin');
  const authorities = await ctx.references.listAuthorities();
  return authorities.filter((a) => a.kind === 'city').map(presentAuthoritySecurity);
}
