import type { ExpertRoundView } from '#contract';
import { AppError } from '../../domain/errors.js';
import { authorize, type Actor } from '../../policies/policy.js';
import { presentExpertRound } from '../../presenters/expert-review.js';
import type { ReviewRoundRow } from '../../repositories/expert-review-repository.js';
import type { Context } from '../context.js';
import { settingsOf } from './review-round.js';
import { roundConflicts } from '../steps/review-conflicts.js';

/** The expert of the pool a signed-in expert is (403 for an account bound to none). */
export async function expertOf(ctx: Context, actor: Actor | null): Promise<{ actor: Actor; expertId: string }> {
  authorize(actor, 'expert-review:read');
  const expertId = await ctx.expertReviews.expertIdOfUser(actor.userId);
  if (!expertId) throw new AppError('FORBIDDEN', '该账号未关联专家库中的专家，请联系省级主管部门');
  return { actor, expertId };
}

/** A round the expert is drawn for (404 otherwise: the expert learns nothing of other rounds). */
export async function loadExpertRound(ctx: Context, roundId: string, expertId: string): Promise<ReviewRoundRow> {
  const round = await ctx.expertReviews.findRound(roundId);
  const drawn = round && (await ctx.expertReviews.listRoundsOfExpert(expertId)).some((r) => r.id === round.id);
  if (!round || !drawn) throw new AppError('NOT_FOUND', '评审轮次不存在');
  return round;
}

export interface ExpertMaterial {
  actor: Actor;
  expertId: string;
  round: ReviewRoundRow;
  applicationId: string;
  label: string;
}

/**
 * One application's material for an expert, by its neutral label, checked at every opening: the expert is
 * drawn for it, the round is open, the expert signed the round's 承诺书, and no 回避 conflict stands now (the
 * expert's and the application's data as they are, so a conflict that came up after the draw refuses the
 * material; the refusal names 回避, not the party).
 */
export async function loadExpertMaterial(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
): Promise<ExpertMaterial> {
  const own = await expertOf(ctx, actor);
  const round = await loadExpertRound(ctx, roundId, own.expertId);
  const placed = await ctx.expertReviews.findByLabel(roundId, label);
  if (!placed) throw new AppError('NOT_FOUND', '评审材料不存在');
  const assigned = (await ctx.expertReviews.listAssignments(roundId)).some(
    (s) => s.expert_id === own.expertId && s.application_id === placed.application_id && s.replaced_at === null,
  );
  if (!assigned) throw new AppError('FORBIDDEN', '您未被抽取评审该申报材料');
  if (round.status !== 'open')
    throw new AppError(
      'FORBIDDEN',
      round.status === 'closed' ? '本轮评审已结束，不能再查看评审材料' : '本轮评审尚未开始，暂不能查看评审材料',
    );
  const signed = (await ctx.expertReviews.findPledge(roundId, own.expertId)) !== undefined;
  if (!signed) throw new AppError('FORBIDDEN', '请先签署本轮评审的承诺书（回避声明），签署后方可查看评审材料');
  const [applications, exclusions, expert] = await Promise.all([
    ctx.expertReviews.listRoundApplications(roundId),
    ctx.expertReviews.listExclusions(roundId),
    ctx.expertReviews.findExpert(own.expertId),
  ]);
  const conflicts = await roundConflicts(
    ctx,
    settingsOf(round).conflicts,
    applications.filter((a) => a.application_id === placed.application_id),
    exclusions,
  );
  const conflicted = conflicts.conflictsOf(placed.application_id, expert!).length > 0;
  if (conflicted)
    throw new AppError('FORBIDDEN', '您与该申报单位存在应当回避的情形（回避），不能查看其材料；请联系省级主管部门');
  authorize(actor, 'expert-review:read', { kind: 'review-material', assigned, signed, conflicted, roundOpen: true });
  return { ...own, round, applicationId: placed.application_id, label };
}

/** One round as its expert sees it: own groups, neutral labels, the 承诺书 and whether it is signed. */
export async function expertRoundView(ctx: Context, round: ReviewRoundRow, expertId: string): Promise<ExpertRoundView> {
  const [assignments, applications, signed] = await Promise.all([
    ctx.expertReviews.listAssignments(round.id),
    ctx.expertReviews.listRoundApplications(round.id),
    ctx.expertReviews.findPledge(round.id, expertId),
  ]);
  const own = assignments.filter((s) => s.expert_id === expertId && s.replaced_at === null);
  const labels = new Map(applications.map((a) => [a.application_id, a.label ?? '']));
  return presentExpertRound(round, own, labels, signed);
}
