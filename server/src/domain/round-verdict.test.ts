import { describe, expect, it } from 'vitest';
import { innovativeSmeRubric2022, publicServicePlatformRubric2017, type ScoreEntry } from '#contract';
import { roundVerdict } from './round-verdict.js';

/** A tiered (63号) sheet: each scored item's choice, and the four 直通 items answered no unless named. */
function tiered(choices: Record<string, string>, direct: string[] = []): ScoreEntry[] {
  return [
    ...Object.entries(choices).map(([itemKey, choiceKey]) => ({ itemKey, choiceKey })),
    ...['award', 'honour', 'rnd_institute', 'equity'].map((itemKey) => ({
      itemKey,
      choiceKey: direct.includes(itemKey) ? 'yes' : 'no',
    })),
  ];
}
// 创新能力 20+15, 成长性 15+10, 专业化 10+20: 90.
const strong = { ip: 'a', rnd: 'b', revenue_growth: 'b', debt_ratio: 'a', field: 'a', main_business_share: 'a' };
// 创新能力 5+0, 成长性 20+10, 专业化 10+20: 65, 创新能力 below 20.
const weakInnovation = {
  ip: 'd',
  rnd: 'e',
  revenue_growth: 'a',
  debt_ratio: 'a',
  field: 'a',
  main_business_share: 'a',
};

describe('the pass rule over several experts’ sheets', () => {
  it('is null without a submitted sheet', () => {
    expect(roundVerdict(innovativeSmeRubric2022, [])).toBeNull();
  });

  it('takes the mean total and the mean of each category against its minimum', () => {
    // Totals 90, 65, 65: mean 73.33; 创新能力 (35 + 5 + 5) / 3 = 15 < 20.
    const verdict = roundVerdict(innovativeSmeRubric2022, [
      tiered(strong),
      tiered(weakInnovation),
      tiered(weakInnovation),
    ]);
    expect(verdict).toEqual({ passed: false, direct: false, reason: '未通过：创新能力得分15分，低于最低要求20分' });
    const passed = roundVerdict(innovativeSmeRubric2022, [tiered(strong), tiered(strong), tiered(weakInnovation)]);
    expect(passed).toMatchObject({ passed: true, direct: false });
    expect(passed!.reason).toBe('通过：总分81.67分，达到合格线60分，且各类得分均达到最低要求');
  });

  it('counts a 直通 condition only when more than half of the experts found it met', () => {
    const weak = tiered(weakInnovation);
    const half = roundVerdict(innovativeSmeRubric2022, [tiered(weakInnovation, ['honour']), weak]);
    expect(half).toMatchObject({ passed: false, direct: false });
    const most = roundVerdict(innovativeSmeRubric2022, [
      tiered(weakInnovation, ['honour']),
      tiered(weakInnovation, ['honour']),
      weak,
    ]);
    expect(most).toMatchObject({ passed: true, direct: true });
    expect(most!.reason).toContain('符合直通条件');
  });

  it('reads a weighted rubric by the mean of the totals', () => {
    const sheet = (points: number): ScoreEntry[] =>
      publicServicePlatformRubric2017.categories.flatMap((c) =>
        c.items.map((i) => (i.scored ? { itemKey: i.key, points } : { itemKey: i.key, remark: '意见' })),
      );
    expect(roundVerdict(publicServicePlatformRubric2017, [sheet(59), sheet(61.01)])).toMatchObject({
      passed: true,
      reason: '通过：总分60.01分，达到合格线60分',
    });
    // The mean is rounded to 2 decimals first, as the list shows it: 59.995 reads 60.
    expect(roundVerdict(publicServicePlatformRubric2017, [sheet(59), sheet(60.99)])!.passed).toBe(true);
    expect(roundVerdict(publicServicePlatformRubric2017, [sheet(59), sheet(60.98)])!.passed).toBe(false);
  });
});
