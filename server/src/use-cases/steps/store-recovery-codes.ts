import { newRecoveryCodes, recoveryCodeHash } from '../../domain/totp.js';
import type { Actor } from '../../policies/policy.js';
import type { Context, RequestOrigin } from '../context.js';
import { auditedBy } from './audited-by.js';

/**
 * Makes ten new recovery codes for the actor, stores their hashes in place of the old ones and audits it,
 * inside the caller's transaction (`tx`); the codes are returned to be shown this once.
 */
export async function storeRecoveryCodes(
  tx: Context,
  actor: Actor,
  action: 'totp.enabled' | 'totp.recovery_codes_replaced',
  origin: RequestOrigin,
  now: Date,
): Promise<string[]> {
  const recoveryCodes = newRecoveryCodes();
  await tx.signIn.replaceRecoveryCodes(
    actor.userId,
    recoveryCodes.map((c) => recoveryCodeHash(actor.userId, c)),
    now,
  );
  await tx.audit.record(
    {
      ...auditedBy(actor, origin.ip),
      action,
      targetType: 'user',
      targetId: actor.userId,
      detail: { recoveryCodes: recoveryCodes.length },
    },
    now,
  );
  return recoveryCodes;
}
