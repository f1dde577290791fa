import type { ReviewRoundView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadRound, roundChanged, roundView } from './loaders/review-round.js';
import { auditedBy } from './steps/audited-by.js';

const steps = {
  open: { from: 'drawn', to: 'open', refusal: '只有已抽取专家的评审轮次才能开始评审' },
  close: { from: 'open', to: 'closed', refusal: '只有评审中的轮次才能结束评审' },
} as const;

/** The province opens a drawn round to the experts, or closes an open one; on `version`, audited. */
export async function changeReviewRoundStatus(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  step: keyof typeof steps,
  version: number,
  origin: RequestOrigin,
): Promise<ReviewRoundView> {
  authorize(actor, 'review-round:manage');
  const round = await loadRound(ctx, roundId);
  const { from, to, refusal } = steps[step];
  if (round.status !== from) throw new AppError('INVALID_TRANSITION', refusal);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    if (!(await tx.expertReviews.setStatus(roundId, version, from, to, now))) throw roundChanged();
    await tx.audit.record(
      { ...auditedBy(actor, origin.ip), action: `review_round.${step}`, targetType: 'review_round', targetId: roundId },
      now,
    );
  });
  return roundView(ctx, roundId);
}
