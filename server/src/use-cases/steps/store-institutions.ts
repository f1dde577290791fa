import { randomUUID } from 'node:crypto';
import { normalizeUscc, type InstitutionInput } from '#contract';
import type { Actor } from '../../policies/policy.js';
import type { Context, RequestOrigin } from '../context.js';

/**
 * Writes a checked institutions list with its audit entry in one unit of work; returns the storage keys
 * of agreement files it dropped, for the caller to remove once committed.
 */
export function storeInstitutions(
  ctx: Context,
  actor: Actor,
  id: string,
  institutions: readonly InstitutionInput[],
  action: 'institutions.replace' | 'institutions.import',
  origin: RequestOrigin,
): Promise<string[]> {
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    const keys = await tx.applications.replaceInstitutions(
      id,
      institutions.map((inst, i) => ({
        id: randomUUID(),
        application_id: id,
        position: i,
        name: inst.name,
        uscc: normalizeUscc(inst.uscc),
        agreement_file_id: inst.agreementFileId ?? null,
      })),
    );
    await tx.applications.touch(id, now);
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action,
        targetType: 'application',
        targetId: id,
        detail: {
          count: institutions.length,
          withAgreement: institutions.filter((x) => x.agreementFileId).length,
          removedAgreements: keys.length,
        },
      },
      now,
    );
    return keys;
  });
}
