import { describe, expect, it } from 'vitest';
import {
  innovativeSmeRubric2022,
  publicServicePlatformRubric2017,
  type ScoreEntry,
  type WeightedRubric,
} from '#contract';
import { AppError } from './errors.js';
import { applyPassRule, rubricFormula, scoreSheet, scoreSubmittedSheet } from './rubric.js';

const weighted = publicServicePlatformRubric2017;
const tiered = innovativeSmeRubric2022;

/** Points per scored item of the 103号-style rubric, in rubric order, and the remark of the unscored item. */
const weightedSheet = (points: number[], remark = '服务体系完整，线上渠道偏弱'): ScoreEntry[] => {
  const scored = weighted.categories.flatMap((c) => c.items).filter((i) => i.scored);
  return [
    ...scored.map((item, n) => ({ itemKey: item.key, points: points[n]! })),
    { itemKey: 'strengths_and_issues', remark },
  ];
};

const choices = (picks: Record<string, string>): ScoreEntry[] =>
  Object.entries(picks).map(([itemKey, choiceKey]) => ({ itemKey, choiceKey }));
const noDirect = { award: 'no', honour: 'no', rnd_institute: 'no', equity: 'no' };

const thrown = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
};

describe('weighted rubric (103号 style)', () => {
  it('totals Σ(points × weight) exactly and shows the formula with the numbers', () => {
    // 80×0.1 + 90×0.1 + 100×0.1 + 60×0.15 + 80×0.1 + 100×0.1 + 40×0.15 + 95×0.1 + 100×0.1 = 79.5
    const score = scoreSheet(weighted, { entries: weightedSheet([80, 90, 100, 60, 80, 100, 40, 95, 100]) });
    expect(score.complete).toBe(true);
    expect(score.total).toBe(79.5);
    expect(score.categories.map((c) => [c.label, c.subtotal])).toEqual([
      ['基础条件', 27],
      ['服务能力', 27],
      ['服务成效', 25.5],
      ['专家意见（不计分）', 0],
    ]);
    expect(score.formula).toBe('总分 = Σ(各项得分 × 权重)，满分100分，60分及以上为合格；不计分项仅填写意见');
    expect(score.calculation).toBe(
      '总分 = 80×0.1 + 90×0.1 + 100×0.1 + 60×0.15 + 80×0.1 + 100×0.1 + 40×0.15 + 95×0.1 + 100×0.1 = 79.5',
    );
    expect(score.verdict).toEqual({ passed: true, direct: false, reason: '通过：总分79.5分，达到合格线60分' });
  });

  it('rounds the total once, half up in decimal, without binary artefacts', () => {
    const rubric: WeightedRubric = {
      kind: 'weighted',
      title: 't',
      source: '',
      passMark: 60,
      categories: [
        {
          key: 'a',
          label: 'A',
          items: [
            { key: 'x', label: 'X', guidance: '', scored: true, maxPoints: 100, weight: 0.125 },
            { key: 'y', label: 'Y', guidance: '', scored: true, maxPoints: 100, weight: 0.875 },
          ],
        },
      ],
    };
    // 1 × 0.125 = 0.125 → 0.13; 60.03 × 0.125 + 59.99 × 0.875 = 59.995 → 60 (and 60 passes)
    expect(
      scoreSheet(rubric, {
        entries: [
          { itemKey: 'x', points: 1 },
          { itemKey: 'y', points: 0 },
        ],
      }).total,
    ).toBe(0.13);
    const edge = scoreSheet(rubric, {
      entries: [
        { itemKey: 'x', points: 60.03 },
        { itemKey: 'y', points: 59.99 },
      ],
    });
    expect(edge.total).toBe(60);
    expect(edge.verdict?.passed).toBe(true);
  });

  it('fails below the pass mark with the reason', () => {
    const score = scoreSheet(weighted, { entries: weightedSheet([50, 50, 50, 50, 50, 50, 50, 50, 50]) });
    expect(score.verdict).toEqual({ passed: false, direct: false, reason: '未通过：总分50分，低于合格线60分' });
  });

  it('names the missing items, the remark of an unscored item included, and gives no verdict', () => {
    const entries = weightedSheet([80, 90, 100, 60, 80, 100, 40, 95, 100], '  ').filter(
      (e) => e.itemKey !== 'channels',
    );
    const score = scoreSheet(weighted, { entries });
    expect(score.complete).toBe(false);
    expect(score.verdict).toBeNull();
    expect(score.missing.map((m) => m.name)).toEqual(['第2类第2项“服务沟通渠道”', '第4类第1项“主要优势与存在问题”']);
    expect(score.total).toBe(71.5);
    const e = thrown(() => scoreSubmittedSheet(weighted, { entries }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('还有2项未评：第2类第2项“服务沟通渠道”、第4类第1项“主要优势与存在问题”');
    expect(e.details.errors?.[0]).toEqual({ field: 'items.channels', message: '第2类第2项“服务沟通渠道”尚未填写' });
  });

  it('refuses points out of range, too many decimals, points on an unscored item, unknown and repeated items', () => {
    const e = thrown(() =>
      scoreSheet(weighted, {
        entries: [
          { itemKey: 'channels', points: 120 },
          { itemKey: 'staff', points: -1 },
          { itemKey: 'premises', points: 33.333 },
          { itemKey: 'strengths_and_issues', points: 10 },
          { itemKey: 'nonsense', points: 10 },
          { itemKey: 'channels', points: 10 },
          { itemKey: 'functions', choiceKey: 'a' },
        ],
      }),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details.errors).toEqual([
      { field: 'entries.0.points', message: '第2类第2项“服务沟通渠道”的得分须在0至100分之间' },
      { field: 'entries.1.points', message: '第1类第3项“服务人员”的得分须在0至100分之间' },
      { field: 'entries.2.points', message: '第1类第2项“服务场所与设施”的得分最多保留2位小数' },
      { field: 'entries.3.points', message: '第4类第1项“主要优势与存在问题”不计分，只填写意见' },
      { field: 'entries.4.itemKey', message: '评分项“nonsense”不在本评分细则中' },
      { field: 'entries.5.itemKey', message: '第2类第2项“服务沟通渠道”重复填写' },
      { field: 'entries.6.choiceKey', message: '第2类第3项“服务功能”按分数计分，不选档次' },
    ]);
  });
});

describe('tiered rubric (63号)', () => {
  const full = { ip: 'b', rnd: 'c', revenue_growth: 'a', debt_ratio: 'a', field: 'a', main_business_share: 'c' };

  it('totals the chosen tiers and passes at ≥ 60 with every category minimum met', () => {
    const score = scoreSheet(tiered, { entries: choices({ ...full, ...noDirect }) });
    expect(score.total).toBe(75);
    expect(score.categories.slice(0, 3).map((c) => c.subtotal)).toEqual([25, 30, 20]);
    expect(score.calculation).toBe('总分 = 15 + 10 + 20 + 10 + 10 + 10 = 75');
    expect(score.verdict).toEqual({
      passed: true,
      direct: false,
      reason: '通过：总分75分，达到合格线60分，且各类得分均达到最低要求',
    });
    expect(rubricFormula(tiered)).toBe(
      '总分 = Σ(各项所选档次分值)，满分100分；总分60分及以上且创新能力不低于20分、成长性不低于15分、专业化不低于15分为通过；符合任一直通条件的直接通过',
    );
  });

  it('fails a total of 60 or more when a category is below its minimum, naming each shortfall', () => {
    const picks = { ip: 'e', rnd: 'd', revenue_growth: 'a', debt_ratio: 'a', field: 'a', main_business_share: 'a' };
    const score = scoreSheet(tiered, { entries: choices({ ...picks, ...noDirect }) });
    expect(score.total).toBe(65);
    expect(score.verdict).toEqual({
      passed: false,
      direct: false,
      reason: '未通过：创新能力得分5分，低于最低要求20分',
    });
    const low = { ip: 'e', rnd: 'e', revenue_growth: 'e', debt_ratio: 'c', field: 'b', main_business_share: 'e' };
    expect(scoreSheet(tiered, { entries: choices({ ...low, ...noDirect }) }).verdict?.reason).toBe(
      '未通过：总分5分，低于合格线60分；创新能力得分0分，低于最低要求20分；成长性得分0分，低于最低要求15分；专业化得分5分，低于最低要求15分',
    );
  });

  it('passes outright on a 直通 condition whatever the total', () => {
    const low = { ip: 'e', rnd: 'e', revenue_growth: 'e', debt_ratio: 'c', field: 'b', main_business_share: 'e' };
    const score = scoreSheet(tiered, { entries: choices({ ...low, ...noDirect, rnd_institute: 'yes' }) });
    expect(score.total).toBe(5);
    expect(score.verdict).toEqual({
      passed: true,
      direct: true,
      reason: '符合直通条件：拥有经认定的省部级以上研发机构（是）',
    });
  });

  it('asks for the 直通 questions too before it judges', () => {
    const score = scoreSheet(tiered, { entries: choices(full) });
    expect(score.verdict).toBeNull();
    expect(score.missing.map((m) => m.itemKey)).toEqual(['award', 'honour', 'rnd_institute', 'equity']);
  });

  it('refuses points on a tiered item and a choice the item does not have', () => {
    const e = thrown(() =>
      scoreSheet(tiered, {
        entries: [
          { itemKey: 'ip', points: 15 },
          { itemKey: 'rnd', choiceKey: 'z' },
        ],
      }),
    );
    expect(e.details.errors).toEqual([
      {
        field: 'entries.0.points',
        message: '第1类第1项“与企业主导产品相关的有效知识产权数量”按档次计分，请选择档次而不是填写分数',
      },
      { field: 'entries.1.choiceKey', message: '第1类第2项“上年度研发费用投入”没有所选的档次“z”' },
    ]);
  });

  it('applies the pass rule to aggregated totals as well', () => {
    const verdict = applyPassRule(tiered, {
      total: 61.5,
      categoryTotals: new Map([
        ['innovation', 19.99],
        ['growth', 20],
        ['specialisation', 21.5],
      ]),
      directPassMet: [],
    });
    expect(verdict.reason).toBe('未通过：创新能力得分19.99分，低于最低要求20分');
  });
});
