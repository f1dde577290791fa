import { AppError } from '../../domain/errors.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';
import { isBatchOpen } from '../guards/batch.js';

/**
 * The batch officials read and act on: the one asked for (`?batch=`, unknown → 404), else the open one
 * (taking applications now; in demo mode, the open copy), else the latest by its city deadline.
 */
export async function currentBatch(ctx: Context, batchId?: string): Promise<Batch> {
  if (batchId !== undefined) {
    const asked = await ctx.references.findBatch(batchId);
    if (!asked) throw new AppError('BATCH_NOT_FOUND');
    return asked;
  }
  const now = ctx.clock.now();
  const latestFirst = [...(await ctx.references.listBatches())].sort(
    (x, y) => Date.parse(y.config.cityDeadline) - Date.parse(x.config.cityDeadline),
  );
  const batch = latestFirst.find((b) => isBatchOpen(b, now)) ?? latestFirst[0];
  if (!batch) throw new AppError('BATCH_NOT_FOUND');
  return batch;
}
