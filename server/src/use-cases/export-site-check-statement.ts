import {
  buildSiteCheckStatement,
  renderSiteCheckStatementDocx,
  renderSiteCheckStatementPdf,
} from '../documents/site-check-statement.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadForReview } from './loaders/review.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';

/**
 * 附件1 for one platform, Word or PDF, printed by the city and sealed by both sides at the site check;
 * dated with the site check once the city has recorded it, blank before.
 */
export async function exportSiteCheckStatement(
  ctx: Context,
  actor: Actor | null,
  id: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  const siteCheck = await ctx.reviews.findSiteCheck(id);
  const statement = buildSiteCheckStatement(app.batch.year, app.unit.name, siteCheck?.checked_on ?? null);
  await ctx.audit.record(
    {
      actorUserId: app.actor.userId,
      actorName: app.actor.username,
      ip: origin.ip,
      action: 'document.download',
      targetType: 'application',
      targetId: id,
      detail: { document: `site-check-statement.${format}` },
    },
    ctx.clock.now(),
  );
  return exportedFile(`现场核查真实性说明（${app.unit.name}）`, format, {
    docx: () => renderSiteCheckStatementDocx(statement),
    pdf: () => renderSiteCheckStatementPdf(statement),
  });
}
