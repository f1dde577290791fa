import type {
  AggregatedApplicationView,
  DecisionInput,
  Rubric,
  RoundScoresView,
  ScoreHistory,
  ScoreMetric,
} from '#contract';
import { AppError } from '../domain/errors.js';
import { rubricFormula } from '../domain/rubric.js';
import { ROUND_PASS_RULE, roundVerdict } from '../domain/round-verdict.js';
import { compareBy, scoreStatistics } from '../domain/score-aggregation.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { ReviewRoundRow } from '../repositories/expert-review-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { loadRound } from './loaders/review-round.js';
import { entriesOf, sheetHistory } from './score-review-sheet.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The province's side of scoring (issue 15 items 7–8): the aggregation per round with real names and raw scores,
 * the statistics that show disagreement, the rubric's pass rule, a sheet's history and reopening, and the
 * decision per application.
 */

const DECISION_RULE = '须在该申报的全部专家评分提交后，或本轮评审结束后（至少有一份已提交的评分），方可作出评审结论';

/**
 * The round's applications with real names, each drawn expert's sheet (total, status, version), the statistics and
 * the pass rule of the submitted sheets, and the decision; sorted by a statistic (those without it last).
 */
export async function aggregate(
  ctx: Context,
  round: ReviewRoundRow,
  sort: ScoreMetric,
  order: 'asc' | 'desc',
): Promise<RoundScoresView> {
  const rubric = JSON.parse(round.rubric) as Rubric;
  const [applications, assignments, sheets, decisions] = await Promise.all([
    ctx.expertReviews.listRoundApplications(round.id),
    ctx.expertReviews.listAssignments(round.id),
    ctx.expertReviews.listSheets(round.id),
    ctx.expertReviews.listDecisions(round.id),
  ]);
  const current = assignments.filter((s) => s.replaced_at === null);
  const names = new Map(
    (await ctx.expertReviews.listExperts([...new Set(current.map((s) => s.expert_id))])).map((e) => [e.id, e.name]),
  );
  const rows: AggregatedApplicationView[] = applications.map((a) => {
    const scores = current
      .filter((s) => s.application_id === a.application_id)
      .map((s) => {
        const sheet = sheets.find((x) => x.application_id === a.application_id && x.expert_id === s.expert_id);
        return { assignment: s, sheet };
      });
    const submitted = scores.flatMap((s) => (s.sheet?.status === 'submitted' ? [s.sheet] : []));
    const statistics = scoreStatistics(submitted.map((s) => s.total_cents / 100));
    const decision = decisions.find((d) => d.application_id === a.application_id);
    return {
      applicationId: a.application_id,
      label: a.label,
      groupNumber: a.group_number,
      unitName: a.unit_name,
      platformName: a.platform_name,
      scores: scores.map(({ assignment, sheet }) => ({
        expertId: assignment.expert_id,
        expertName: names.get(assignment.expert_id) ?? '',
        total: sheet ? sheet.total_cents / 100 : null,
        status: sheet?.status ?? null,
        submitted: sheet?.status === 'submitted',
        version: sheet?.version ?? 0,
      })),
      statistics,
      verdict: roundVerdict(rubric, submitted.map(entriesOf)),
      allSubmitted: scores.length > 0 && submitted.length === scores.length,
      decision: decision
        ? {
            decision: decision.decision,
            reason: decision.reason,
            decidedBy: decision.display_name,
            decidedAt: decision.decided_at,
          }
        : null,
    };
  });
  rows.sort(compareBy(sort, order));
  return {
    roundId: round.id,
    title: round.title,
    status: round.status,
    sort,
    order,
    passRule: { metric: 'mean', description: ROUND_PASS_RULE, formula: rubricFormula(rubric) },
    decisionRule: DECISION_RULE,
    applications: rows,
  };
}

