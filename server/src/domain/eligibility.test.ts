import { describe, expect, it } from 'vitest';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { batchConfigSchema } from '#contract';
import { subtractYears } from './calendar.js';
import { evaluateEligibility, latestEligibleRegistration, type EligibilityFacts } from './eligibility.js';

const batch = batchConfigSchema.parse(batch2022.config);
const passing: Required<EligibilityFacts> = {
  platformName: '洛阳中小企业综合服务平台',
  categories: ['信息服务'],
  registeredOn: '2020-11-22',
  totalAssetsWan: 200,
  serviceStaff: 15,
  institutions: 5,
  preferentialSharePercent: 20,
  enterprisesServedLastYear: 80,
  uscc: '91310110666007217T',
};
const codesFor = (patch: EligibilityFacts) =>
  evaluateEligibility({ ...passing, ...patch }, batch).failures.map((f) => f.code);

describe('eligibility rules of 2022 (inclusive bounds)', () => {
  it('passes a unit exactly at every bound', () => {
    expect(evaluateEligibility(passing, batch)).toEqual({ eligible: true, failures: [] });
  });

  it.each([
    ['totalAssetsWan', 'ASSETS_BELOW_MIN', 200, 199.99, 200.01],
    ['serviceStaff', 'STAFF_BELOW_MIN', 15, 14, 16],
    ['institutions', 'INSTITUTIONS_BELOW_MIN', 5, 4, 6],
    ['preferentialSharePercent', 'PREFERENTIAL_SHARE_BELOW_MIN', 20, 19.9, 20.1],
    ['enterprisesServedLastYear', 'ENTERPRISES_SERVED_BELOW_MIN', 80, 79, 81],
  ] as const)('%s: at the bound passes, below fails with %s, above passes', (field, code, at, below, above) => {
    expect(codesFor({ [field]: at })).toEqual([]);
    expect(codesFor({ [field]: below })).toEqual([code]);
    expect(codesFor({ [field]: above })).toEqual([]);
  });

  it('registration: on the reference date minus two years passes, one day later fails, earlier passes', () => {
    expect(latestEligibleRegistration(batch)).toBe('2020-11-22');
    expect(codesFor({ registeredOn: '2020-11-22' })).toEqual([]);
    expect(codesFor({ registeredOn: '2020-11-23' })).toEqual(['REGISTRATION_TOO_RECENT']);
    expect(codesFor({ registeredOn: '2020-11-21' })).toEqual([]);
  });

  it('registration age is computed on the calendar, 29 February included', () => {
    expect(subtractYears('2024-02-29', 2)).toBe('2022-02-28');
    expect(subtractYears('2022-11-22', 2)).toBe('2020-11-22');
  });

  it.each(['示范服务平台', '河南 示 范 平台', '中小企业示\u3000范平台', '河南中小企业公共服务平台（示范）'])(
    'forbids 示范 in %s after NFKC and white-space removal',
    (name) => {
      expect(codesFor({ platformName: name })).toEqual(['NAME_FORBIDDEN_WORD']);
    },
  );

  it('accepts a name without the word', () => {
    expect(codesFor({ platformName: '示例服务范围平台' })).toEqual([]);
  });

  it('requires at least one category', () => {
    expect(codesFor({ categories: [] })).toEqual(['CATEGORY_MISSING']);
  });

  it('checks the USCC', () => {
    expect(codesFor({ uscc: '91310110666007217A' })).toEqual(['USCC_INVALID']);
  });

  it('reports every failing rule at once, each with its field and a Chinese message citing the rule', () => {
    const result = evaluateEligibility(
      {
        platformName: '示范',
        categories: [],
        registeredOn: '2022-01-01',
        totalAssetsWan: 1,
        serviceStaff: 1,
        institutions: 1,
        preferentialSharePercent: 1,
        enterprisesServedLastYear: 1,
        uscc: 'x',
      },
      batch,
    );
    expect(result.eligible).toBe(false);
    expect(result.failures.map((f) => [f.code, f.field])).toEqual([
      ['NAME_FORBIDDEN_WORD', 'platformName'],
      ['CATEGORY_MISSING', 'categories'],
      ['REGISTRATION_TOO_RECENT', 'registeredOn'],
      ['ASSETS_BELOW_MIN', 'totalAssetsWan'],
      ['STAFF_BELOW_MIN', 'serviceStaff'],
      ['INSTITUTIONS_BELOW_MIN', 'institutions'],
      ['PREFERENTIAL_SHARE_BELOW_MIN', 'preferentialSharePercent'],
      ['ENTERPRISES_SERVED_BELOW_MIN', 'enterprisesServedLastYear'],
      ['USCC_INVALID', 'uscc'],
    ]);
    for (const f of result.failures) expect(f.message).toMatch(/附件2|GB 32100/);
  });

  it('uses the thresholds of the batch configuration, not constants', () => {
    const stricter = { ...batch, rules: { ...batch.rules, minServiceStaff: 30 } };
    expect(evaluateEligibility({ ...passing, serviceStaff: 29 }, stricter).failures.map((f) => f.code)).toEqual([
      'STAFF_BELOW_MIN',
    ]);
  });

  it('does not judge facts that are not yet entered', () => {
    expect(evaluateEligibility({}, batch)).toEqual({ eligible: true, failures: [] });
  });
});
