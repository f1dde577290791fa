import type { ReviewDecision, Rubric, ScoreStatistics } from '#contract';
import { reviewDecisionLabels } from '#contract';
import { formatChineseDateTime } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { scoreSheet } from '../domain/rubric.js';
import {
  renderExpertOpinionsPdf,
  renderReviewSummaryPdf,
  renderReviewSummaryXlsx,
  type OpinionItem,
} from '../documents/review-opinions.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { expertOf, loadExpertRound } from './loaders/expert-material.js';
import { loadRound } from './loaders/review-round.js';
import { aggregate } from './review-scores.js';
import { entriesOf } from './score-review-sheet.js';
import { auditedBy } from './steps/audited-by.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';

const figure = (x: number | null) => (x === null ? '—' : String(x));

async function auditDownload(ctx: Context, actor: Actor, origin: RequestOrigin, roundId: string, document: string) {
  await ctx.audit.record(
    {
      ...auditedBy(actor, origin.ip),
      action: 'document.download',
      targetType: 'review_round',
      targetId: roundId,
      detail: { document },
    },
    ctx.clock.now(),
  );
}

/**
 * 专家评审意见汇总表 of a round (Excel or PDF) for the province: ranked by the mean of the submitted totals, each
 * expert's total, the statistics, the rubric's verdict and the province's decision; audited.
 */
export async function exportReviewSummary(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  format: 'xlsx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  authorize(actor, 'review-score:manage');
  const round = await loadRound(ctx, roundId);
  const view = await aggregate(ctx, round, 'mean', 'desc');
  const decisionText = (d: { decision: ReviewDecision; reason: string } | null) =>
    d ? `${reviewDecisionLabels[d.decision]}${d.reason ? `：${d.reason}` : ''}` : '未作结论';
  const stats = (s: ScoreStatistics) => ({
    mean: figure(s.mean),
    median: figure(s.median),
    trimmedMean: figure(s.trimmedMean),
    range: figure(s.range),
  });
  const summary = {
    title: '专家评审意见汇总表',
    subtitle: `${round.title}（评审期 ${round.opens_on} 至 ${round.closes_on}）`,
    rows: view.applications.map((a, i) => ({
      rank: i + 1,
      label: a.label ?? '',
      unitName: a.unitName,
      platformName: a.platformName,
      scores: a.scores
        .map((s) => `${s.expertName} ${s.total === null ? '未评' : s.total}${s.submitted ? '' : '（未提交）'}`)
        .join('；'),
      ...stats(a.statistics),
      verdict: a.verdict?.reason ?? '暂无已提交的评分',
      decision: decisionText(a.decision),
    })),
    note: `说明：按已提交评分的平均分由高到低排列，统计量只计已提交的评分，保留2位小数（四舍五入）。${view.passRule.description}。`,
  };
  await auditDownload(ctx, actor, origin, roundId, `review-summary.${format}`);
  return exportedFile(`专家评审意见汇总表（${round.title}）`, format, {
    xlsx: () => renderReviewSummaryXlsx(summary),
    pdf: () => renderReviewSummaryPdf(summary),
  });
}

function opinionItems(rubric: Rubric, entries: ReturnType<typeof entriesOf>): OpinionItem[] {
  const byKey = new Map(entries.map((e) => [e.itemKey, e]));
  return rubric.categories.flatMap((category) =>
    category.items.map((item) => {
      const entry = byKey.get(item.key);
      if ('choices' in item) {
        const choice = item.choices.find((c) => c.key === entry?.choiceKey);
        const points = choice && 'points' in choice ? `（${choice.points}分）` : '';
        return {
          category: category.label,
          item: item.label,
          rule: item.scored ? '分档计分' : '不计分',
          score: choice ? `${choice.label}${points}` : '',
          remark: entry?.remark ?? '',
        };
      }
      return {
        category: category.label,
        item: item.label,
        rule: item.scored ? `满分${item.maxPoints}，权重${item.weight}` : '不计分',
        score: item.scored ? figure(entry?.points ?? null) : '—',
        remark: entry?.remark ?? '',
      };
    }),
  );
}

/**
 * The expert's own 评审意见表 of a round as PDF: one page per submitted sheet, by neutral label (no unit named), for
 * printing and signing; after the 承诺书, while the round is open or once it is closed; audited.
 */
export async function exportExpertOpinions(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  origin: RequestOrigin,
): Promise<ExportedFile> {
  const own = await expertOf(ctx, actor);
  const round = await loadExpertRound(ctx, roundId, own.expertId);
  if (!(await ctx.expertReviews.findPledge(roundId, own.expertId)))
    throw new AppError('FORBIDDEN', '请先签署本轮评审的承诺书（回避声明）');
  const rubric = JSON.parse(round.rubric) as Rubric;
  const [assignments, applications, sheets, expert] = await Promise.all([
    ctx.expertReviews.listAssignments(roundId),
    ctx.expertReviews.listRoundApplications(roundId),
    ctx.expertReviews.listSheets(roundId),
    ctx.expertReviews.findExpert(own.expertId),
  ]);
  const mine = new Set(
    assignments.filter((s) => s.expert_id === own.expertId && s.replaced_at === null).map((s) => s.application_id),
  );
  const labels = new Map(applications.map((a) => [a.application_id, a.label ?? '']));
  const submitted = sheets
    .filter((s) => s.expert_id === own.expertId && s.status === 'submitted' && mine.has(s.application_id))
    .sort((a, b) => labels.get(a.application_id)!.localeCompare(labels.get(b.application_id)!));
  if (submitted.length === 0) throw new AppError('NOT_READY', '您在本轮尚未提交评分表，提交后方可打印评审意见表');
  const opinions = {
    roundTitle: round.title,
    rubricTitle: rubric.title,
    expertName: expert!.name,
    sheets: submitted.map((s) => {
      const entries = entriesOf(s);
      const score = scoreSheet(rubric, { entries });
      return {
        label: labels.get(s.application_id)!,
        items: opinionItems(rubric, entries),
        total: String(score.total),
        verdict: score.verdict?.reason ?? '',
        opinion: s.opinion,
        submittedAt: formatChineseDateTime(new Date(s.submitted_at!)),
      };
    }),
  };
  await auditDownload(ctx, own.actor, origin, roundId, 'expert-opinions.pdf');
  return exportedFile(`专家评审意见表（${round.title}）`, 'pdf', { pdf: () => renderExpertOpinionsPdf(opinions) });
}