/** The aggregation of a round, sorted by a statistic (applications without it last). */
export async function viewRoundScores(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  sort: ScoreMetric,
  order: 'asc' | 'desc',
): Promise<RoundScoresView> {
  authorize(actor, 'review-score:manage');
  return aggregate(ctx, await loadRound(ctx, roundId), sort, order);
}

async function loadSheet(ctx: Context, roundId: string, applicationId: string, expertId: string) {
  await loadRound(ctx, roundId);
  const sheet = await ctx.expertReviews.findSheet(roundId, applicationId, expertId);
  if (!sheet) throw new AppError('NOT_FOUND', '该专家尚未保存过此申报的评分表');
  return sheet;
}

export async function viewSheetHistory(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  applicationId: string,
  expertId: string,
): Promise<ScoreHistory> {
  authorize(actor, 'review-score:manage');
  return sheetHistory(ctx, (await loadSheet(ctx, roundId, applicationId, expertId)).id);
}

/** The province returns a submitted sheet to its expert (a draft again), with a reason; kept and audited. */
export async function reopenScoreSheet(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  applicationId: string,
  expertId: string,
  reason: string,
  origin: RequestOrigin,
): Promise<ScoreHistory> {
  authorize(actor, 'review-score:manage');
  const round = await loadRound(ctx, roundId);
  if (round.status !== 'open') throw new AppError('INVALID_TRANSITION', '只有评审中的轮次才能退回评分表');
  const sheet = await loadSheet(ctx, roundId, applicationId, expertId);
  if (sheet.status !== 'submitted') throw new AppError('INVALID_TRANSITION', '该评分表尚未提交，无需退回');
  const now = ctx.clock.now().toISOString();
  await ctx.transaction(async (tx) => {
    const updated = await tx.expertReviews.updateSheet(sheet.id, sheet.version, 'submitted', {
      status: 'draft',
      submitted_at: null,
      updated_at: now,
    });
    if (!updated) throw new AppError('INVALID_TRANSITION', '该评分表刚被修改，请刷新后重试');
    await tx.expertReviews.insertSheetHistory({
      sheet_id: sheet.id,
      version: sheet.version + 1,
      entries: sheet.entries,
      opinion: sheet.opinion,
      total_cents: sheet.total_cents,
      action: 'reopened',
      reason,
      by_user_id: actor.userId,
      at: now,
    });
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'review_score.reopen',
        targetType: 'review_score_sheet',
        targetId: sheet.id,
        detail: { roundId, applicationId, expertId, reason, version: sheet.version + 1 },
      },
      new Date(now),
    );
  });
  return sheetHistory(ctx, sheet.id);
}

/**
 * The province's decision on an application (建议认定 / 不建议 with its reason), once every expert drawn for it has
 * submitted or the round is closed (409 naming the rule otherwise); audited, a later decision replaces it.
 */
export async function decideApplication(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  applicationId: string,
  input: DecisionInput,
  origin: RequestOrigin,
): Promise<RoundScoresView> {
  authorize(actor, 'review-score:manage');
  const round = await loadRound(ctx, roundId);
  const view = await aggregate(ctx, round, 'mean', 'desc');
  const application = view.applications.find((a) => a.applicationId === applicationId);
  if (!application) throw new AppError('NOT_FOUND', '该申报不在本评审轮次中');
  const ready = application.allSubmitted || (round.status === 'closed' && application.statistics.count > 0);
  if (!ready) throw new AppError('INVALID_TRANSITION', DECISION_RULE);
  const now = ctx.clock.now().toISOString();
  await ctx.transaction(async (tx) => {
    await tx.expertReviews.saveDecision({
      round_id: roundId,
      application_id: applicationId,
      decision: input.decision,
      reason: input.reason,
      decided_by: actor.userId,
      decided_at: now,
    });
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'review_round.decide',
        targetType: 'application',
        targetId: applicationId,
        detail: { roundId, decision: input.decision, reason: input.reason, mean: application.statistics.mean },
      },
      new Date(now),
    );
  });
  return aggregate(ctx, round, 'mean', 'desc');
}
