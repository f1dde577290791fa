import type { SecondFactorStatus } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentSecondFactorStatus } from '../presenters/sign-in.js';
import type { Context } from './context.js';
import { secondFactorRequired } from './guards/second-factor.js';
import { loadOwnAccount } from './loaders/account.js';

/** The signed-in user's second factor: enrolled or pending, whether it is required, recovery codes left. */
export async function getSecondFactorStatus(ctx: Context, actor: Actor | null): Promise<SecondFactorStatus> {
  authorize(actor, 'account:self');
  const user = await loadOwnAccount(ctx, actor);
  const authority = user.authority_code ? await ctx.references.findAuthority(user.authority_code) : undefined;
  return presentSecondFactorStatus(
    user,
    secondFactorRequired(ctx.config, user.role, authority?.require_totp === 1),
    user.totp_enabled_at ? await ctx.signIn.unusedRecoveryCodes(user.id) : 0,
  );
}
