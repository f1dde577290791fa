import type { ExpertRoundView } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { pledge } from '../presenters/expert-review.js';
import type { Context, RequestOrigin } from './context.js';
import { expertOf, expertRoundView, loadExpertRound } from './loaders/expert-material.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The expert signs the round's 承诺书 / 回避声明 (the text version shown): time, address and version recorded
 * once, audited; no material of the round opens before. Signing again changes nothing.
 */
export async function signReviewPledge(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  textVersion: string,
  origin: RequestOrigin,
): Promise<ExpertRoundView> {
  const own = await expertOf(ctx, actor);
  const round = await loadExpertRound(ctx, roundId, own.expertId);
  if (round.status === 'closed') throw new AppError('INVALID_TRANSITION', '本轮评审已结束');
  if (textVersion !== pledge.textVersion) throw fieldError('textVersion', '承诺书已更新，请刷新后阅读新版本再签署');
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const signed = await tx.expertReviews.insertPledge({
      round_id: roundId,
      expert_id: own.expertId,
      text_version: textVersion,
      signed_at: now.toISOString(),
      ip: origin.ip,
    });
    if (!signed) return;
    await tx.audit.record(
      {
        ...auditedBy(own.actor, origin.ip),
        action: 'review_round.pledge',
        targetType: 'review_round',
        targetId: roundId,
        detail: { expertId: own.expertId, textVersion },
      },
      now,
    );
  });
  return expertRoundView(ctx, round, own.expertId);
}
