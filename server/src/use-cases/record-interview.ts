import type { InterviewInput, ReviewView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { assertOnOrAfterNotice } from './guards/batch.js';
import { loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** 当面谈话 with the unit's principal; the result goes into the recommendation letter. */
export async function recordInterview(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: InterviewInput,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  assertOnOrAfterNotice(app.batch, 'heldOn', '谈话日期', input.heldOn);
  await ctx.transaction(async (tx) => {
    await tx.reviews.upsertInterview({
      application_id: id,
      held_on: input.heldOn,
      place: input.place,
      officials: JSON.stringify(input.officials),
      principal_name: input.principalName,
      principal_title: input.principalTitle,
      result: input.result,
      recorded_by: app.actor.displayName,
      recorded_at: ctx.clock.now().toISOString(),
    });
    await auditReview(tx, app.actor, id, 'review.interview', { heldOn: input.heldOn }, origin.ip);
  });
  return loadReviewView(ctx, app, app.actor);
}
