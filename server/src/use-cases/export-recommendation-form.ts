import { renderRecommendationFormDocx, renderRecommendationFormPdf } from '../documents/recommendation-form.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadForReview } from './loaders/review.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';
import { planCity } from './steps/package-archive-plan.js';
import { cityFingerprint } from './steps/package-fingerprint.js';
import { recommendationFormFor } from './steps/recommendation-form.js';

/**
 * 附件3 for one platform, Word or PDF: the survey with every completed enterprise and its rating, the
 * impact and the opinion. The form needs the interviewees' phones in full, so the download is audited
 * as a disclosure of personal data too. A recommended platform's form prints the fingerprint of its
 * city's 刻盘 package, planned here as the package download plans it.
 */
export async function exportRecommendationForm(
  ctx: Context,
  actor: Actor | null,
  id: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  const batch = await currentBatch(ctx);
  const code = app.row.authority_code;
  const recommended = (await ctx.recommendations.listForAuthority(batch.id, code)).some((r) => r.application_id === id);
  const authority = recommended ? await ctx.references.findAuthority(code) : undefined;
  const fingerprint = authority ? cityFingerprint(await planCity(ctx, app.actor, batch, authority, '')) : null;
  const form = await recommendationFormFor(ctx, app, fingerprint);
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
