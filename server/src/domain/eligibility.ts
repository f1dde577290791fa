import {
  isValidUscc,
  normalizeUscc,
  ruleFields,
  type RuleCode,
  type RuleFailure,
  type RuleThresholds,
} from '#contract';
import { formatChineseDate, subtractYears } from './calendar.js';

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

export interface EligibilityBatch {
  rules: RuleThresholds;
  referenceDate: string;
  assetsAsOf: string;
}

export interface EligibilityResult {
  eligible: boolean;
  failures: RuleFailure[];
}

const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined && v !== '';

export function normalizeForWordCheck(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** The latest registration date that still satisfies the age rule (inclusive). */
export function latestEligibleRegistration(batch: EligibilityBatch): string {
  return subtractYears(batch.referenceDate, batch.rules.minRegistrationYears);
}

/** Every failing rule at once, in the order of the notice. One implementation for precheck, form and submission. */
export function evaluateEligibility(facts: EligibilityFacts, batch: EligibilityBatch): EligibilityResult {
  const r = batch.rules;
  const failures: RuleFailure[] = [];
  const fail = (code: RuleCode, message: string) => failures.push({ code, field: ruleFields[code], message });

  if (present(facts.platformName)) {
    const word = normalizeForWordCheck(r.forbiddenWord);
    if (normalizeForWordCheck(facts.platformName).includes(word)) {
      fail('NAME_FORBIDDEN_WORD', `平台名称中不得含有“${r.forbiddenWord}”字样（附件2 注1）`);
    }
  }
  if (facts.categories !== undefined && facts.categories !== null && facts.categories.length === 0) {
    fail('CATEGORY_MISSING', '至少选择一项平台类别（服务功能），如信息、技术、培训、创业、融资（附件2 注2）');
  }
  if (present(facts.registeredOn)) {
    const latest = latestEligibleRegistration(batch);
    if (facts.registeredOn > latest) {
      fail(
        'REGISTRATION_TOO_RECENT',
        `运营单位注册登记时间须${r.minRegistrationYears}年以上，即不晚于${formatChineseDate(latest)}（附件2 注3）`,
      );
    }
  }
  if (present(facts.totalAssetsWan) && facts.totalAssetsWan < r.minAssetsWan) {
    fail(
      'ASSETS_BELOW_MIN',
      `上年末（${formatChineseDate(batch.assetsAsOf)}）资产总额不低于${r.minAssetsWan}万元（附件2 注3）`,
    );
  }
  if (present(facts.serviceStaff) && facts.serviceStaff < r.minServiceStaff) {
    fail('STAFF_BELOW_MIN', `服务人员不少于${r.minServiceStaff}人（附件2 注3）`);
  }
  if (present(facts.institutions) && facts.institutions < r.minInstitutions) {
    fail('INSTITUTIONS_BELOW_MIN', `集聚服务机构${r.minInstitutions}家以上（附件2 注3）`);
  }
  if (present(facts.preferentialSharePercent) && facts.preferentialSharePercent < r.minPreferentialSharePercent) {
    fail('PREFERENTIAL_SHARE_BELOW_MIN', `优惠服务占比不低于${r.minPreferentialSharePercent}%（附件2 注3）`);
  }
  if (present(facts.enterprisesServedLastYear) && facts.enterprisesServedLastYear < r.minEnterprisesServed) {
    fail('ENTERPRISES_SERVED_BELOW_MIN', `年服务企业数量不低于${r.minEnterprisesServed}家（附件2 注3）`);
  }
  if (present(facts.uscc) && !isValidUscc(normalizeUscc(facts.uscc))) {
    fail('USCC_INVALID', '统一社会信用代码格式或校验位不正确（GB 32100-2015）');
  }
  return { eligible: failures.length === 0, failures };
}
