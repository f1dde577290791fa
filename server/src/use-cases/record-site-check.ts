import type { ReviewView, SiteCheckInput } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { assertOnOrAfterNotice } from './guards/batch.js';
import { loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** 现场核查: date, officials present, findings and conclusion. */
export async function recordSiteCheck(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: SiteCheckInput,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  assertOnOrAfterNotice(app.batch, 'checkedOn', '核查日期', input.checkedOn);
  await ctx.transaction(async (tx) => {
    await tx.reviews.upsertSiteCheck({
      application_id: id,
      checked_on: input.checkedOn,
      officials: JSON.stringify(input.officials),
      findings: input.findings,
      conclusion: input.conclusion,
      scan_file_id: null,
      recorded_by: app.actor.displayName,
      recorded_at: ctx.clock.now().toISOString(),
    });
    await auditReview(
      tx,
      app.actor,
      id,
      'review.site_check',
      { checkedOn: input.checkedOn, conclusion: input.conclusion },
      origin.ip,
    );
  });
  return loadReviewView(ctx, app, app.actor);
}
