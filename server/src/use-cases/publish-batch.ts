import type { AdminBatchView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAdminBatch } from '../presenters/admin-batch.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { assertPublishable, batchAtVersion } from './steps/batch-administration.js';

/**
 * Publishes a batch in preparation, validated once more (and its year free of another published official
 * batch): from now on every user sees it, and only deadlines and wording may change.
 */
export async function publishBatch(
  ctx: Context,
  actor: Actor | null,
  id: string,
  version: number,
  origin: RequestOrigin,
): Promise<AdminBatchView> {
  authorize(actor, 'batch:admin');
  const now = ctx.clock.now();
  const published = await ctx.transaction(async (tx) => {
    const batch = await batchAtVersion(tx, id, version);
    if (batch.status !== 'preparation') throw new AppError('BATCH_PUBLISHED', '批次已发布');
    await assertPublishable(tx, batch);
    const saved = await tx.references.updateBatch(id, version, {
      label: batch.label,
      config: batch.config,
      status: 'published',
      publishedAt: now.toISOString(),
    });
    if (!saved) throw new AppError('BATCH_CHANGED');
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'batch.publish',
        targetType: 'batch',
        targetId: id,
        detail: { year: batch.year, version: version + 1 },
      },
      now,
    );
    return (await tx.references.findAnyBatch(id))!;
  });
  return presentAdminBatch(published);
}
