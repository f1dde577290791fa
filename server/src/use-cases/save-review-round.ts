import { randomUUID } from 'node:crypto';
import type { ReviewRoundInput, ReviewRoundView } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadRound, roundChanged, roundView } from './loaders/review-round.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The applications of a round: those the province received in the batch (recommended in a city package it
 * accepted), all of them or the chosen ones.
 */
async function chosenApplications(ctx: Context, batchId: string, chosen: readonly string[] | null): Promise<string[]> {
  const received = await ctx.expertReviews.receivedApplicationIds(batchId);
  if (chosen === null) {
    if (received.length === 0) throw new AppError('INVALID_TRANSITION', '本批次尚无已受理的推荐平台，不能组织评审');
    return received;
  }
  if (chosen.length === 0) throw fieldError('applicationIds', '至少选择一件申报');
  if (new Set(chosen).size !== chosen.length) throw fieldError('applicationIds', '申报有重复');
  const known = new Set(received);
  const stray = chosen.findIndex((id) => !known.has(id));
  if (stray >= 0) throw fieldError(`applicationIds.${stray}`, '该申报不是本批次省厅已受理的推荐平台');
  return [...chosen];
}

const auditedRound = (input: ReviewRoundInput, applicationIds: readonly string[]) => ({
  title: input.title,
  applicationCount: applicationIds.length,
  settings: input.settings,
  rubricTitle: input.rubric.title,
  opensOn: input.opensOn,
  closesOn: input.closesOn,
});

/** The province sets up a review round in the batch (draft); audited. */
export async function createReviewRound(
  ctx: Context,
  actor: Actor | null,
  input: ReviewRoundInput,
  origin: RequestOrigin,
  batchId?: string,
): Promise<ReviewRoundView> {
  authorize(actor, 'review-round:manage');
  const batch = await currentBatch(ctx, batchId);
  const applicationIds = await chosenApplications(ctx, batch.id, input.applicationIds);
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    await tx.expertReviews.insertRound(
      {
        id,
        batch_id: batch.id,
        title: input.title,
        status: 'draft',
        settings: JSON.stringify(input.settings),
        rubric: JSON.stringify(input.rubric),
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        seed: null,
        draw_attempt: null,
        draw_expert_ids: null,
        drawn_at: null,
        drawn_by: null,
        version: 1,
        created_by: actor.userId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      },
      applicationIds,
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'review_round.create',
        targetType: 'review_round',
        targetId: id,
        detail: { batchId: batch.id, ...auditedRound(input, applicationIds) },
      },
      now,
    );
  });
  return roundView(ctx, id);
}

/** The province changes a draft round made on `version` (409 once drawn or changed since); audited. */
export async function updateReviewRound(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  version: number,
  input: ReviewRoundInput,
  origin: RequestOrigin,
): Promise<ReviewRoundView> {
  authorize(actor, 'review-round:manage');
  const round = await loadRound(ctx, roundId);
  if (round.status !== 'draft') throw new AppError('INVALID_TRANSITION', '已抽取专家的评审轮次不能再修改设置');
  const applicationIds = await chosenApplications(ctx, round.batch_id, input.applicationIds);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const changed = await tx.expertReviews.updateDraftRound(
      roundId,
      version,
      {
        title: input.title,
        settings: JSON.stringify(input.settings),
        rubric: JSON.stringify(input.rubric),
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        updated_at: now.toISOString(),
      },
      applicationIds,
    );
    if (!changed) throw roundChanged();
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'review_round.update',
        targetType: 'review_round',
        targetId: roundId,
        detail: auditedRound(input, applicationIds),
      },
      now,
    );
  });
  return roundView(ctx, roundId);
}
