import {
  isValidUscc,
  latestEligibleRegistration,
  normalizeUscc,
  ruleFailureMessage,
  ruleFields,
  type RuleBatch,
  type RuleCode,
  type RuleFailure,
} from '#contract';

export { latestEligibleRegistration };

/** The figures the 2022 rules judge (附件2 注1–3). Missing facts are not judged: completeness reports them. */
export interface EligibilityFacts {
  platformName?: string | null;
  categories?: readonly string[] | null;
  registeredOn?: string | null;
  totalAssetsWan?: number | null;
  serviceStaff?: number | null;
  institutions?: number | null;
  preferentialSharePercent?: number | null;
  enterprisesServedLastYear?: number | null;
  uscc?: string | null;
}

/** The batch as the rules read it: its thresholds and reference dates. */
export type EligibilityBatch = RuleBatch;

export interface EligibilityResult {
  eligible: boolean;
  failures: RuleFailure[];
}

const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined && v !== '';

export function normalizeForWordCheck(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** Every failing rule at once, in the order of the notice. One implementation for precheck, form and submission. */
export function evaluateEligibility(facts: EligibilityFacts, batch: EligibilityBatch): EligibilityResult {
  const r = batch.rules;
  const failures: RuleFailure[] = [];
  const fail = (code: RuleCode) =>
    failures.push({ code, field: ruleFields[code], message: ruleFailureMessage(code, batch) });

  if (present(facts.platformName)) {
    const word = normalizeForWordCheck(r.forbiddenWord);
    if (normalizeForWordCheck(facts.platformName).includes(word)) fail('NAME_FORBIDDEN_WORD');
  }
  if (facts.categories !== undefined && facts.categories !== null && facts.categories.length === 0) {
    fail('CATEGORY_MISSING');
  }
  if (present(facts.registeredOn) && facts.registeredOn > latestEligibleRegistration(batch)) {
    fail('REGISTRATION_TOO_RECENT');
  }
  if (present(facts.totalAssetsWan) && facts.totalAssetsWan < r.minAssetsWan) fail('ASSETS_BELOW_MIN');
  if (present(facts.serviceStaff) && facts.serviceStaff < r.minServiceStaff) fail('STAFF_BELOW_MIN');
  if (present(facts.institutions) && facts.institutions < r.minInstitutions) fail('INSTITUTIONS_BELOW_MIN');
  if (present(facts.preferentialSharePercent) && facts.preferentialSharePercent < r.minPreferentialSharePercent) {
    fail('PREFERENTIAL_SHARE_BELOW_MIN');
  }
  if (present(facts.enterprisesServedLastYear) && facts.enterprisesServedLastYear < r.minEnterprisesServed) {
    fail('ENTERPRISES_SERVED_BELOW_MIN');
  }
  if (present(facts.uscc) && !isValidUscc(normalizeUscc(facts.uscc))) fail('USCC_INVALID');
  return { eligible: failures.length === 0, failures };
}
