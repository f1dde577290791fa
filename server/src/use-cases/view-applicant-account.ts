import type { ApplicantAccountView } from '#contract';
import type { Actor } from '../policies/policy.js';
import { presentApplicantAccount } from '../presenters/account.js';
import type { Context } from './context.js';
import { loadApplicantAccount } from './loaders/applicant-account.js';

/** What the official compares with the caller before a reset or a transfer; the phone masked. */
export async function viewApplicantAccount(
  ctx: Context,
  actor: Actor | null,
  unitId: string,
): Promise<ApplicantAccountView> {
  const { unit, user } = await loadApplicantAccount(ctx, actor, unitId);
  const locked = await ctx.users.isLocked(user.id, ctx.clock.now());
  return presentApplicantAccount(unit, user, locked);
}
