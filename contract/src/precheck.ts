import { z } from 'zod';
import { isoDate, nonNegativeAmount, nonNegativeInt, pastOrTodayDate, percent, requiredText } from './validation.js';

/** The public eligibility precheck contract (POST /api/v1/precheck). Other systems depend on it. */
export const precheckInputSchema = z.object({
  batchYear: z.number({ error: '须为年份数字' }).int({ error: '须为整数年份' }).min(2000).max(2100),
  platformName: requiredText(100),
  operatorName: requiredText(100),
  uscc: z.string({ error: '须填写' }).trim().min(1, { error: '须填写' }).max(18, { error: '不能超过18位' }),
  categories: z.array(z.string({ error: '须为文本' }), { error: '须为类别列表' }).max(20),
  registeredOn: pastOrTodayDate,
  totalAssetsWan: nonNegativeAmount,
  serviceStaff: nonNegativeInt,
  institutions: nonNegativeInt,
  preferentialSharePercent: percent,
  enterprisesServedLastYear: nonNegativeInt,
});
export type PrecheckInput = z.infer<typeof precheckInputSchema>;

export const ruleCodes = [
  'NAME_FORBIDDEN_WORD',
  'CATEGORY_MISSING',
  'REGISTRATION_TOO_RECENT',
  'ASSETS_BELOW_MIN',
  'STAFF_BELOW_MIN',
  'INSTITUTIONS_BELOW_MIN',
  'PREFERENTIAL_SHARE_BELOW_MIN',
  'ENTERPRISES_SERVED_BELOW_MIN',
  'USCC_INVALID',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

/** The form field each rule judges: where a failure is shown and what an official may correct. */
export const ruleFields = {
  NAME_FORBIDDEN_WORD: 'platformName',
  CATEGORY_MISSING: 'categories',
  REGISTRATION_TOO_RECENT: 'registeredOn',
  ASSETS_BELOW_MIN: 'totalAssetsWan',
  STAFF_BELOW_MIN: 'serviceStaff',
  INSTITUTIONS_BELOW_MIN: 'institutions',
  PREFERENTIAL_SHARE_BELOW_MIN: 'preferentialSharePercent',
  ENTERPRISES_SERVED_BELOW_MIN: 'enterprisesServedLastYear',
  USCC_INVALID: 'uscc',
} as const satisfies Record<RuleCode, string>;

/** The field of a rule code, or null for a code that is not a rule. */
export function ruleFieldOf(code: string): string | null {
  return (ruleFields as Record<string, string>)[code] ?? null;
}

export const ruleFailureSchema = z.object({ code: z.string(), field: z.string(), message: z.string() });
export type RuleFailure = z.infer<typeof ruleFailureSchema>;

export const precheckResultSchema = z.object({ eligible: z.boolean(), failures: z.array(ruleFailureSchema) });
export type PrecheckResult = z.infer<typeof precheckResultSchema>;

export { isoDate };
