import type { InterviewInput, ReviewView, SiteCheckInput } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { auditReview, loadReviewable } from './review-guards.js';
import { buildReviewView } from './review-view.js';
import { receiveAndStore, type ReceiveFile } from './upload-evidence.js';

/** 现场核查: date, officials present, findings and conclusion. */
export async function recordSiteCheck(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: SiteCheckInput,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
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
  return buildReviewView(ctx, app, app.actor);
}

/** The scan of the 现场核查真实性说明 sealed by both sides; the site check must be recorded first. */
export async function uploadSiteCheckScan(
  ctx: Context,
  actor: Actor | null,
  id: string,
  receive: ReceiveFile,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  if (!(await ctx.reviews.findSiteCheck(id)))
    throw new AppError('INVALID_TRANSITION', '请先填写现场核查记录，再上传盖章的真实性说明扫描件');
  let replaced: string | null = null;
  await receiveAndStore(
    ctx,
    app.actor,
    id,
    'site_check_scan',
    ['pdf', 'jpeg', 'png', 'ofd'],
    receive,
    async (tx, file) => {
      replaced = await tx.reviews.replaceSiteCheckScan(id, file.id);
      await auditReview(
        tx,
        app.actor,
        id,
        'review.site_check_scan',
        { fileId: file.id, sizeBytes: file.size_bytes, replaced: replaced !== null },
        origin.ip,
      );
    },
  );
  if (replaced) await ctx.blobs.remove(replaced);
  return buildReviewView(ctx, app, app.actor);
}

/** 当面谈话 with the unit's principal; the result goes into the recommendation letter. */
export async function recordInterview(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: InterviewInput,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
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
  return buildReviewView(ctx, app, app.actor);
}

/** 推荐意见: the impact on regional SME development, the opinion and its date. */
export async function recordOpinion(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: { impact: string; opinion: string; opinionDate: string },
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
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
  return buildReviewView(ctx, app, app.actor);
}
