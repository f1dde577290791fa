import { renderRecommendationFormDocx, renderRecommendationFormPdf } from '../documents/recommendation-form.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadForReview } from './loaders/review.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';
import { recommendationFormFor } from './steps/recommendation-form.js';

/**
 * 附件3 for one platform, Word or PDF: the survey with every completed enterprise and its rating, the
 * impact and the opinion. The form needs the interviewees' phones in full, so the download is audited
 * as a disclosure of personal data too.
 */
export async function exportRecommendationForm(
  ctx: Context,
  actor: Actor | null,
  id: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  const form = await recommendationFormFor(ctx, app);
  const rows = form.rows;
  const now = ctx.clock.now();
  const base = {
    actorUserId: app.actor.userId,
    actorName: app.actor.username,
    ip: origin.ip,
    targetType: 'application',
    targetId: id,
  };
  await ctx.audit.record(
    { ...base, action: 'document.download', detail: { document: `recommendation-form.${format}` } },
    now,
  );
  await ctx.audit.record(
    {
      ...base,
      action: 'personal_data.disclose',
      detail: { document: 'recommendation-form', fields: ['phone'], contacts: rows.length },
    },
    now,
  );
  return exportedFile(`河南省中小企业公共服务示范平台推荐表（${app.unit.name}）`, format, {
    docx: () => renderRecommendationFormDocx(form),
    pdf: () => renderRecommendationFormPdf(form),
  });
}
