import type { BatchSummary } from '#contract';
import { presentBatch } from '../presenters/reference.js';
import type { Context } from './context.js';
import { isBatchOpen } from './guards/batch.js';

/** Every batch, newest first, and whether it takes applications now. */
export async function listBatches(ctx: Context): Promise<BatchSummary[]> {
  const now = ctx.clock.now();
  return (await ctx.references.listBatches()).map((b) => presentBatch(b, isBatchOpen(b, now)));
}
