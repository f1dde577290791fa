import type { AdminBatchView, CreateBatchInput } from '#contract';
import { copyConfig } from '../domain/batch-copy.js';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAdminBatch } from '../presenters/admin-batch.js';
import type { Context, RequestOrigin } from './context.js';
import { invalidBatch } from './steps/batch-administration.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The system administrator starts next year's batch by copying an existing one (official or demo copy):
 * the new batch is official, in preparation, seen by nobody else until published.
 */
export async function createBatch(
  ctx: Context,
  actor: Actor | null,
  input: CreateBatchInput,
  origin: RequestOrigin,
): Promise<AdminBatchView> {
  authorize(actor, 'batch:admin');
  const now = ctx.clock.now();
  const created = await ctx.transaction(async (tx) => {
    const batches = await tx.references.listAllBatches();
    const source = batches.find((b) => b.id === input.fromBatchId);
    if (!source) throw new AppError('BATCH_NOT_FOUND', '复制来源批次不存在');
    const taken = batches.find((b) => b.year === input.year && !b.isDemo && b.status === 'published');
    if (taken) {
      throw invalidBatch([{ field: 'year', message: `年度：${input.year}年度已有已发布的正式批次（${taken.label}）` }]);
    }
    const ids = new Set(batches.map((b) => b.id));
    let id = String(input.year);
    for (let n = 2; ids.has(id); n++) id = `${input.year}-${n}`;
    const batch = {
      id,
      year: input.year,
      isDemo: false,
      label: source.label.replaceAll(String(source.year), String(input.year)).replace(/（演示副本.*）$/, ''),
      config: copyConfig(source.config, source.year, input.year),
    };
    await tx.references.insertBatch(batch, now, 'preparation');
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'batch.create',
        targetType: 'batch',
        targetId: id,
        detail: { fromBatchId: source.id, year: input.year },
      },
      now,
    );
    return (await tx.references.findAnyBatch(id))!;
  });
  return presentAdminBatch(created);
}
