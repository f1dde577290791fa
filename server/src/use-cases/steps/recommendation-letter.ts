import type { ApplicationDraft } from '#contract';
import { beijingDateOf } from '../../domain/calendar.js';
import { buildRecommendationLetter, type RecommendationLetter } from '../../documents/recommendation-letter.js';
import { channelRemark } from '../../documents/summary-table.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';

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
