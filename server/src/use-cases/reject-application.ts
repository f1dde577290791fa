import type { ReviewView } from '#contract';
import { nextApplicationStatus } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadForReview, loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** 不予推荐 with a reason. */
export async function rejectApplication(
  ctx: Context,
  actor: Actor | null,
  id: string,
  reason: string,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  nextApplicationStatus(app.row.status, 'reject');
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const done = await tx.reviews.recordRejection(
      { application_id: id, reason, rejected_by: app.actor.displayName, rejected_at: now.toISOString() },
      now,
    );
    if (!done) throw new AppError('INVALID_TRANSITION', '申报状态已变化，请刷新后重试');
    await tx.notifications.raise({ kind: 'application.not_recommended', applicationId: id, reason }, now);
    await auditReview(
      tx,
      app.actor,
      id,
      'application.reject',
      { from: app.row.status, to: 'not_recommended' },
      origin.ip,
    );
  });
  return loadReviewView(ctx, await loadForReview(ctx, actor, id, 'review:read'), app.actor);
}
