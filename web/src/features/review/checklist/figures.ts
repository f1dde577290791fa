import { formatDate, formatWan } from '../../common/format';

/** Where the official looks to check a rule: the evidence type that proves the figure. */
export const RULE_EVIDENCE: Record<string, string> = {
  NAME_FORBIDDEN_WORD: 'application_report',
  CATEGORY_MISSING: 'application_report',
  REGISTRATION_TOO_RECENT: 'business_license',
  USCC_INVALID: 'business_license',
  ASSETS_BELOW_MIN: 'assets_report',
  STAFF_BELOW_MIN: 'staff_list',
  INSTITUTIONS_BELOW_MIN: 'institution_agreement',
  PREFERENTIAL_SHARE_BELOW_MIN: 'fee_policy',
  ENTERPRISES_SERVED_BELOW_MIN: 'roster',
};

export const UNITS: Record<string, string> = {
  STAFF_BELOW_MIN: ' 人',
  INSTITUTIONS_BELOW_MIN: ' 家',
  ENTERPRISES_SERVED_BELOW_MIN: ' 家',
  PREFERENTIAL_SHARE_BELOW_MIN: '%',
};

/** A rule's figure as the official reads it: a date, 万元, or the count with its unit. */
export function formatFigure(code: string | null, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (code === 'REGISTRATION_TOO_RECENT' && typeof value === 'string') return formatDate(value);
  if (code === 'ASSETS_BELOW_MIN' && typeof value === 'number') return formatWan(value);
  if (Array.isArray(value)) return value.join('、');
  return `${value}${(code && UNITS[code]) ?? ''}`;
}
