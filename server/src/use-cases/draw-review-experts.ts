import { randomBytes } from 'node:crypto';
import type { ReviewRoundView } from '#contract';
import { AppError } from '../domain/errors.js';
import { drawExperts } from '../domain/expert-draw.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadRound, roundChanged, roundView, settingsOf } from './loaders/review-round.js';
import { auditedBy } from './steps/audited-by.js';
import { roundConflicts } from './steps/review-conflicts.js';

/** A group's letters: 1 → A, 26 → Z, 27 → AA. */
export function groupLetters(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** The neutral label an expert sees: the group's letters and the place in the group, e.g. A-03. */
export const materialLabel = (group: number, place: number) =>
  `${groupLetters(group)}-${String(place).padStart(2, '0')}`;

/**
 * 双随机: the province draws the experts of a draft round. The seed is generated here (crypto random) and
 * recorded with the attempt and the pool drawn from, so the draw can be recomputed (domain/expert-draw.ts);
 * every 回避 conflict (domain/conflicts.ts, the round's rules) keeps an expert from a group. A draw that cannot
 * serve a group is a 422 naming the group and why; of two draws at once one goes through and the other is a
 * 409 (the conditional UPDATE), so a round is never assigned twice. Audited with the seed and the groups.
 */
export async function drawReviewExperts(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  version: number,
  origin: RequestOrigin,
): Promise<ReviewRoundView> {
  authorize(actor, 'review-round:manage');
  const round = await loadRound(ctx, roundId);
  if (round.status !== 'draft') throw alreadyDrawn();
  if (round.version !== version) throw roundChanged();
  const settings = settingsOf(round);
  const [applications, exclusions, pool] = await Promise.all([
    ctx.expertReviews.listRoundApplications(roundId),
    ctx.expertReviews.listExclusions(roundId),
    ctx.expertReviews.listExperts(),
  ]);
  const experts = pool.filter((e) => e.active === 1);
  const byId = new Map(experts.map((e) => [e.id, e]));
  const conflicts = await roundConflicts(ctx, settings.conflicts, applications, exclusions);
  const seed = randomBytes(16).toString('hex');
  const input = {
    seed,
    applicationIds: applications.map((a) => a.application_id),
    expertIds: experts.map((e) => e.id),
    expertsPerApplication: settings.expertsPerApplication,
    maxLoadPerExpert: settings.maxLoadPerExpert,
    grouping: settings.grouping,
    hasConflict: (expertId: string, applicationId: string) =>
      conflicts.conflictsOf(applicationId, byId.get(expertId)!).length > 0,
  };
  const draw = drawExperts(input);
  if (!draw.ok)
    throw new AppError('DRAW_FAILED', `抽取专家未成功：${draw.reason}`, { groupNumber: draw.groupNumber, seed });
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const marked = await tx.expertReviews.markDrawn(roundId, {
      seed,
      attempt: draw.attempt,
      expertIds: input.expertIds,
      by: actor.userId,
      at: now,
    });
    if (!marked) throw alreadyDrawn();
    for (const group of draw.groups) {
      for (const [i, applicationId] of group.applicationIds.entries())
        await tx.expertReviews.placeApplication(
          roundId,
          applicationId,
          group.number,
          materialLabel(group.number, i + 1),
        );
      await tx.expertReviews.assign(
        { roundId, number: group.number, applicationIds: group.applicationIds },
        group.expertIds.map((id, position) => ({ id, position })),
        now,
      );
    }
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'review_round.draw',
        targetType: 'review_round',
        targetId: roundId,
        detail: {
          seed,
          attempt: draw.attempt,
          poolSize: input.expertIds.length,
          groups: draw.groups.map((g) => ({
            number: g.number,
            applicationIds: g.applicationIds,
            expertIds: g.expertIds,
          })),
        },
      },
      now,
    );
  });
  return roundView(ctx, roundId);
}

const alreadyDrawn = () => new AppError('INVALID_TRANSITION', '该评审轮次已抽取专家，不能重复抽取');
