import { describe, expect, it } from 'vitest';
import { ruleCodes } from './precheck.js';
import {
  latestEligibleRegistration,
  ruleFailureMessage,
  ruleRequirement,
  ruleTexts,
  surveyRequirement,
  type RuleBatch,
} from './rules.js';

const batch2023: RuleBatch = {
  referenceDate: '2024-02-29',
  assetsAsOf: '2023-12-31',
  categories: ['数字化转型服务', '信息服务', '技术服务', '其他', '培训服务', '创业服务', '融资服务'],
  rules: {
    forbiddenWord: '样板',
    minRegistrationYears: 3,
    minAssetsWan: 300,
    minServiceStaff: 20,
    minInstitutions: 4,
    minPreferentialSharePercent: 25,
    minEnterprisesServed: 120,
    minSurveyed: 8,
  },
};

describe('the rules’ words, written from the batch', () => {
  it('states each requirement with the batch’s figures and dates, and cites the notice', () => {
    expect(ruleCodes.map((code) => ruleRequirement(code, batch2023))).toEqual([
      '平台名称中不得含有“样板”字样（附件2 注1）',
      '至少选择一项平台类别（服务功能），如数字化转型、信息、技术、培训、创业（附件2 注2）',
      '运营单位注册登记时间须3年以上，即不晚于2021年2月28日（附件2 注3）',
      '上年末（2023年12月31日）资产总额不低于300万元（附件2 注3）',
      '服务人员不少于20人（附件2 注3）',
      '集聚服务机构4家以上（附件2 注3）',
      '优惠服务占比不低于25%（附件2 注3）',
      '年服务企业数量不低于120家（附件2 注3）',
      '统一社会信用代码为18位，校验位正确（GB 32100-2015）',
    ]);
  });

  it('says what failed: the requirement itself, but for the USCC what is wrong with it', () => {
    expect(ruleFailureMessage('ASSETS_BELOW_MIN', batch2023)).toBe(ruleRequirement('ASSETS_BELOW_MIN', batch2023));
    expect(ruleFailureMessage('USCC_INVALID', batch2023)).toBe('统一社会信用代码格式或校验位不正确（GB 32100-2015）');
  });

  it('keeps the requirement and its citation apart for lists that cite the notice once', () => {
    expect(ruleTexts(batch2023).STAFF_BELOW_MIN).toEqual({
      label: '服务人员数量',
      requirement: '服务人员不少于20人',
      citation: '附件2 注3',
    });
  });

  it('names the checklist lines with the batch’s forbidden word and registration age', () => {
    const texts = ruleTexts(batch2023);
    expect(ruleCodes.map((code) => texts[code].label)).toEqual([
      '平台名称不含“样板”',
      '至少一项平台类别',
      '注册登记时间3年以上',
      '上年末资产总额（万元）',
      '服务人员数量',
      '集聚服务机构数量',
      '优惠服务占比（%）',
      '年服务企业数',
      '统一社会信用代码',
    ]);
  });

  it('states the survey minimum of the batch', () => {
    expect(surveyRequirement(batch2023.rules.minSurveyed)).toBe('随机抽取，不少于8家');
  });

  it('measures the registration age on the calendar from the reference date', () => {
    expect(latestEligibleRegistration(batch2023)).toBe('2021-02-28');
    expect(
      latestEligibleRegistration({
        ...batch2023,
        referenceDate: '2022-11-22',
        rules: { ...batch2023.rules, minRegistrationYears: 2 },
      }),
    ).toBe('2020-11-22');
  });
});
