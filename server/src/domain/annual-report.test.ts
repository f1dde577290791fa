import { describe, expect, it } from 'vitest';
import { annualReportDueDate, batchConfigSchema, defaultAnnualReportSettings } from '#contract';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { annualFlags, missingFigures, openReportYears, reportYears, type YearState } from './annual-report.js';

const { rules } = batchConfigSchema.parse(batch2022.config);
const figures = {
  totalAssetsWan: rules.minAssetsWan,
  serviceStaff: rules.minServiceStaff,
  institutions: rules.minInstitutions,
  preferentialSharePercent: rules.minPreferentialSharePercent,
  enterprisesServed: rules.minEnterprisesServed,
  satisfactionPercent: 90,
};
const state = (over: Partial<YearState>): YearState => ({
  dueDate: '2028-02-29',
  today: '2028-02-29',
  submittedOn: null,
  figures: null,
  rules,
  cityCheck: null,
  evaluation: null,
  roster: true,
  ...over,
});
const codes = (s: YearState) => annualFlags(s).map((f) => f.code);

describe('the years of a recognition', () => {
  it('reports on every calendar year of its validity, each from 1 January of the next', () => {
    expect(reportYears('2027-01-01', '2029-12-31')).toEqual([2027, 2028, 2029]);
    expect(openReportYears('2027-01-01', '2029-12-31', '2027-12-31')).toEqual([]);
    expect(openReportYears('2027-01-01', '2029-12-31', '2028-01-01')).toEqual([2027]);
    expect(openReportYears('2027-01-01', '2029-12-31', '2031-06-01')).toEqual([2027, 2028, 2029]);
  });

  it('is due by the end of February, the 29th in a leap year', () => {
    expect(annualReportDueDate(defaultAnnualReportSettings, 2027)).toBe('2028-02-29');
    expect(annualReportDueDate(defaultAnnualReportSettings, 2028)).toBe('2029-02-28');
  });
});

describe('the flags of a year', () => {
  it('raises REPORT_MISSING from the day after the due date, not on it', () => {
    expect(codes(state({ today: '2028-02-29' }))).toEqual([]);
    expect(codes(state({ today: '2028-03-01' }))).toEqual(['REPORT_MISSING']);
  });

  it('flags a late report, and each figure below the threshold the platform was recognised on', () => {
    expect(codes(state({ submittedOn: '2028-02-29', figures }))).toEqual([]);
    expect(codes(state({ submittedOn: '2028-03-01', figures }))).toEqual(['REPORT_LATE']);
    const low = { ...figures, serviceStaff: rules.minServiceStaff - 1, preferentialSharePercent: 0 };
    expect(codes(state({ submittedOn: '2028-01-05', figures: low }))).toEqual([
      'STAFF_BELOW_MIN',
      'PREFERENTIAL_SHARE_BELOW_MIN',
    ]);
  });

  it('flags a submitted report without its served-enterprise roster (a draft raises nothing)', () => {
    expect(codes(state({ submittedOn: '2028-01-05', figures, roster: false }))).toEqual(['ROSTER_MISSING']);
    expect(codes(state({ roster: false }))).toEqual([]);
  });

  it("flags the city's issues and a failed evaluation", () => {
    const s = state({
      submittedOn: '2028-01-05',
      figures,
      cityCheck: { quality: 'ok', fees: 'ok', satisfaction: 'issue' },
      evaluation: { result: 'fail' },
    });
    expect(codes(s)).toEqual(['CITY_CHECK_ISSUE', 'EVALUATION_FAILED']);
  });

  it('names the figures a submission still lacks', () => {
    expect(missingFigures({ ...figures, institutions: null, satisfactionPercent: null })).toEqual([
      'institutions',
      'satisfactionPercent',
    ]);
  });
});
