import type { ApplicationDraft } from '#contract';
import { beijingDateOf } from '../domain/calendar.js';
import {
  buildRecommendationLetter,
  renderRecommendationLetterDocx,
  renderRecommendationLetterPdf,
  type RecommendationLetter,
} from '../documents/recommendation-letter.js';
import { channelRemark } from '../documents/summary-table.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Batch } from '../repositories/reference-repository.js';
import { currentBatch } from './city-package.js';
import type { Context, RequestOrigin } from './context.js';
import { exportedFile, type ExportedFile } from './exported-file.js';

/** 推荐文件's view model: the recommended platforms with channels, site checks and interview results. */
export async function recommendationLetterFor(
  ctx: Context,
  batch: Batch,
  authorityCode: string,
): Promise<RecommendationLetter> {
  const authority = await ctx.references.findAuthority(authorityCode);
  const cityName = authority?.name ?? authorityCode;
  const platforms = [];
  for (const rec of await ctx.recommendations.listForAuthority(batch.id, authorityCode)) {
    const [siteCheck, interview] = await Promise.all([
      ctx.reviews.findSiteCheck(rec.application_id),
      ctx.reviews.findInterview(rec.application_id),
    ]);
    platforms.push({
      platformName: (JSON.parse(rec.form) as ApplicationDraft).platformName ?? '',
      unitName: rec.unit_name,
      channelWords: channelRemark(
        { channel: rec.channel, designatedAreaId: rec.designated_area_id, authorityName: cityName },
        batch.config,
      ),
      siteCheckedOn: siteCheck?.scan_file_id ? siteCheck.checked_on : null,
      interview: interview
        ? {
            heldOn: interview.held_on,
            principalName: interview.principal_name,
            principalTitle: interview.principal_title,
            result: interview.result,
          }
        : null,
    });
  }
  return buildRecommendationLetter(batch.year, cityName, platforms, beijingDateOf(ctx.clock.now()));
}

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
