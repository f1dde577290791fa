import { randomUUID } from 'node:crypto';
import type { PeerScores, Rubric, ScoreEntry, ScoreHistory, ScoreSheetInput, ScoreSheetView } from '#contract';
import { AppError } from '../domain/errors.js';
import { scoreSheet, scoreSubmittedSheet } from '../domain/rubric.js';
import { scoreStatistics } from '../domain/score-aggregation.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { ScoreSheetRow } from '../repositories/expert-review-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { loadExpertMaterial, type ExpertMaterial } from './loaders/expert-material.js';
import { auditedBy } from './steps/audited-by.js';

/**
 * The expert's score sheet of one assignment (issue 15 item 6), reached by the neutral label through the same
 * checks as the blind material at every opening and save (drawn for it, round open, 承诺书 signed, no 回避 now).
 * A save is a compare-and-set on the sheet's version; every save, submit and reopening is kept as a version in
 * the sheet's history and audited in its transaction.
 */

const SUBMITTED = '该评分表已提交，须由省厅退回后修改';
const STALE = '评分表刚被修改（可能在另一个窗口中），请刷新后重试';

export const rubricOf = (material: { round: { rubric: string } }) => JSON.parse(material.round.rubric) as Rubric;
export const entriesOf = (row: { entries: string }) => JSON.parse(row.entries) as ScoreEntry[];
export const toCents = (total: number) => Math.round(total * 100);

/** The expert's material, checked, with the scoring permission on it. */
async function scoringMaterial(ctx: Context, actor: Actor | null, roundId: string, label: string) {
  const material = await loadExpertMaterial(ctx, actor, roundId, label);
  authorize(actor, 'expert-review:score', {
    kind: 'review-material',
    assigned: true,
    signed: true,
    conflicted: false,
    roundOpen: true,
  });
  return material;
}

function presentSheet(material: ExpertMaterial, row: ScoreSheetRow | undefined): ScoreSheetView {
  const rubric = rubricOf(material);
  const entries = row ? entriesOf(row) : [];
  const score = scoreSheet(rubric, { entries });
  return {
    roundId: material.round.id,
    label: material.label,
    status: row?.status ?? 'draft',
    version: row?.version ?? 0,
    entries,
    opinion: row?.opinion ?? '',
    rubric,
    total: score.total,
    formula: score.formula,
    calculation: score.calculation,
    categories: score.categories,
    missing: score.missing,
    verdict: score.verdict,
    updatedAt: row?.updated_at ?? null,
    submittedAt: row?.submitted_at ?? null,
  };
}

const findOwnSheet = (ctx: Context, material: ExpertMaterial) =>
  ctx.expertReviews.findSheet(material.round.id, material.applicationId, material.expertId);

export async function viewScoreSheet(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
): Promise<ScoreSheetView> {
  const material = await scoringMaterial(ctx, actor, roundId, label);
  return presentSheet(material, await findOwnSheet(ctx, material));
}

/** Why a compare-and-set failed: the sheet is submitted, or someone saved first. */
async function refusal(ctx: Context, material: ExpertMaterial): Promise<AppError> {
  const now = await findOwnSheet(ctx, material);
  return new AppError('INVALID_TRANSITION', now?.status === 'submitted' ? SUBMITTED : STALE);
}

/**
 * Saves a draft on `version` (0: the first save): entries checked against the rubric (400 naming the item), the
 * total recomputed; 409 once submitted or when another save came first.
 */
export async function saveScoreSheet(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
  input: ScoreSheetInput,
  origin: RequestOrigin,
): Promise<ScoreSheetView> {
  const material = await scoringMaterial(ctx, actor, roundId, label);
  const score = scoreSheet(rubricOf(material), input);
  const now = ctx.clock.now().toISOString();
  const entries = JSON.stringify(input.entries);
  const opinion = input.opinion ?? '';
  const totalCents = toCents(score.total);
  const saved = await ctx.transaction(async (tx) => {
    let sheetId: string;
    if (input.version === 0) {
      sheetId = randomUUID();
      const inserted = await tx.expertReviews.insertSheet({
        id: sheetId,
        round_id: roundId,
        application_id: material.applicationId,
        expert_id: material.expertId,
        entries,
        opinion,
        total_cents: totalCents,
        status: 'draft',
        version: 1,
        updated_at: now,
        submitted_at: null,
      });
      if (!inserted) return false;
    } else {
      const row = await findOwnSheet(tx, material);
      if (!row) return false;
      sheetId = row.id;
      const updated = await tx.expertReviews.updateSheet(row.id, input.version, 'draft', {
        entries,
        opinion,
        total_cents: totalCents,
        updated_at: now,
      });
      if (!updated) return false;
    }
    await tx.expertReviews.insertSheetHistory({
      sheet_id: sheetId,
      version: input.version + 1,
      entries,
      opinion,
      total_cents: totalCents,
      action: 'saved',
      reason: null,
      by_user_id: material.actor.userId,
      at: now,
    });
    await tx.audit.record(
      {
        ...auditedBy(material.actor, origin.ip),
        action: 'review_score.save',
        targetType: 'review_score_sheet',
        targetId: sheetId,
        detail: { roundId, label, version: input.version + 1, total: score.total },
      },
      new Date(now),
    );
    return true;
  });
  if (!saved) throw await refusal(ctx, material);
  return presentSheet(material, await findOwnSheet(ctx, material));
}

