import type { FieldError } from '#contract';
import {
  rubricPrecision,
  scaledInteger,
  type DirectPass,
  type Rubric,
  type ScoreEntry,
  type ScoreSheet,
} from '#contract';
import { AppError } from './errors.js';
import { roundFractionHalfUp } from './score-aggregation.js';

/**
 * An expert's score sheet read under the batch's rubric (issue 15 item 6): the total, the formula shown on the
 * form, the items still missing, and the rubric's pass rule with its reason in Chinese.
 *
 * Weighted (103号 style): 总分 = Σ(各项得分 × 权重), computed exactly in integer units (points in hundredths,
 * weights in ten-thousandths) and rounded once to 2 decimals half up. Tiered (63号 style): 总分 = Σ(所选档次分值).
 * The pass rule reads the total as shown (2 decimals): 直通 first, then total ≥ 合格线 and every category ≥ its
 * minimum.
 */

export interface MissingItem {
  itemKey: string;
  /** "第2类第3项“服务沟通渠道”". */
  name: string;
}

export interface CategoryScore {
  key: string;
  label: string;
  /** Σ of the category's scored items as filled in (weighted: × weight), rounded to 2 decimals. */
  subtotal: number;
  minimum: number | null;
}

export interface PassVerdict {
  passed: boolean;
  /** Passed by a 直通 condition whatever the total. */
  direct: boolean;
  reason: string;
}

export interface SheetScore {
  complete: boolean;
  missing: MissingItem[];
  /** The total of what is filled in, rounded to 2 decimals; the final total once `complete`. */
  total: number;
  categories: CategoryScore[];
  /** The rule as the form shows it, e.g. "总分 = Σ(各项得分 × 权重)，满分100分，60分及以上为合格". */
  formula: string;
  /** The rule with this sheet's numbers, e.g. "总分 = 80×0.1 + 90×0.15 + … = 85.5". */
  calculation: string;
  /** The pass rule applied; null while items are missing. */
  verdict: PassVerdict | null;
}

interface LocatedItem {
  categoryIndex: number;
  itemIndex: number;
  categoryKey: string;
  name: string;
}

const formatPoints = (x: number) => String(x);

function locateItems(rubric: Rubric): Map<string, LocatedItem> {
  const located = new Map<string, LocatedItem>();
  rubric.categories.forEach((category, c) =>
    category.items.forEach((item, i) =>
      located.set(item.key, {
        categoryIndex: c,
        itemIndex: i,
        categoryKey: category.key,
        name: `第${c + 1}类第${i + 1}项“${item.label}”`,
      }),
    ),
  );
  return located;
}

/** The rule of the rubric in words, as the scoring form shows it. */
export function rubricFormula(rubric: Rubric): string {
  if (rubric.kind === 'weighted') {
    return `总分 = Σ(各项得分 × 权重)，满分100分，${formatPoints(rubric.passMark)}分及以上为合格；不计分项仅填写意见`;
  }
  const minimums = rubric.categories
    .filter((c) => c.minimum !== null)
    .map((c) => `${c.label}不低于${formatPoints(c.minimum!)}分`);
  const rule = [`总分 = Σ(各项所选档次分值)，满分100分；总分${formatPoints(rubric.passMark)}分及以上`];
  if (minimums.length > 0) rule.push(`且${minimums.join('、')}`);
  rule.push('为通过');
  const direct = rubric.directPass.length > 0 ? '；符合任一直通条件的直接通过' : '';
  return `${rule.join('')}${direct}`;
}

