import { randomUUID } from 'node:crypto';
import type { ReviewView } from '#contract';
import { nextApplicationStatus } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadForReview, loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/** 退回修改: back to the applicant with a summary and itemised remarks; the submitted version stays kept. */
export async function returnApplication(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: { summary: string; remarks: { itemKey: string | null; message: string }[] },
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  nextApplicationStatus(app.row.status, 'return');
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const done = await tx.reviews.recordReturn(
      {
        id: randomUUID(),
        application_id: id,
        version: app.row.version,
        summary: input.summary,
        remarks: JSON.stringify(input.remarks),
        returned_by: app.actor.displayName,
        returned_at: now.toISOString(),
      },
      now,
    );
    if (!done) throw new AppError('INVALID_TRANSITION', '申报状态已变化，请刷新后重试');
    await tx.notifications.raise({ kind: 'application.returned', applicationId: id, summary: input.summary }, now);
    await auditReview(
      tx,
      app.actor,
      id,
      'application.return',
      { from: app.row.status, to: 'returned', remarks: input.remarks.length },
      origin.ip,
    );
  });
  return loadReviewView(ctx, await loadForReview(ctx, actor, id, 'review:read'), app.actor);
}
