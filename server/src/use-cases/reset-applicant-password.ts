import type { ApplicantResetInput, OneTimePasswordView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadApplicantAccount } from './loaders/applicant-account.js';
import { issueOneTimePassword } from './steps/one-time-password.js';

/**
 * An applicant forgot its password: its city (or the province) checks who is asking, then gives the
 * account a one-time password. The audit entry keeps how the caller was checked.
 */
export async function resetApplicantPassword(
  ctx: Context,
  actor: Actor | null,
  unitId: string,
  input: ApplicantResetInput,
  origin: RequestOrigin,
): Promise<OneTimePasswordView> {
  const { unit, user, actor: official } = await loadApplicantAccount(ctx, actor, unitId);
  return issueOneTimePassword(ctx, official, user, {
    ip: origin.ip,
    action: 'applicant_account.reset_password',
    detail: { unitId: unit.id, verifiedBy: input.verifiedBy },
  });
}