/** Every fault of the sheet's entries at once (unknown item, repeated item, points out of range, wrong choice). */
function entryErrors(rubric: Rubric, entries: readonly ScoreEntry[], located: Map<string, LocatedItem>): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, n) => {
    const field = `entries.${n}`;
    const where = located.get(entry.itemKey);
    if (!where) {
      errors.push({ field: `${field}.itemKey`, message: `评分项“${entry.itemKey}”不在本评分细则中` });
      return;
    }
    if (seen.has(entry.itemKey)) {
      errors.push({ field: `${field}.itemKey`, message: `${where.name}重复填写` });
      return;
    }
    seen.add(entry.itemKey);
    const item = rubric.categories[where.categoryIndex]!.items[where.itemIndex]!;
    const hasPoints = entry.points !== null && entry.points !== undefined;
    const hasChoice = entry.choiceKey !== null && entry.choiceKey !== undefined;
    if (rubric.kind === 'weighted') {
      if (hasChoice) errors.push({ field: `${field}.choiceKey`, message: `${where.name}按分数计分，不选档次` });
      if (!hasPoints) return;
      if (!('maxPoints' in item)) {
        errors.push({ field: `${field}.points`, message: `${where.name}不计分，只填写意见` });
        return;
      }
      const p = entry.points!;
      if (!Number.isFinite(p) || p < 0 || p > item.maxPoints) {
        errors.push({ field: `${field}.points`, message: `${where.name}的得分须在0至${item.maxPoints}分之间` });
      } else if (scaledInteger(p, rubricPrecision.points) === null) {
        errors.push({ field: `${field}.points`, message: `${where.name}的得分最多保留2位小数` });
      }
      return;
    }
    if (hasPoints)
      errors.push({ field: `${field}.points`, message: `${where.name}按档次计分，请选择档次而不是填写分数` });
    if (hasChoice && !('choices' in item && item.choices.some((c) => c.key === entry.choiceKey))) {
      errors.push({ field: `${field}.choiceKey`, message: `${where.name}没有所选的档次“${entry.choiceKey}”` });
    }
  });
  return errors;
}

const isBlank = (s: string | undefined) => s === undefined || s.trim() === '';

/** The items a sheet has not answered yet: a scored item without points or choice, a remark item without remark. */
function missingItems(rubric: Rubric, byKey: Map<string, ScoreEntry>, located: Map<string, LocatedItem>) {
  const missing: MissingItem[] = [];
  for (const category of rubric.categories) {
    for (const item of category.items) {
      const entry = byKey.get(item.key);
      const answered =
        rubric.kind === 'tiered'
          ? entry?.choiceKey != null
          : item.scored
            ? entry?.points != null
            : !isBlank(entry?.remark);
      if (!answered) missing.push({ itemKey: item.key, name: located.get(item.key)!.name });
    }
  }
  return missing;
}

export interface RubricTotals {
  total: number;
  /** Category key → its points (2 decimals). */
  categoryTotals: ReadonlyMap<string, number>;
  /** The 直通 choices met. */
  directPassMet: readonly DirectPass[];
}

/**
 * The rubric's pass rule applied to totals: a 直通 condition met passes outright; otherwise the total must reach
 * the pass mark and every category its minimum. The reason names each shortfall.
 */
export function applyPassRule(rubric: Rubric, totals: RubricTotals): PassVerdict {
  if (rubric.kind === 'tiered' && totals.directPassMet.length > 0) {
    const items = rubric.categories.flatMap((c) => c.items);
    const met = totals.directPassMet.map((d) => {
      const item = items.find((i) => i.key === d.itemKey);
      const choice = item?.choices.find((c) => c.key === d.choiceKey);
      return `${item?.label ?? d.itemKey}（${choice?.label ?? d.choiceKey}）`;
    });
    return { passed: true, direct: true, reason: `符合直通条件：${met.join('；')}` };
  }
  const shortfalls: string[] = [];
  if (totals.total < rubric.passMark) {
    shortfalls.push(`总分${formatPoints(totals.total)}分，低于合格线${formatPoints(rubric.passMark)}分`);
  }
  if (rubric.kind === 'tiered') {
    for (const category of rubric.categories) {
      if (category.minimum === null) continue;
      const got = totals.categoryTotals.get(category.key) ?? 0;
      if (got < category.minimum) {
        shortfalls.push(`${category.label}得分${formatPoints(got)}分，低于最低要求${formatPoints(category.minimum)}分`);
      }
    }
  }
  if (shortfalls.length > 0) return { passed: false, direct: false, reason: `未通过：${shortfalls.join('；')}` };
  const minimums = rubric.kind === 'tiered' && rubric.categories.some((c) => c.minimum !== null);
  const reason = `通过：总分${formatPoints(totals.total)}分，达到合格线${formatPoints(rubric.passMark)}分${minimums ? '，且各类得分均达到最低要求' : ''}`;
  return { passed: true, direct: false, reason };
}

