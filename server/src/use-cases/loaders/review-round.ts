import type { ReviewRoundSettings, ReviewRoundView } from '#contract';
import { AppError } from '../../domain/errors.js';
import { presentRound, type RoundRecords } from '../../presenters/expert-review.js';
import type { ReviewRoundRow } from '../../repositories/expert-review-repository.js';
import type { Context } from '../context.js';

export async function loadRound(ctx: Context, roundId: string): Promise<ReviewRoundRow> {
  const round = await ctx.expertReviews.findRound(roundId);
  if (!round) throw new AppError('NOT_FOUND', '评审轮次不存在');
  return round;
}

export const settingsOf = (round: ReviewRoundRow) => JSON.parse(round.settings) as ReviewRoundSettings;

/** Everything the round's view shows, read through `ctx` (a transaction's, to see its own writes). */
export async function roundRecords(ctx: Context, round: ReviewRoundRow): Promise<RoundRecords> {
  const [applications, exclusions, assignments, pledges] = await Promise.all([
    ctx.expertReviews.listRoundApplications(round.id),
    ctx.expertReviews.listExclusions(round.id),
    ctx.expertReviews.listAssignments(round.id),
    ctx.expertReviews.listPledges(round.id),
  ]);
  const ids = new Set([...exclusions.map((e) => e.expert_id), ...assignments.map((s) => s.expert_id)]);
  const experts = await ctx.expertReviews.listExperts([...ids]);
  return {
    round,
    applications,
    exclusions,
    assignments,
    pledges,
    expertNames: new Map(experts.map((e) => [e.id, e.name])),
  };
}

export async function roundView(ctx: Context, roundId: string): Promise<ReviewRoundView> {
  return presentRound(await roundRecords(ctx, await loadRound(ctx, roundId)));
}

/** A stale version or a state that does not allow the change: 409 in words. */
export const roundChanged = () =>
  new AppError('INVALID_TRANSITION', '该评审轮次刚被他人修改或状态已变化，请刷新后重试');
