import type { AdminBatchView, CorrectBatchWordingInput } from '#contract';
import { nonWordingChanges, validateBatchConfig } from '../domain/batch-validation.js';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAdminBatch } from '../presenters/admin-batch.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { batchAtVersion, invalidBatch, savePublishedAmendment } from './steps/batch-administration.js';

/**
 * After publication, the system administrator corrects wording (a typo in the title, the notice, a label):
 * the configuration is sent whole, and any other field changed is refused with 409 naming it, since it
 * would change an eligibility judgement or a recommendation. Audited and listed in the batch's changes.
 */
export async function correctBatchWording(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: CorrectBatchWordingInput,
  origin: RequestOrigin,
): Promise<AdminBatchView> {
  authorize(actor, 'batch:admin');
  const now = ctx.clock.now();
  const corrected = await ctx.transaction(async (tx) => {
    const batch = await batchAtVersion(tx, id, input.version);
    if (batch.status !== 'published') throw new AppError('BATCH_IN_PREPARATION');
    const frozen = nonWordingChanges(batch.config, input.config);
    if (frozen.length > 0) throw new AppError('BATCH_PUBLISHED', frozen[0]!.message, { errors: frozen });
    const [authorities, regions] = await Promise.all([tx.references.listAuthorities(), tx.references.listRegions()]);
    const errors = validateBatchConfig(input.config, { authorities, regions });
    if (errors.length > 0) throw invalidBatch(errors);
    await savePublishedAmendment(
      tx,
      batch,
      input.version,
      { label: input.label, config: input.config },
      { at: now, kind: 'wording', summary: input.summary },
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'batch.correct_wording',
        targetType: 'batch',
        targetId: id,
        detail: { summary: input.summary, label: { before: batch.label, after: input.label } },
      },
      now,
    );
    return (await tx.references.findAnyBatch(id))!;
  });
  return presentAdminBatch(corrected);
}
