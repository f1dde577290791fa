import { describe, expect, it } from 'vitest';
import { defaultReviewRoundSettings, type ConflictRules } from '#contract';
import {
  findConflicts,
  lookBackStart,
  unitNameKey,
  validateRequestedExclusions,
  type ApplicationParties,
  type ExpertProfile,
} from './conflicts.js';
import { AppError } from './errors.js';

const rules: ConflictRules = defaultReviewRoundSettings.conflicts; // relations 3 years, exclusions ≤ 3, city off
const allOn: ConflictRules = { ...rules, sameCity: true };
const today = '2026-11-28';

const app: ApplicationParties = {
  applicationId: 'app-1',
  operatingUnit: { name: '河南省中小企业服务有限责任公司', uscc: '91410100MA44XXXX1A' },
  institutions: [
    { name: '郑州科技咨询有限公司', uscc: '91410105MA45YYYY2B' },
    { name: '洛阳检测中心', uscc: null },
  ],
  cityCode: '410100',
  requestedExclusions: ['expert-9'],
};

const expert = (over: Partial<ExpertProfile> = {}): ExpertProfile => ({
  id: 'expert-1',
  unit: { name: '河南大学', uscc: '12410000415800000X' },
  cityCode: '410200',
  relations: [],
  ...over,
});

describe('names as 回避 compares them', () => {
  it('ignores width, spaces and 有限责任公司 / 有限公司', () => {
    expect(unitNameKey('河南省中小企业服务有限责任公司')).toBe(unitNameKey(' 河南省中小企业服务 有限公司'));
    expect(unitNameKey('ＡＢＣ（郑州）科技有限公司')).toBe(unitNameKey('ABC(郑州)科技有限公司'));
    expect(unitNameKey('郑州科技咨询有限公司')).not.toBe(unitNameKey('郑州科技咨询中心'));
    expect(unitNameKey('   ')).toBeNull();
  });
});

describe('conflicts between an application and an expert', () => {
  it('finds none for an unrelated expert', () => {
    expect(findConflicts(app, expert(), allOn, today)).toEqual([]);
  });

  it('same unit by USCC (case, width and spaces ignored), always on', () => {
    const e = expert({ unit: { name: '另一个名字', uscc: '９１４１０１００ma44xxxx1a' } });
    expect(findConflicts(app, e, rules, today)).toEqual([
      {
        code: 'SAME_UNIT_USCC',
        party: 'operating_unit',
        reason: '专家所在单位与运营单位统一社会信用代码相同（91410100MA44XXXX1A）',
      },
    ]);
  });

  it('same unit by normalised name, for the operating unit and for a 集聚服务机构 without USCC', () => {
    const e1 = expert({ unit: { name: '河南省中小企业服务有限公司', uscc: null } });
    expect(findConflicts(app, e1, rules, today)).toEqual([
      {
        code: 'SAME_UNIT_NAME',
        party: 'operating_unit',
        reason: '专家所在单位与运营单位名称相同（河南省中小企业服务有限责任公司）',
      },
    ]);
    const e2 = expert({ unit: { name: '洛阳 检测中心', uscc: '12410300000000000X' } });
    expect(findConflicts(app, e2, rules, today).map((c) => [c.code, c.party, c.reason])).toEqual([
      ['SAME_UNIT_NAME', 'institution', '专家所在单位与集聚服务机构“洛阳检测中心”名称相同（洛阳检测中心）'],
    ]);
  });

  it('declared relations within the look-back, by USCC or name, and not once they ended before it', () => {
    const e = expert({
      relations: [
        {
          kind: 'employment',
          counterpartUscc: null,
          counterpartName: '河南省中小企业服务有限公司',
          until: '2023-11-28',
        },
        { kind: 'shareholding', counterpartUscc: '91410105MA45YYYY2B', counterpartName: null, until: null },
        { kind: 'kin', counterpartUscc: '91410100MA44XXXX1A', counterpartName: null, until: '2023-11-27' },
      ],
    });
    expect(findConflicts(app, e, rules, today)).toEqual([
      {
        code: 'DECLARED_RELATION',
        party: 'operating_unit',
        reason:
          '专家申报与运营单位（河南省中小企业服务有限责任公司，91410100MA44XXXX1A）存在任职关系（截至2023-11-28，回避期3年）',
      },
      {
        code: 'DECLARED_RELATION',
        party: 'institution',
        reason:
          '专家申报与集聚服务机构“郑州科技咨询有限公司”（郑州科技咨询有限公司，91410105MA45YYYY2B）存在持股关系（至今，回避期3年）',
      },
    ]);
    const off = { ...rules, declaredRelations: { enabled: false, lookBackYears: 3 } };
    expect(findConflicts(app, e, off, today)).toEqual([]);
    const longer = { ...rules, declaredRelations: { enabled: true, lookBackYears: 5 } };
    expect(findConflicts(app, e, longer, today)).toHaveLength(3);
  });

  it('the applicant’s accepted exclusions and, when switched on, the same city', () => {
    const e = expert({ id: 'expert-9', cityCode: '410100' });
    expect(findConflicts(app, e, rules, today).map((c) => c.code)).toEqual(['REQUESTED_EXCLUSION']);
    expect(findConflicts(app, e, allOn, today)).toEqual([
      { code: 'REQUESTED_EXCLUSION', party: 'applicant', reason: '申报单位申请该专家回避，省级主管部门已同意' },
      {
        code: 'SAME_CITY',
        party: 'applicant',
        reason: '专家与申报单位在同一城市（行政区划代码410100），本轮不抽取本市专家',
      },
    ]);
    const noExclusions = { ...allOn, requestedExclusions: { enabled: false, maxPerApplication: 3 } };
    expect(findConflicts(app, e, noExclusions, today).map((c) => c.code)).toEqual(['SAME_CITY']);
  });
});

describe('look-back and requested exclusions', () => {
  it('counts whole years back, 29 February falling back in a common year', () => {
    expect(lookBackStart('2026-11-28', 3)).toBe('2023-11-28');
    expect(lookBackStart('2024-02-29', 1)).toBe('2023-02-28');
    expect(lookBackStart('2024-02-29', 4)).toBe('2020-02-29');
  });

  it('accepts at most M distinct experts, and none when the round does not take requests', () => {
    expect(() => validateRequestedExclusions(['a', 'b', 'c'], rules)).not.toThrow();
    const tooMany = () => validateRequestedExclusions(['a', 'b', 'c', 'd'], rules);
    expect(tooMany).toThrow(AppError);
    expect(tooMany).toThrow('每件申报最多申请3名专家回避，现为4名');
    expect(() => validateRequestedExclusions(['a', 'a'], rules)).toThrow('申请回避的专家有重复');
    const off = { ...rules, requestedExclusions: { enabled: false, maxPerApplication: 3 } };
    expect(() => validateRequestedExclusions(['a'], off)).toThrow('本轮评审不接受申请专家回避');
    expect(() => validateRequestedExclusions([], off)).not.toThrow();
  });
});
