import { describe, expect, it } from 'vitest';
import {
  defaultReviewRoundSettings,
  innovativeSmeRubric2022,
  publicServicePlatformRubric2017,
  reviewRoundSettingsSchema,
  rubricSchema,
  scaledInteger,
  scoreSheetSchema,
  type Rubric,
} from './expert-review.js';

const clone = <T>(x: T): T => structuredClone(x);
const messages = (input: unknown) => {
  const result = rubricSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('rubric schema', () => {
  it('accepts both seeded rubrics as they are', () => {
    expect(rubricSchema.parse(publicServicePlatformRubric2017)).toEqual(publicServicePlatformRubric2017);
    expect(rubricSchema.parse(innovativeSmeRubric2022)).toEqual(innovativeSmeRubric2022);
  });

  it('names the category and item whose maximum is zero', () => {
    const r = clone(publicServicePlatformRubric2017);
    const item = r.categories[1]!.items[2]!;
    if (!item.scored) throw new Error('fixture');
    item.maxPoints = 0;
    expect(messages(r)).toContain('评分细则第2类第3项的满分必须大于0');
  });

  it('requires Σ(满分 × 权重) = 100 for a weighted rubric, exactly in decimal', () => {
    const r = clone(publicServicePlatformRubric2017);
    const item = r.categories[0]!.items[0]!;
    if (!item.scored) throw new Error('fixture');
    item.weight = 0.05;
    expect(messages(r)).toContain('各计分项“满分×权重”之和须为100，现为95');
    // 0.1 + 0.2 is not 0.3 in binary; the check is made in integer ten-thousandths.
    const exact: Rubric = {
      kind: 'weighted',
      title: 't',
      source: '',
      passMark: 60,
      categories: [
        {
          key: 'a',
          label: 'A',
          items: [
            { key: 'x', label: 'X', guidance: '', scored: true, maxPoints: 100, weight: 0.1 },
            { key: 'y', label: 'Y', guidance: '', scored: true, maxPoints: 100, weight: 0.2 },
            { key: 'z', label: 'Z', guidance: '', scored: true, maxPoints: 100, weight: 0.7 },
          ],
        },
      ],
    };
    expect(messages(exact)).toEqual([]);
  });

  it('refuses weights with more than 4 decimals', () => {
    const r = clone(publicServicePlatformRubric2017);
    const item = r.categories[0]!.items[0]!;
    if (!item.scored) throw new Error('fixture');
    item.weight = 0.10001;
    expect(messages(r)).toEqual(['权重最多保留4位小数']);
  });

  it('names a repeated item key', () => {
    const r = clone(publicServicePlatformRubric2017);
    r.categories[2]!.items[0]!.key = 'management';
    expect(messages(r)).toContain('评分细则第3类第1项的标识与前面的项重复');
  });

  it('checks a tiered rubric: top tiers sum to 100, minimums within the category, 直通 references', () => {
    const r = clone(innovativeSmeRubric2022);
    r.categories[1]!.items[1]!.choices[0] = { key: 'a', label: '55%以下', points: 5 };
    expect(messages(r)).toContain('各计分项最高档分值之和须为100，现为95');

    const m = clone(innovativeSmeRubric2022);
    m.categories[2]!.minimum = 31;
    expect(messages(m)).toContain('评分细则第3类的最低分31超过了该类满分30');

    const d = clone(innovativeSmeRubric2022);
    d.directPass.push({ itemKey: 'award', choiceKey: 'maybe' }, { itemKey: 'nothing', choiceKey: 'yes' });
    expect(messages(d)).toEqual(['第5个直通条件引用的档次不存在', '第6个直通条件引用的评分项不存在']);
  });

  it('requires every tiered scored item to have a maximum above zero', () => {
    const r = clone(innovativeSmeRubric2022);
    const item = r.categories[0]!.items[0]!;
    if (!item.scored) throw new Error('fixture');
    item.choices = item.choices.map((c) => ({ ...c, points: 0 }));
    expect(messages(r)).toContain('评分细则第1类第1项的满分必须大于0');
  });

  it('the 63号 rubric carries its pass rule: 60 overall, 20 / 15 / 15 per category, four 直通 conditions', () => {
    expect(innovativeSmeRubric2022.passMark).toBe(60);
    expect(innovativeSmeRubric2022.categories.map((c) => [c.label, c.minimum])).toEqual([
      ['创新能力', 20],
      ['成长性', 15],
      ['专业化', 15],
      ['直通条件（符合任一项直接通过，不计分）', null],
    ]);
    expect(innovativeSmeRubric2022.directPass).toHaveLength(4);
  });
});

describe('round settings', () => {
  it('accepts the defaults', () => {
    expect(reviewRoundSettingsSchema.parse(defaultReviewRoundSettings)).toEqual(defaultReviewRoundSettings);
  });

  it('requires k ≥ 3, same-unit 回避 on, and groups no larger than the load cap', () => {
    const bad = {
      ...defaultReviewRoundSettings,
      expertsPerApplication: 2,
      maxLoadPerExpert: 8,
      conflicts: { ...defaultReviewRoundSettings.conflicts, sameUnit: false },
    };
    const result = reviewRoundSettingsSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['expertsPerApplication', '每件申报至少3名专家'],
      ['conflicts.sameUnit', '同单位回避不能关闭'],
    ]);
    const tooBig = reviewRoundSettingsSchema.safeParse({ ...defaultReviewRoundSettings, maxLoadPerExpert: 8 });
    expect(tooBig.error!.issues[0]!.message).toBe('每组申报数（10）超过每位专家评审上限（8），专家无法评完整组');
  });
});

describe('score sheet', () => {
  it('takes points or a choice per item and refuses more than 2 decimals', () => {
    expect(
      scoreSheetSchema.safeParse({ entries: [{ itemKey: 'channels', points: 80, remark: '四种渠道' }] }).success,
    ).toBe(true);
    const r = scoreSheetSchema.safeParse({ entries: [{ itemKey: 'channels', points: 80.125 }] });
    expect(r.error!.issues[0]!.message).toBe('最多保留2位小数');
  });

  it('scaledInteger reads decimals exactly', () => {
    expect(scaledInteger(0.1 + 0.2, 4)).toBe(3000);
    expect(scaledInteger(1.15, 2)).toBe(115);
    expect(scaledInteger(1.005, 2)).toBeNull();
    expect(scaledInteger(0.00005, 4)).toBeNull();
  });
});
