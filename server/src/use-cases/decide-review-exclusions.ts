import type { ExclusionsInput, ReviewRoundView } from '#contract';
import { validateRequestedExclusions } from '../domain/conflicts.js';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadRound, roundChanged, roundView, settingsOf } from './loaders/review-round.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The experts an applicant asked not to review its application (at most M), as the province records them with
 * its decision on each (同意 / 不同意, with the reason); replaces what was recorded for the application, audited.
 * An accepted exclusion is a 回避 conflict from then on: before the draw the expert is not drawn for the
 * application, after it the expert is refused its material (and is replaced).
 */
export async function decideReviewExclusions(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  applicationId: string,
  input: ExclusionsInput,
  origin: RequestOrigin,
): Promise<ReviewRoundView> {
  authorize(actor, 'review-round:manage');
  const round = await loadRound(ctx, roundId);
  if (round.status === 'closed') throw new AppError('INVALID_TRANSITION', '评审已结束，不能再记录回避申请');
  const inRound = (await ctx.expertReviews.listRoundApplications(roundId)).some(
    (a) => a.application_id === applicationId,
  );
  if (!inRound) throw new AppError('NOT_FOUND', '该申报不在本评审轮次中');
  validateRequestedExclusions(
    input.requests.map((r) => r.expertId),
    settingsOf(round).conflicts,
  );
  const experts = new Set(
    (await ctx.expertReviews.listExperts(input.requests.map((r) => r.expertId))).map((e) => e.id),
  );
  input.requests.forEach((r, i) => {
    if (!experts.has(r.expertId)) throw fieldError(`requests.${i}.expertId`, '专家库中没有该专家');
  });
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    if (!(await tx.expertReviews.bumpRound(roundId, round.version, ['draft', 'drawn', 'open'], now)))
      throw roundChanged();
    await tx.expertReviews.replaceExclusions(
      roundId,
      applicationId,
      input.requests.map((r) => ({
        round_id: roundId,
        application_id: applicationId,
        expert_id: r.expertId,
        accepted: r.accepted ? 1 : 0,
        reason: r.reason,
        decided_by: actor.userId,
        decided_at: now.toISOString(),
      })),
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'review_round.exclusions',
        targetType: 'review_round',
        targetId: roundId,
        detail: { applicationId, requests: input.requests },
      },
      now,
    );
  });
  return roundView(ctx, roundId);
}
