import type { ReviewView, SurveyMethod } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** The survey methods changed after the draw (the draw itself stays). */
export async function setSurveyMethods(
  ctx: Context,
  actor: Actor | null,
  id: string,
  methods: SurveyMethod[],
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  if (!(await ctx.reviews.findSurvey(id))) throw new AppError('INVALID_TRANSITION', '请先随机抽样');
  await ctx.transaction(async (tx) => {
    await tx.reviews.setSurveyMethods(id, JSON.stringify(methods));
    await auditReview(tx, app.actor, id, 'review.survey_methods', { methods }, origin.ip);
  });
  return loadReviewView(ctx, app, app.actor);
}
