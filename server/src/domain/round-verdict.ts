import type { DirectPass, Rubric, ScoreEntry } from '#contract';
import { applyPassRule, scoreSheet, type PassVerdict } from './rubric.js';
import { scoreStatistics } from './score-aggregation.js';

/** How the province's list applies the pass rule to several experts' sheets, in the words the list shows. */
export const ROUND_PASS_RULE =
  '合格判定按已提交评分的平均分：总分取各专家总分的平均分，各类得分取各专家该类得分的平均分，直通条件须过半数专家认定';

/**
 * The rubric's pass rule applied to the submitted sheets of one application: the total is the mean of the totals
 * (as the aggregation rounds it), each category the mean of its subtotals, and a 直通 condition counts when more
 * than half of the experts found it met. Null without a submitted sheet.
 */
export function roundVerdict(rubric: Rubric, sheets: readonly (readonly ScoreEntry[])[]): PassVerdict | null {
  if (sheets.length === 0) return null;
  const scores = sheets.map((entries) => scoreSheet(rubric, { entries: [...entries] }));
  const mean = (xs: number[]) => scoreStatistics(xs).mean!;
  const categoryTotals = new Map(
    rubric.categories.map((c) => [c.key, mean(scores.map((s) => s.categories.find((x) => x.key === c.key)!.subtotal))]),
  );
  const directPassMet: DirectPass[] =
    rubric.kind === 'tiered'
      ? rubric.directPass.filter(
          (d) =>
            2 *
              sheets.filter((entries) => entries.some((e) => e.itemKey === d.itemKey && e.choiceKey === d.choiceKey))
                .length >
            sheets.length,
        )
      : [];
  return applyPassRule(rubric, { total: mean(scores.map((s) => s.total)), categoryTotals, directPassMet });
}
