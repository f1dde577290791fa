import type { AdminBatchView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAdminBatch } from '../presenters/admin-batch.js';
import type { Context } from './context.js';

/** Every batch, in preparation or published, newest year first: the system administrator's list. */
export async function listAdminBatches(ctx: Context, actor: Actor | null): Promise<AdminBatchView[]> {
  authorize(actor, 'batch:admin');
  return (await ctx.references.listAllBatches()).map(presentAdminBatch);
}

/** One batch, any status, with the version an edit must name. */
export async function getAdminBatch(ctx: Context, actor: Actor | null, id: string): Promise<AdminBatchView> {
  authorize(actor, 'batch:admin');
  const batch = await ctx.references.findAnyBatch(id);
  if (!batch) throw new AppError('BATCH_NOT_FOUND');
  return presentAdminBatch(batch);
}
