import type { ReviewView } from '#contract';
import { nextApplicationStatus } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { assertPackageOpen } from './guards/package.js';
import { loadForReview, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** Withdraws a recommendation, freeing its slot; refused once the package is with the province. */
export async function withdrawRecommendation(
  ctx: Context,
  actor: Actor | null,
  id: string,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadForReview(ctx, actor, id, 'review:write');
  nextApplicationStatus(app.row.status, 'withdraw');
  await assertPackageOpen(ctx, app);
  await ctx.transaction(async (tx) => {
    if (!(await tx.recommendations.withdraw(id, ctx.clock.now())))
      throw new AppError('INVALID_TRANSITION', '申报状态已变化，请刷新后重试');
    await tx.notifications.raise({ kind: 'application.recommendation_withdrawn', applicationId: id }, ctx.clock.now());
    await auditReview(tx, app.actor, id, 'application.withdraw', {}, origin.ip);
  });
  return loadReviewView(ctx, await loadForReview(ctx, actor, id, 'review:read'), app.actor);
}
