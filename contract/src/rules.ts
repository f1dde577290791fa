import type { RuleThresholds } from './batch.js';
import type { RuleCode } from './precheck.js';

/** What the rules' words are written from: a batch's thresholds and the dates they are measured at. */
export interface RuleBatch {
  rules: RuleThresholds;
  /** Registration age is measured back from this date (inclusive). */
  referenceDate: string;
  /** 上年末: the date the total assets figure refers to. */
  assetsAsOf: string;
  /** The batch's platform categories; the category rule names the first few as examples. */
  categories: readonly string[];
}

/** How many categories the category rule and the 汇总表's note 2 name as examples. */
const CATEGORY_EXAMPLES = 5;

/**
 * The batch's first categories as service functions, the way the notice writes them (「信息、技术、培训、
 * 创业、融资」 for 2022): the catch-all 其他 left out (「等」 covers it), each without its 「服务」.
 */
export function categoryExamples(categories: readonly string[]): string[] {
  return categories
    .filter((c) => c !== '其他')
    .slice(0, CATEGORY_EXAMPLES)
    .map((c) => c.replace(/服务$/, ''));
}

/** The same calendar date `years` earlier; 29 February falls back to 28 February. */
export function subtractYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** 2020-11-22 → 2020年11月22日 */
export function formatChineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The latest registration date that still satisfies the age rule (inclusive). */
export function latestEligibleRegistration(batch: RuleBatch): string {
  return subtractYears(batch.referenceDate, batch.rules.minRegistrationYears);
}

/** A rule as the batch's notice states it: what is required, and where the notice (or the standard) says so. */
export interface RuleText {
  /** The short name of a checklist line (the official's review): 注册登记时间2年以上. */
  label: string;
  requirement: string;
  citation: string;
  /** What a failure says when it is not the requirement itself. */
  failure?: string;
}

/** Where an official looks to check a rule: the evidence type that proves the figure. */
export const ruleEvidence = {
  NAME_FORBIDDEN_WORD: 'application_report',
  CATEGORY_MISSING: 'application_report',
  REGISTRATION_TOO_RECENT: 'business_license',
  ASSETS_BELOW_MIN: 'assets_report',
  STAFF_BELOW_MIN: 'staff_list',
  INSTITUTIONS_BELOW_MIN: 'institution_agreement',
  PREFERENTIAL_SHARE_BELOW_MIN: 'fee_policy',
  ENTERPRISES_SERVED_BELOW_MIN: 'roster',
  USCC_INVALID: 'business_license',
} as const satisfies Record<RuleCode, string>;

/** The unit of a rule's figure (the rules judging a count, an amount or a share). */
export const ruleUnits: Partial<Record<RuleCode, string>> = {
  ASSETS_BELOW_MIN: '万元',
  STAFF_BELOW_MIN: '人',
  INSTITUTIONS_BELOW_MIN: '家',
  PREFERENTIAL_SHARE_BELOW_MIN: '%',
  ENTERPRISES_SERVED_BELOW_MIN: '家',
};

/** Every rule's words for one batch, from its values: the one place they are written. */
export function ruleTexts(batch: RuleBatch): Record<RuleCode, RuleText> {
  const r = batch.rules;
  return {
    NAME_FORBIDDEN_WORD: {
      label: `平台名称不含“${r.forbiddenWord}”`,
      requirement: `平台名称中不得含有“${r.forbiddenWord}”字样`,
      citation: '附件2 注1',
    },
    CATEGORY_MISSING: {
      label: '至少一项平台类别',
      requirement: `至少选择一项平台类别（服务功能）${categoryExamples(batch.categories).length > 0 ? `，如${categoryExamples(batch.categories).join('、')}` : ''}`,
      citation: '附件2 注2',
    },
    REGISTRATION_TOO_RECENT: {
      label: `注册登记时间${r.minRegistrationYears}年以上`,
      requirement: `运营单位注册登记时间须${r.minRegistrationYears}年以上，即不晚于${formatChineseDate(latestEligibleRegistration(batch))}`,
      citation: '附件2 注3',
    },
    ASSETS_BELOW_MIN: {
      label: '上年末资产总额（万元）',
      requirement: `上年末（${formatChineseDate(batch.assetsAsOf)}）资产总额不低于${r.minAssetsWan}万元`,
      citation: '附件2 注3',
    },
    STAFF_BELOW_MIN: {
      label: '服务人员数量',
      requirement: `服务人员不少于${r.minServiceStaff}人`,
      citation: '附件2 注3',
    },
    INSTITUTIONS_BELOW_MIN: {
      label: '集聚服务机构数量',
      requirement: `集聚服务机构${r.minInstitutions}家以上`,
      citation: '附件2 注3',
    },
    PREFERENTIAL_SHARE_BELOW_MIN: {
      label: '优惠服务占比（%）',
      requirement: `优惠服务占比不低于${r.minPreferentialSharePercent}%`,
      citation: '附件2 注3',
    },
    ENTERPRISES_SERVED_BELOW_MIN: {
      label: '年服务企业数',
      requirement: `年服务企业数量不低于${r.minEnterprisesServed}家`,
      citation: '附件2 注3',
    },
    USCC_INVALID: {
      label: '统一社会信用代码',
      requirement: '统一社会信用代码为18位，校验位正确',
      citation: 'GB 32100-2015',
      failure: '统一社会信用代码格式或校验位不正确',
    },
  };
}

/** What the city's survey must reach before a recommendation (附件3), from the batch's minimum: 随机抽取，不少于10家. */
export function surveyRequirement(minSurveyed: number): string {
  return `随机抽取，不少于${minSurveyed}家`;
}

/** The requirement with its citation, as field help shows it: 上年末（2021年12月31日）资产总额不低于200万元（附件2 注3） */
export function ruleRequirement(code: RuleCode, batch: RuleBatch): string {
  const text = ruleTexts(batch)[code];
  return `${text.requirement}（${text.citation}）`;
}

/** What a failure of the rule says, with its citation. */
export function ruleFailureMessage(code: RuleCode, batch: RuleBatch): string {
  const text = ruleTexts(batch)[code];
  return `${text.failure ?? text.requirement}（${text.citation}）`;
}
