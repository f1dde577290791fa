import { renderRecommendationLetterDocx, renderRecommendationLetterPdf } from '../documents/recommendation-letter.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';
import { recommendationLetterFor } from './steps/recommendation-letter.js';

/** 推荐文件 of one city, Word or PDF: its recommended platforms with channels, site checks and interview results. */
export async function exportRecommendationLetter(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  authorize(actor, 'package:read', { kind: 'package', authorityCode });
  const batch = await currentBatch(ctx);
  const letter = await recommendationLetterFor(ctx, batch, authorityCode);
  const cityName = (await ctx.references.findAuthority(authorityCode))?.name ?? authorityCode;
  await ctx.audit.record(
    {
      actorUserId: actor.userId,
      actorName: actor.username,
      ip: origin.ip,
      action: 'document.download',
      targetType: 'package',
      targetId: authorityCode,
      detail: { document: `letter.${format}` },
    },
    ctx.clock.now(),
  );
  return exportedFile(`${letter.title}（${cityName}）`, format, {
    docx: () => renderRecommendationLetterDocx(letter),
    pdf: () => renderRecommendationLetterPdf(letter),
  });
}
