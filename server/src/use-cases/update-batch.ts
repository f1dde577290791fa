import type { AdminBatchView, UpdateBatchInput } from '#contract';
import { validateBatchConfig } from '../domain/batch-validation.js';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAdminBatch } from '../presenters/admin-batch.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { batchAtVersion, invalidBatch } from './steps/batch-administration.js';

/**
 * The system administrator replaces the whole configuration of a batch in preparation, made on the
 * version it names (an older one: 409, someone else saved in between). Errors are all named at once.
 */
export async function updateBatch(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: UpdateBatchInput,
  origin: RequestOrigin,
): Promise<AdminBatchView> {
  authorize(actor, 'batch:admin');
  const { version, label, config } = input;
  const now = ctx.clock.now();
  const updated = await ctx.transaction(async (tx) => {
    const batch = await batchAtVersion(tx, id, version);
    if (batch.status !== 'preparation') throw new AppError('BATCH_PUBLISHED');
    const [authorities, regions] = await Promise.all([tx.references.listAuthorities(), tx.references.listRegions()]);
    const errors = validateBatchConfig(config, { authorities, regions });
    if (errors.length > 0) throw invalidBatch(errors);
    const saved = await tx.references.updateBatch(id, version, {
      label,
      config: { ...config, changes: batch.config.changes },
      status: 'preparation',
      publishedAt: null,
    });
    if (!saved) throw new AppError('BATCH_CHANGED');
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'batch.update',
        targetType: 'batch',
        targetId: id,
        detail: { version: version + 1 },
      },
      now,
    );
    return (await tx.references.findAnyBatch(id))!;
  });
  return presentAdminBatch(updated);
}
