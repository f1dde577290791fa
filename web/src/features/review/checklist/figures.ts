import { ruleEvidence, ruleUnits, type RuleCode } from '#contract';
import { formatDate, formatWan } from '../../common/format';

/** Where the official looks to check a rule: the evidence type that proves the figure. */
export function evidenceTypeOf(code: string | null): string | undefined {
  return code ? (ruleEvidence as Record<string, string>)[code] : undefined;
}

/** The unit of a rule's figure (万元, 人, 家, %), or undefined for a rule that judges no figure. */
export function unitOf(code: string | null): string | undefined {
  return code ? ruleUnits[code as RuleCode] : undefined;
}

/** A rule's figure as the official reads it: a date, 万元, or the count with its unit. */
export function formatFigure(code: string | null, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (code === 'REGISTRATION_TOO_RECENT' && typeof value === 'string') return formatDate(value);
  if (code === 'ASSETS_BELOW_MIN' && typeof value === 'number') return formatWan(value);
  if (Array.isArray(value)) return value.join('、');
  const unit = unitOf(code);
  if (!unit) return String(value);
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}
