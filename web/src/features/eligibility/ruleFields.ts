import type { RuleCode } from '../../../../shared/src/index.js';

/** The form field each eligibility rule judges (the same pairs as the checklist beside the form). */
export const RULE_FIELDS: Record<RuleCode, string> = {
  NAME_FORBIDDEN_WORD: 'platformName',
  CATEGORY_MISSING: 'categories',
  REGISTRATION_TOO_RECENT: 'registeredOn',
  ASSETS_BELOW_MIN: 'totalAssetsWan',
  STAFF_BELOW_MIN: 'serviceStaff',
  INSTITUTIONS_BELOW_MIN: 'institutions',
  PREFERENTIAL_SHARE_BELOW_MIN: 'preferentialSharePercent',
  ENTERPRISES_SERVED_BELOW_MIN: 'enterprisesServedLastYear',
  USCC_INVALID: 'uscc',
};

export function ruleFieldOf(code: string): string | null {
  return (RULE_FIELDS as Record<string, string>)[code] ?? null;
}
