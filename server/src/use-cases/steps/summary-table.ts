import type { ApplicationDraft } from '#contract';
import { renderSummaryTablePdf } from '../../documents/summary-table-pdf.js';
import { renderSummaryTableXlsx } from '../../documents/summary-table-xlsx.js';
import { buildSummaryTable, type RecommendedPlatform, type SummaryTable } from '../../documents/summary-table.js';
import type { Actor } from '../../policies/policy.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context, RequestOrigin } from '../context.js';
import { currentBatch } from '../loaders/batch.js';
import { exportedFile, type ExportedFile } from './exported-file.js';

/** The recommended platforms of one city (or all cities) with what the 汇总表 states about each. */
export async function recommendedPlatforms(
  ctx: Context,
  batch: Batch,
  authorityCodes: readonly string[],
): Promise<RecommendedPlatform[]> {
  const authorities = new Map((await ctx.references.listAuthorities()).map((a) => [a.code, a.name]));
  const platforms: RecommendedPlatform[] = [];
  for (const code of authorityCodes) {
    for (const rec of await ctx.recommendations.listForAuthority(batch.id, code)) {
      const id = rec.application_id;
      const [institutions, rosterCount, siteCheck, interview] = await Promise.all([
        ctx.applications.listInstitutions(id),
        ctx.applications.countRoster(id),
        ctx.reviews.findSiteCheck(id),
        ctx.reviews.findInterview(id),
      ]);
      platforms.push({
        form: JSON.parse(rec.form) as ApplicationDraft,
        unitName: rec.unit_name,
        authorityCode: code,
        authorityName: authorities.get(code) ?? code,
        institutions: institutions.length,
        rosterCount,
        siteCheckComplete: Boolean(siteCheck?.scan_file_id),
        interviewed: Boolean(interview),
        channel: rec.channel,
        designatedAreaId: rec.designated_area_id,
      });
    }
  }
  return platforms;
}

/** 附件2 as Excel or PDF, named after the table and whose it is. */
export function summaryTableFile(table: SummaryTable, suffix: string, format: 'xlsx' | 'pdf'): Promise<ExportedFile> {
  return exportedFile(`${table.title}（${suffix}）`, format, {
    xlsx: () => renderSummaryTableXlsx(table),
    pdf: () => renderSummaryTablePdf(table),
  });
}

/** 附件2 of one city in the selected batch, its download audited; the caller has authorized the actor. */
export async function citySummaryFile(
  ctx: Context,
  actor: Actor,
  authorityCode: string,
  format: 'xlsx' | 'pdf',
  origin: RequestOrigin,
  batchId?: string,
): Promise<ExportedFile> {
  const batch = await currentBatch(ctx, batchId);
  const authority = await ctx.references.findAuthority(authorityCode);
  const table = buildSummaryTable(
    batch.year,
    batch.config,
    await recommendedPlatforms(ctx, batch, [authorityCode]),
    authority?.name ?? null,
  );
  await ctx.audit.record(
    {
      actorUserId: actor.userId,
      actorName: actor.username,
      ip: origin.ip,
      action: 'document.download',
      targetType: 'package',
      targetId: authorityCode,
      detail: { document: `summary.${format}` },
    },
    ctx.clock.now(),
  );
  return summaryTableFile(table, authority?.name ?? authorityCode, format);
}
