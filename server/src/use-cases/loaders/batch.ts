import { AppError } from '../../domain/errors.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';

/** The batch officials work in: the one whose city deadline is the latest (in demo mode, the open copy). */
export async function currentBatch(ctx: Context): Promise<Batch> {
  const batches = await ctx.references.listBatches();
  const batch = [...batches].sort((x, y) => Date.parse(y.config.cityDeadline) - Date.parse(x.config.cityDeadline))[0];
  if (!batch) throw new AppError('BATCH_NOT_FOUND');
  return batch;
}
