import type { ReplacementInput, ReviewRoundView } from '#contract';
import { AppError } from '../domain/errors.js';
import { drawReplacement, type DrawGroup } from '../domain/expert-draw.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadRound, roundChanged, roundView, settingsOf } from './loaders/review-round.js';
import { auditedBy } from './steps/audited-by.js';
import { roundConflicts } from './steps/review-conflicts.js';

/**
 * The province replaces one expert of a group (declined, or a conflict came to light), giving the reason: the
 * replacement is drawn, never chosen — the next expert in the group's seeded order of the draw's attempt who
 * is not and was not in the group, has no 回避 conflict with any of its applications now, is active and has room
 * under the cap (domain drawReplacement). The replaced expert's assignments are kept, marked, with the reason.
 */
export async function replaceReviewExpert(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  input: ReplacementInput,
  origin: RequestOrigin,
): Promise<ReviewRoundView> {
  authorize(actor, 'review-round:manage');
  const round = await loadRound(ctx, roundId);
  if ((round.status !== 'drawn' && round.status !== 'open') || round.seed === null || round.draw_attempt === null)
    throw new AppError('INVALID_TRANSITION', '只能在抽取专家后、评审结束前替换专家');
  const settings = settingsOf(round);
  const [applications, exclusions, assignments, pool] = await Promise.all([
    ctx.expertReviews.listRoundApplications(roundId),
    ctx.expertReviews.listExclusions(roundId),
    ctx.expertReviews.listAssignments(roundId),
    ctx.expertReviews.listExperts(),
  ]);
  const byId = new Map(pool.map((e) => [e.id, e]));
  const conflicts = await roundConflicts(ctx, settings.conflicts, applications, exclusions);
  const groupNumbers = [...new Set(applications.map((a) => a.group_number!))].sort((a, b) => a - b);
  const groups: DrawGroup[] = groupNumbers.map((number) => ({
    number,
    applicationIds: applications.filter((a) => a.group_number === number).map((a) => a.application_id),
    expertIds: [
      ...new Set(
        assignments.filter((s) => s.group_number === number && s.replaced_at === null).map((s) => s.expert_id),
      ),
    ],
  }));
  const former = [
    ...new Set(
      assignments.filter((s) => s.group_number === input.groupNumber && s.replaced_at !== null).map((s) => s.expert_id),
    ),
  ];
  const drawInput = {
    seed: round.seed,
    applicationIds: applications.map((a) => a.application_id),
    expertIds: JSON.parse(round.draw_expert_ids ?? '[]') as string[],
    expertsPerApplication: settings.expertsPerApplication,
    maxLoadPerExpert: settings.maxLoadPerExpert,
    grouping: settings.grouping,
    hasConflict: (expertId: string, applicationId: string) => {
      const expert = byId.get(expertId);
      return !expert || expert.active !== 1 || conflicts.conflictsOf(applicationId, expert).length > 0;
    },
  };
  const result = drawReplacement(
    drawInput,
    { ok: true, attempt: round.draw_attempt, groups },
    input.groupNumber,
    input.expertId,
    former,
  );
  if (!result.ok)
    throw new AppError('DRAW_FAILED', `替换专家未成功：${result.reason}`, { groupNumber: result.groupNumber });
  const position = assignments.find(
    (s) => s.group_number === input.groupNumber && s.expert_id === input.expertId && s.replaced_at === null,
  )!.position;
  const group = groups.find((g) => g.number === input.groupNumber)!;
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    if (!(await tx.expertReviews.bumpRound(roundId, round.version, ['drawn', 'open'], now))) throw roundChanged();
    await tx.expertReviews.markReplaced(roundId, input.groupNumber, input.expertId, input.reason, now);
    await tx.expertReviews.assign(
      { roundId, number: input.groupNumber, applicationIds: group.applicationIds },
      [{ id: result.expertId, position }],
      now,
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'review_round.replace',
        targetType: 'review_round',
        targetId: roundId,
        detail: {
          groupNumber: input.groupNumber,
          replaced: input.expertId,
          drawn: result.expertId,
          reason: input.reason,
        },
      },
      now,
    );
  });
  return roundView(ctx, roundId);
}
