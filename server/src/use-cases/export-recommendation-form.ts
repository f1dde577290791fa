import { renderRecommendationFormDocx, renderRecommendationFormPdf } from '../documents/recommendation-form.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadForReview } from './loaders/review.js';
import { auditApplicationDocument } from './steps/audit-document-download.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';
import { currentCityFingerprint } from './steps/package-fingerprint.js';
import { recommendationFormFor } from './steps/recommendation-form.js';

/**
 * 附件3 for one platform, Word or PDF: the survey with every completed enterprise and its rating, the
 * impact and the opinion. The form needs the interviewees' phones in full, so the download is audited
 * as a disclosure of personal data too. A recommended platform's form prints the fingerprint of its
 * city's 刻盘 package: the one its submission recorded, or planned as the package download plans it.
 */
export async function exportRecommendationForm(
  ctx: Context,
  actor: Actor | null,
  id: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  const batch = await currentBatch(ctx, app.row.batch_id);
  const code = app.row.authority_code;
  const recommended = (await ctx.recommendations.listForAuthority(batch.id, code)).some((r) => r.application_id === id);
  const authority = recommended ? await ctx.references.findAuthority(code) : undefined;
  const fingerprint = authority ? await currentCityFingerprint(ctx, app.actor, batch, authority) : null;
  const form = await recommendationFormFor(ctx, app, fingerprint);
  await auditApplicationDocument(ctx, app.actor, origin, id, {
    document: 'recommendation-form',
    format,
    disclosed: { fields: ['phone'], contacts: form.rows.length },
  });
  return exportedFile(`河南省中小企业公共服务示范平台推荐表（${app.unit.name}）`, format, {
    docx: () => renderRecommendationFormDocx(form),
    pdf: () => renderRecommendationFormPdf(form),
  });
}
