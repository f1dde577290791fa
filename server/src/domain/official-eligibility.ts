import { correctableRuleFields, ruleCodes, type RuleFailure } from '#contract';
import { evaluateEligibility, type EligibilityBatch, type EligibilityFacts } from './eligibility.js';

export interface RuleFinding {
  code: string;
  verdict: 'pass' | 'fail' | 'doubt';
  remark: string;
  correctedValue: number | string | null;
}

/**
 * The eligibility as the city official finds it: the claimed figures with the official's corrections
 * applied, re-evaluated by the same rule engine. A USCC that fails its check character (some genuine
 * early codes do) counts as valid when the official marks that rule 符合 with a recorded reason.
 */
export function officialEligibility(
  claimed: EligibilityFacts,
  findings: readonly RuleFinding[],
  batch: EligibilityBatch,
): { eligible: boolean; failures: RuleFailure[] } {
  const facts: EligibilityFacts = { ...claimed };
  for (const f of findings) {
    const field = correctableRuleFields[f.code as keyof typeof correctableRuleFields];
    if (field && f.correctedValue !== null) (facts as Record<string, unknown>)[field] = f.correctedValue;
  }
  const overridden = findings.some((f) => f.code === 'USCC_INVALID' && f.verdict === 'pass' && f.remark.trim() !== '');
  const result = evaluateEligibility(facts, batch);
  const failures = result.failures.filter((x) => !(overridden && x.code === 'USCC_INVALID'));
  return { eligible: failures.length === 0, failures };
}

export const ruleItemKeys = ruleCodes.map((c) => `rule:${c}`);
