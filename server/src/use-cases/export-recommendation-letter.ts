import { renderRecommendationLetterDocx, renderRecommendationLetterPdf } from '../documents/recommendation-letter.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';
import { planCityPackage } from './steps/package-archive-plan.js';
import { cityFingerprint } from './steps/package-fingerprint.js';
import { recommendationLetterFor } from './steps/recommendation-letter.js';

/**
 * 推荐文件 of one city, Word or PDF: its recommended platforms with channels, site checks and interview
 * results, and the fingerprint of the materials its 刻盘 package holds (so the package is planned first:
 * a city that recommended nothing gets no letter).
 */
export async function exportRecommendationLetter(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
  batchId?: string,
): Promise<ExportedFile> {
  const plan = await planCityPackage(ctx, actor, authorityCode, batchId);
  const { batch, city } = plan;
  const letter = await recommendationLetterFor(ctx, batch, city.authority, cityFingerprint(city));
  await ctx.audit.record(
    {
      ...auditedBy(plan.actor, origin.ip),
      action: 'document.download',
      targetType: 'package',
      targetId: authorityCode,
      detail: { document: `letter.${format}` },
    },
    ctx.clock.now(),
  );
  return exportedFile(`${letter.title}（${city.authority.name}）`, format, {
    docx: () => renderRecommendationLetterDocx(letter),
    pdf: () => renderRecommendationLetterPdf(letter),
  });
}
