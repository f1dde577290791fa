import {
  annualFlagCodes,
  type AnnualFlag,
  type AnnualFlagCode,
  type AnnualReportDraft,
  type BatchConfig,
} from '#contract';

/**
 * The recognised platform's years (issue 16 item 5), as pure rules: which years it reports on, from when a year's
 * report may be filed, when it is due, and the flags a year raises.
 *
 * A recognition valid 2027-01-01 … 2029-12-31 reports on 2027, 2028 and 2029. The report on year Y covers the
 * whole year, so it opens on 1 January of Y + 1 (Beijing date) and is due by the configured day of Y + 1
 * (`annualReportDueDate`: by default the end of February). A report filed after that day is accepted and flagged
 * late; none by then raises REPORT_MISSING from the day after the due date.
 */

export type ReportFigures = AnnualReportDraft['figures'];

/** The years a recognition valid `validFrom` … `validTo` (Beijing dates) reports on. */
export function reportYears(validFrom: string, validTo: string): number[] {
  const first = Number(validFrom.slice(0, 4));
  const last = Number(validTo.slice(0, 4));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/** The first Beijing date on which the report on `year` may be filed: 1 January of the next year. */
export const reportOpensOn = (year: number): string => `${year + 1}-01-01`;

/** The years of the recognition whose report is open on `today` (Beijing date), oldest first. */
export const openReportYears = (validFrom: string, validTo: string, today: string): number[] =>
  reportYears(validFrom, validTo).filter((y) => reportOpensOn(y) <= today);

const flag = (code: AnnualFlagCode): AnnualFlag => ({ code, message: annualFlagCodes[code] });

export interface YearState {
  dueDate: string;
  /** Beijing date of the judgement. */
  today: string;
  /** Beijing date on which the report was submitted, if it was. */
  submittedOn: string | null;
  figures: ReportFigures | null;
  rules: BatchConfig['rules'];
  cityCheck: { quality: string; fees: string; satisfaction: string } | null;
  evaluation: { result: string } | null;
  /** Whether the served-enterprise roster was imported. */
  roster: boolean;
}

/**
 * The flags of one platform's year: missing or late; each submitted figure below the threshold the platform was
 * recognised on (the batch's rules, the same codes as eligibility); no served-enterprise roster behind the number
 * served; an issue found by the city; a failed evaluation.
 * A draft's figures raise nothing: they are not claimed until submitted.
 */
export function annualFlags(s: YearState): AnnualFlag[] {
  const flags: AnnualFlag[] = [];
  if (!s.submittedOn) {
    if (s.today > s.dueDate) flags.push(flag('REPORT_MISSING'));
    return flags;
  }
  if (s.submittedOn > s.dueDate) flags.push(flag('REPORT_LATE'));
  const f = s.figures;
  if (f) {
    const below: [number | null, number, AnnualFlagCode][] = [
      [f.totalAssetsWan, s.rules.minAssetsWan, 'ASSETS_BELOW_MIN'],
      [f.serviceStaff, s.rules.minServiceStaff, 'STAFF_BELOW_MIN'],
      [f.institutions, s.rules.minInstitutions, 'INSTITUTIONS_BELOW_MIN'],
      [f.preferentialSharePercent, s.rules.minPreferentialSharePercent, 'PREFERENTIAL_SHARE_BELOW_MIN'],
      [f.enterprisesServed, s.rules.minEnterprisesServed, 'ENTERPRISES_SERVED_BELOW_MIN'],
    ];
    for (const [value, min, code] of below) if (value !== null && value < min) flags.push(flag(code));
  }
  if (!s.roster) flags.push(flag('ROSTER_MISSING'));
  const c = s.cityCheck;
  if (c && (c.quality === 'issue' || c.fees === 'issue' || c.satisfaction === 'issue')) {
    flags.push(flag('CITY_CHECK_ISSUE'));
  }
  if (s.evaluation?.result === 'fail') flags.push(flag('EVALUATION_FAILED'));
  return flags;
}

/** The figures a submission still lacks, by their labels' keys. */
export const missingFigures = (f: ReportFigures): (keyof ReportFigures)[] =>
  (Object.keys(f) as (keyof ReportFigures)[]).filter((k) => f[k] === null);
