import { conflictCodes, type ConflictCode } from '../domain/conflicts.js';
import type { ReviewRoundView, RoundConflictsView } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadRound, roundView, settingsOf } from './loaders/review-round.js';
import { roundConflicts } from './steps/review-conflicts.js';

/** The batch's review rounds, newest first. */
export async function listReviewRounds(ctx: Context, actor: Actor | null, batchId?: string) {
  authorize(actor, 'review-round:manage');
  const batch = await currentBatch(ctx, batchId);
  const rows = await ctx.expertReviews.listRounds(batch.id);
  return {
    rounds: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      applicationCount: Number(r.application_count ?? 0),
    })),
  };
}

export async function viewReviewRound(ctx: Context, actor: Actor | null, roundId: string): Promise<ReviewRoundView> {
  authorize(actor, 'review-round:manage');
  return roundView(ctx, roundId);
}

/**
 * The 回避 conflicts of a round as they stand now: every application against every expert of the pool (active
 * or not, and those drawn), each conflict with its reason; `assigned` marks a conflict that came up after the
 * draw (the expert is then refused the material until replaced).
 */
export async function viewRoundConflicts(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
): Promise<RoundConflictsView> {
  authorize(actor, 'review-round:manage');
  const round = await loadRound(ctx, roundId);
  const rules = settingsOf(round).conflicts;
  const [applications, exclusions, assignments, experts] = await Promise.all([
    ctx.expertReviews.listRoundApplications(roundId),
    ctx.expertReviews.listExclusions(roundId),
    ctx.expertReviews.listAssignments(roundId),
    ctx.expertReviews.listExperts(),
  ]);
  const conflicts = await roundConflicts(ctx, rules, applications, exclusions);
  const assigned = new Set(
    assignments.filter((s) => s.replaced_at === null).map((s) => `${s.application_id}|${s.expert_id}`),
  );
  const pairs: RoundConflictsView['pairs'] = [];
  for (const app of applications)
    for (const expert of experts) {
      const found = conflicts.conflictsOf(app.application_id, expert);
      if (found.length === 0) continue;
      pairs.push({
        applicationId: app.application_id,
        label: app.label,
        expertId: expert.id,
        expertName: expert.name,
        assigned: assigned.has(`${app.application_id}|${expert.id}`),
        conflicts: found.map((c) => ({ code: c.code, label: conflictCodes[c.code as ConflictCode], reason: c.reason })),
      });
    }
  return { rules, pairs };
}
