import type { ApplicantTransferInput, OneTimePasswordView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadApplicantAccount } from './loaders/applicant-account.js';
import { issueOneTimePassword } from './steps/one-time-password.js';

/**
 * The unit's contact person left: the city records the new contact on the unit and gives the account a
 * one-time password for them; the old contact's sessions end. One transaction, audited with the names
 * (never the phones) and how the request was checked.
 */
export async function transferApplicantAccount(
  ctx: Context,
  actor: Actor | null,
  unitId: string,
  input: ApplicantTransferInput,
  origin: RequestOrigin,
): Promise<OneTimePasswordView> {
  const { unit, user, actor: official } = await loadApplicantAccount(ctx, actor, unitId);
  return issueOneTimePassword(
    ctx,
    official,
    user,
    {
      ip: origin.ip,
      action: 'applicant_account.transfer',
      detail: {
        unitId: unit.id,
        previousContactName: unit.contact_name,
        contactName: input.contactName,
        verifiedBy: input.verifiedBy,
      },
    },
    (tx) => tx.users.updateUnitContact(unit.id, input.contactName, input.contactPhone),
  );
}