/** Submits the sheet on `version`: every item filled (400 naming the missing ones), then no change but by reopening. */
export async function submitScoreSheet(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
  version: number,
  origin: RequestOrigin,
): Promise<ScoreSheetView> {
  const material = await scoringMaterial(ctx, actor, roundId, label);
  const row = await findOwnSheet(ctx, material);
  const score = scoreSubmittedSheet(rubricOf(material), { entries: row ? entriesOf(row) : [] });
  if (!row) throw new AppError('INVALID_TRANSITION', STALE);
  if (row.status === 'submitted') throw new AppError('INVALID_TRANSITION', '该评分表已提交');
  const now = ctx.clock.now().toISOString();
  const submitted = await ctx.transaction(async (tx) => {
    const updated = await tx.expertReviews.updateSheet(row.id, version, 'draft', {
      status: 'submitted',
      submitted_at: now,
      updated_at: now,
    });
    if (!updated) return false;
    await tx.expertReviews.insertSheetHistory({
      sheet_id: row.id,
      version: version + 1,
      entries: row.entries,
      opinion: row.opinion,
      total_cents: toCents(score.total),
      action: 'submitted',
      reason: null,
      by_user_id: material.actor.userId,
      at: now,
    });
    await tx.audit.record(
      {
        ...auditedBy(material.actor, origin.ip),
        action: 'review_score.submit',
        targetType: 'review_score_sheet',
        targetId: row.id,
        detail: { roundId, label, version: version + 1, total: score.total },
      },
      new Date(now),
    );
    return true;
  });
  if (!submitted) throw await refusal(ctx, material);
  return presentSheet(material, await findOwnSheet(ctx, material));
}

/** The history of a sheet as the contract shows it. */
export async function sheetHistory(ctx: Context, sheetId: string | undefined): Promise<ScoreHistory> {
  if (!sheetId) return { versions: [] };
  const rows = await ctx.expertReviews.listSheetHistory(sheetId);
  return {
    versions: rows.map((r) => ({
      version: r.version,
      action: r.action,
      entries: entriesOf(r),
      opinion: r.opinion,
      total: r.total_cents / 100,
      reason: r.reason,
      by: r.display_name,
      at: r.at,
    })),
  };
}

/** The expert's own sheet's every version. */
export async function viewOwnSheetHistory(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
): Promise<ScoreHistory> {
  const material = await scoringMaterial(ctx, actor, roundId, label);
  return sheetHistory(ctx, (await findOwnSheet(ctx, material))?.id);
}

/**
 * The other experts' totals on the application, without their names, once the expert's own sheet is submitted
 * (403 before: nobody scores after seeing the others); drafts show no total.
 */
export async function viewPeerScores(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
): Promise<PeerScores> {
  const material = await scoringMaterial(ctx, actor, roundId, label);
  const own = await findOwnSheet(ctx, material);
  if (own?.status !== 'submitted') throw new AppError('FORBIDDEN', '提交本人的评分后，方可查看其他专家对该申报的评分');
  const [assignments, sheets] = await Promise.all([
    ctx.expertReviews.listAssignments(roundId),
    ctx.expertReviews.listSheets(roundId),
  ]);
  const others = assignments
    .filter(
      (s) => s.application_id === material.applicationId && s.replaced_at === null && s.expert_id !== material.expertId,
    )
    .map((s) => {
      const sheet = sheets.find((x) => x.application_id === s.application_id && x.expert_id === s.expert_id);
      const submitted = sheet?.status === 'submitted';
      return { total: submitted ? sheet.total_cents / 100 : null, submitted };
    });
  const totals = [own.total_cents / 100, ...others.flatMap((o) => (o.total === null ? [] : [o.total]))];
  return { own: own.total_cents / 100, others, statistics: scoreStatistics(totals) };
}