/**
 * The score of a sheet under a rubric. Refuses (AppError VALIDATION_FAILED, every fault named with its item)
 * entries for unknown or repeated items, points outside 0 … the item's maximum or with more than 2 decimals,
 * points on a tiered item, a choice on a weighted one or a choice the item does not have. An incomplete sheet
 * is scored as far as it goes, with the missing items listed and no verdict.
 */
export function scoreSheet(rubric: Rubric, sheet: Pick<ScoreSheet, 'entries'>): SheetScore {
  const located = locateItems(rubric);
  const errors = entryErrors(rubric, sheet.entries, located);
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), { errors });
  }
  const byKey = new Map(sheet.entries.map((e) => [e.itemKey, e]));
  const missing = missingItems(rubric, byKey, located);

  // Exact units: weighted points × weight in 10^-(2+4); tiered points in 10^-2.
  const unitDecimals = rubric.kind === 'weighted' ? rubricPrecision.points + rubricPrecision.weight : 2;
  const toCents = (units: number) => roundFractionHalfUp(units, 10 ** (unitDecimals - 2)) / 100;
  const terms: string[] = [];
  let totalUnits = 0;
  const directPassMet: DirectPass[] = [];
  const categories = rubric.categories.map((category) => {
    let units = 0;
    for (const item of category.items) {
      const entry = byKey.get(item.key);
      if (rubric.kind === 'weighted') {
        if (!('maxPoints' in item) || entry?.points == null) continue;
        units +=
          scaledInteger(entry.points, rubricPrecision.points)! * scaledInteger(item.weight, rubricPrecision.weight)!;
        terms.push(`${formatPoints(entry.points)}×${formatPoints(item.weight)}`);
        continue;
      }
      if (entry?.choiceKey == null || !('choices' in item)) continue;
      if (rubric.directPass.some((d) => d.itemKey === item.key && d.choiceKey === entry.choiceKey)) {
        directPassMet.push({ itemKey: item.key, choiceKey: entry.choiceKey });
      }
      if (!item.scored) continue;
      const choice = item.choices.find((c) => c.key === entry.choiceKey)!;
      units += scaledInteger(choice.points, rubricPrecision.points)!;
      terms.push(formatPoints(choice.points));
    }
    totalUnits += units;
    const minimum = 'minimum' in category ? category.minimum : null;
    return { key: category.key, label: category.label, subtotal: toCents(units), minimum };
  });
  const total = toCents(totalUnits);
  const calculation = `总分 = ${terms.length > 0 ? terms.join(' + ') : '0'} = ${formatPoints(total)}`;
  const verdict =
    missing.length > 0
      ? null
      : applyPassRule(rubric, {
          total,
          categoryTotals: new Map(categories.map((c) => [c.key, c.subtotal])),
          directPassMet,
        });
  return {
    complete: missing.length === 0,
    missing,
    total,
    categories,
    formula: rubricFormula(rubric),
    calculation,
    verdict,
  };
}

/** The score of a sheet being submitted: refuses (AppError VALIDATION_FAILED) a sheet with items missing, naming them. */
export function scoreSubmittedSheet(rubric: Rubric, sheet: Pick<ScoreSheet, 'entries'>): SheetScore {
  const score = scoreSheet(rubric, sheet);
  if (!score.complete) {
    const message = `还有${score.missing.length}项未评：${score.missing.map((m) => m.name).join('、')}`;
    throw new AppError('VALIDATION_FAILED', message, {
      errors: score.missing.map((m) => ({ field: `items.${m.itemKey}`, message: `${m.name}尚未填写` })),
    });
  }
  return score;
}
