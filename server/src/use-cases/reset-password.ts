import type { OneTimePasswordView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadAdministeredAccount } from './loaders/account.js';
import { issueOneTimePassword } from './steps/one-time-password.js';

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
