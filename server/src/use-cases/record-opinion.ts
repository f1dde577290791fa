import type { ReviewView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { assertOnOrAfterNotice } from './guards/batch.js';
import { loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** 推荐意见: the impact on regional SME development, the opinion and its date. */
export async function recordOpinion(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: { impact: string; opinion: string; opinionDate: string },
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  assertOnOrAfterNotice(app.batch, 'opinionDate', '推荐意见日期', input.opinionDate);
  await ctx.transaction(async (tx) => {
    await tx.reviews.upsertOpinion({
      application_id: id,
      impact: input.impact,
      opinion: input.opinion,
      opinion_date: input.opinionDate,
      recorded_by: app.actor.displayName,
      recorded_at: ctx.clock.now().toISOString(),
    });
    await auditReview(tx, app.actor, id, 'review.opinion', { opinionDate: input.opinionDate }, origin.ip);
  });
  return loadReviewView(ctx, app, app.actor);
}
