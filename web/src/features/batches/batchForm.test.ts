import { describe, expect, it } from 'vitest';
import { beijingWallClock, placeFieldErrors, type BatchFormValues } from './batchForm';

const values = {
  label: '2023年度',
  config: {},
  quotaExceptions: [
    { authorityCode: '410100', quota: 5 },
    { authorityCode: '410300', quota: -1 },
  ],
  routes: [{ region: '410100-HKQ', authority: '419999' }],
} as unknown as BatchFormValues;

const registered = [
  ['label'],
  ['config', 'rules', 'minAssetsWan'],
  ['config', 'cityDeadline'],
  ['config', 'designatedAreas', 0, 'authorityCode'],
  ['config', 'evidenceTypes', 2, 'maxMb'],
  ['quotaExceptions', 1, 'quota'],
  ['routes', 0, 'authority'],
];

describe('the batch editor places the server’s field errors', () => {
  it('at the inputs they name, the two maps’ keys at their rows, the rest in the summary', () => {
    const { atFields, unplaced } = placeFieldErrors(
      [
        { field: 'config.rules.minAssetsWan', message: '资产总额下限（万元）：不能为负数' },
        { field: 'config.cityDeadline', message: '市级报送截止时间：不能早于通知日期 2023-11-20' },
        { field: 'config.cityDeadline', message: '第二条' },
        { field: 'config.designatedAreas.0.authorityCode', message: '特定区域“濮阳市”：所属主管部门须为市级主管部门' },
        {
          field: 'config.evidenceTypes.2.maxMb',
          message: '证明材料“服务人员名单”：大小上限须为 1～1024 之间的整数（MB）',
        },
        { field: 'config.quota.byAuthority.410300', message: '推荐名额：名额不能为负数' },
        { field: 'config.routing.410100-HKQ', message: '推荐路径：主管部门 419999 不存在' },
        { field: 'config.categories', message: '服务类别：“信息服务”重复' },
        { field: 'config.quota.byAuthority.419999', message: '不在列表中的主管部门' },
      ],
      values,
      registered,
    );
    expect(atFields).toEqual([
      { name: ['config', 'rules', 'minAssetsWan'], errors: ['资产总额下限（万元）：不能为负数'] },
      { name: ['config', 'cityDeadline'], errors: ['市级报送截止时间：不能早于通知日期 2023-11-20', '第二条'] },
      {
        name: ['config', 'designatedAreas', 0, 'authorityCode'],
        errors: ['特定区域“濮阳市”：所属主管部门须为市级主管部门'],
      },
      {
        name: ['config', 'evidenceTypes', 2, 'maxMb'],
        errors: ['证明材料“服务人员名单”：大小上限须为 1～1024 之间的整数（MB）'],
      },
      { name: ['quotaExceptions', 1, 'quota'], errors: ['推荐名额：名额不能为负数'] },
      { name: ['routes', 0, 'authority'], errors: ['推荐路径：主管部门 419999 不存在'] },
    ]);
    expect(unplaced.map((p) => p.field)).toEqual(['config.categories', 'config.quota.byAuthority.419999']);
  });

  it('shows a deadline as Beijing wall-clock time whatever offset it was stored with', () => {
    expect(beijingWallClock('2023-12-09T23:59:59+08:00').format('YYYY-MM-DD HH:mm:ss')).toBe('2023-12-09 23:59:59');
    expect(beijingWallClock('2023-12-09T15:59:59Z').format('YYYY-MM-DD HH:mm:ss')).toBe('2023-12-09 23:59:59');
  });
});
