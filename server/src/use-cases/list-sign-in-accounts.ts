import type { SignInAccountView } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentSignInAccount } from '../presenters/sign-in.js';
import type { Context } from './context.js';
import { accountHourlyFailures } from './guards/login-failures.js';
import { secondFactorRequired } from './guards/second-factor.js';

const LIST_LIMIT = 100;

/**
 * The security administrator's view of sign-in: accounts with failed logins (or those found by name),
 * each with the clients it was tried from, their locks, the failures of the hour, and its second factor.
 */
export async function listSignInAccounts(
  ctx: Context,
  actor: Actor | null,
  search: string | null,
): Promise<SignInAccountView[]> {
  authorize(actor, 'security:manage');
  const now = ctx.clock.now();
  const accounts = await ctx.signIn.securityAccounts(search?.trim() || null, now, LIST_LIMIT);
  const failures = await ctx.signIn.failuresOf(
    accounts.map((a) => a.id),
    now,
  );
  return Promise.all(
    accounts.map(async (a) =>
      presentSignInAccount(
        a,
        failures.filter((f) => f.user_id === a.id),
        {
          now,
          secondFactorRequired: secondFactorRequired(ctx.config, a.role, a.require_totp === 1),
          failuresLastHour: await accountHourlyFailures(ctx, a.id, now),
        },
      ),
    ),
  );
}
