import type { ApplicationDraft } from '#contract';
import { beijingDateOf } from '../../domain/calendar.js';
import { buildRecommendationLetter, type RecommendationLetter } from '../../documents/recommendation-letter.js';
import { channelRemark } from '../../documents/summary-table.js';
import type { LetterSettingsValues } from '../../repositories/letter-repository.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';
import { letterIssuerOf } from '../loaders/letter-issuer.js';

/** What a submitted version froze of its letter (in package_versions.snapshot): who issued it under which number. */
export interface SubmittedLetterSnapshot {
  issuer: LetterSettingsValues;
  docSequence: number;
}

/**
 * 推荐文件's view model: the recommended platforms with channels, site checks and interview results. A
 * submitted package prints what its submission froze (issuer, 发文字号, 成文日期); before that, the current
 * settings, no number yet and the chosen 成文日期 or today.
 */
export async function recommendationLetterFor(
  ctx: Context,
  batch: Batch,
  authority: { code: string; name: string },
  fingerprint: string | null,
): Promise<RecommendationLetter> {
  const platforms = [];
  for (const rec of await ctx.recommendations.listForAuthority(batch.id, authority.code)) {
    const [siteCheck, interview] = await Promise.all([
      ctx.reviews.findSiteCheck(rec.application_id),
      ctx.reviews.findInterview(rec.application_id),
    ]);
    platforms.push({
      platformName: (JSON.parse(rec.form) as ApplicationDraft).platformName ?? '',
      unitName: rec.unit_name,
      channelWords: channelRemark(
        { channel: rec.channel, designatedAreaId: rec.designated_area_id, authorityName: authority.name },
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
  const pkg = await ctx.recommendations.findPackage(batch.id, authority.code);
  const version =
    pkg?.status === 'submitted' ? await ctx.recommendations.findLatestVersion(batch.id, authority.code) : undefined;
  const frozen = version?.document_date
    ? (JSON.parse(version.snapshot) as { letter: SubmittedLetterSnapshot }).letter
    : undefined;
  return buildRecommendationLetter({
    year: batch.year,
    issuer: frozen?.issuer ?? (await letterIssuerOf(ctx, authority)),
    docSequence: frozen?.docSequence ?? null,
    platforms,
    date: version?.document_date ?? pkg?.document_date ?? beijingDateOf(ctx.clock.now()),
    fingerprint,
  });
}
