import { buildSummaryTable, PROVINCE_WIDE } from '../documents/summary-table.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import type { ExportedFile } from './steps/exported-file.js';
import { loadRecommendingAuthorities } from './steps/recommending-authorities.js';
import { recommendedPlatforms, summaryTableFile } from './steps/summary-table.js';

/** The same table across every authority recommending in the batch, for the province. */
export async function exportProvinceSummary(
  ctx: Context,
  actor: Actor | null,
  format: 'xlsx' | 'pdf',
  origin: RequestOrigin,
  batchId?: string,
): Promise<ExportedFile> {
  authorize(actor, 'board:read');
  const batch = await currentBatch(ctx, batchId);
  const cities = (await loadRecommendingAuthorities(ctx, batch)).map((a) => a.code);
  const table = buildSummaryTable(
    batch.year,
    batch.config,
    await recommendedPlatforms(ctx, batch, cities),
    PROVINCE_WIDE,
  );
  await ctx.audit.record(
    {
      actorUserId: actor.userId,
      actorName: actor.username,
      ip: origin.ip,
      action: 'document.download',
      targetType: 'batch',
      targetId: batch.id,
      detail: { document: `summary.${format}` },
    },
    ctx.clock.now(),
  );
  return summaryTableFile(table, '全省', format);
}
