import type { ReviewView, SurveyContactInput } from '#contract';
import { fieldError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadCurrentDraw, loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** One surveyed enterprise: completed with its rating, or unreachable (kept, and replaced by the next draw). */
export async function recordSurveyContact(
  ctx: Context,
  actor: Actor | null,
  id: string,
  rosterRowNo: number,
  input: SurveyContactInput,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  const { active } = await loadCurrentDraw(ctx, id);
  if (!active.includes(rosterRowNo)) throw fieldError('rosterRowNo', `名单第${rosterRowNo}行不在当前抽样名单中`);
  await ctx.transaction(async (tx) => {
    await tx.reviews.upsertSurveyContact({
      application_id: id,
      roster_row_no: rosterRowNo,
      outcome: input.outcome,
      interviewee: input.outcome === 'completed' ? input.interviewee : null,
      position: input.outcome === 'completed' ? input.position : null,
      phone: input.outcome === 'completed' ? input.phone : null,
      rating: input.outcome === 'completed' ? input.rating : null,
      note: input.note ?? null,
      recorded_by: app.actor.displayName,
      recorded_at: ctx.clock.now().toISOString(),
    });
    await auditReview(tx, app.actor, id, 'review.survey_contact', { rosterRowNo, outcome: input.outcome }, origin.ip);
  });
  return loadReviewView(ctx, app, app.actor);
}
