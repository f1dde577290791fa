import { describe, expect, it } from 'vitest';
import { batchConfigSchema } from '#contract';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { officialEligibility } from './official-eligibility.js';

const batch = batchConfigSchema.parse(batch2022.config);
const claimed = {
  platformName: '服务平台',
  categories: ['信息服务'],
  registeredOn: '2019-01-01',
  totalAssetsWan: 250,
  serviceStaff: 20,
  institutions: 6,
  preferentialSharePercent: 30,
  enterprisesServedLastYear: 90,
  uscc: '91310110666007217T',
};

describe('official eligibility', () => {
  it('re-evaluates the rules on the corrected figures', () => {
    const r = officialEligibility(
      claimed,
      [{ code: 'STAFF_BELOW_MIN', verdict: 'fail', remark: '社保名单仅12人', correctedValue: 12 }],
      batch,
    );
    expect(r.failures.map((f) => f.code)).toEqual(['STAFF_BELOW_MIN']);
  });

  it('accepts a corrected registration date', () => {
    const r = officialEligibility(
      claimed,
      [{ code: 'REGISTRATION_TOO_RECENT', verdict: 'fail', remark: '', correctedValue: '2021-03-01' }],
      batch,
    );
    expect(r.failures.map((f) => f.code)).toEqual(['REGISTRATION_TOO_RECENT']);
  });

  it('lets an official override a failing early USCC only with a reason', () => {
    const bad = { ...claimed, uscc: '91310110666007217A' };
    expect(
      officialEligibility(bad, [{ code: 'USCC_INVALID', verdict: 'pass', remark: '', correctedValue: null }], batch)
        .eligible,
    ).toBe(false);
    expect(
      officialEligibility(
        bad,
        [{ code: 'USCC_INVALID', verdict: 'pass', remark: '早期赋码，经登记机关核实有效', correctedValue: null }],
        batch,
      ).eligible,
    ).toBe(true);
  });
});
