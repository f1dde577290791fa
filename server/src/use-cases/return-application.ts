import { randomUUID } from 'node:crypto';
import type { ReviewView } from '#contract';
import { nextApplicationStatus } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { loadAuthorized } from './application-view.js';
import type { Context, RequestOrigin } from './context.js';
import { auditReview, loadReviewable } from './review-guards.js';
import { buildReviewView } from './review-view.js';

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
    await auditReview(
      tx,
      app.actor,
      id,
      'application.return',
      { from: app.row.status, to: 'returned', remarks: input.remarks.length },
      origin.ip,
    );
  });
  return buildReviewView(ctx, await loadAuthorized(ctx, actor, id, 'review:read'), app.actor);
}

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
    await auditReview(
      tx,
      app.actor,
      id,
      'application.reject',
      { from: app.row.status, to: 'not_recommended' },
      origin.ip,
    );
  });
  return buildReviewView(ctx, await loadAuthorized(ctx, actor, id, 'review:read'), app.actor);
}
