import type { ApplicationDraft } from '#contract';
import type { EligibilityFacts } from '../../domain/eligibility.js';

/** The figures the applicant claims: the form, the unit's USCC, and the two list counts. */
export function claimedFacts(
  form: ApplicationDraft,
  uscc: string,
  institutions: number,
  rosterCount: number,
): EligibilityFacts {
  return { ...form, uscc, institutions, enterprisesServedLastYear: rosterCount };
}
