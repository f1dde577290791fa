import { describe, expect, it } from 'vitest';
import { batchConfigSchema, designatedAreaKindLabel } from '#contract';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import regions from '../seed/regions.json' with { type: 'json' };
import { shiftYears } from './batch-copy.js';
import { nonWordingChanges, validateBatchConfig, type BatchReferences } from './batch-validation.js';

const refs: BatchReferences = {
  authorities: [
    { ...regions.province, kind: 'province' },
    ...regions.authorities.map((a) => ({ ...a, kind: 'city' as const })),
  ],
  regions: [
    ...regions.authorities.map((a) => ({ code: a.code, authority_code: a.code })),
    ...regions.extraRegions.map((r) => ({ code: r.code, authority_code: r.authorityCode })),
  ],
};
const config = batchConfigSchema.parse(batch2022.config);

describe('a batch configuration', () => {
  it('stored without its list of designated-area kinds reads the four kinds of 2022, and the seeded one is valid', () => {
    expect('designatedAreaKinds' in batch2022.config).toBe(false);
    expect(config.designatedAreaKinds.map((k) => k.key)).toEqual([
      'info_consumption_city',
      'three_products_city',
      'sino_foreign_zone',
      'industrial_cluster',
    ]);
    expect(designatedAreaKindLabel(config, 'industrial_cluster')).toBe('省级中小企业特色产业集群');
    expect(config.changes).toEqual([]);
    expect(validateBatchConfig(config, refs)).toEqual([]);
  });

  it('names every error at once', () => {
    const errors = validateBatchConfig(
      { ...config, categories: [], rules: { ...config.rules, minServiceStaff: -1, minPreferentialSharePercent: 120 } },
      refs,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'config.rules.minServiceStaff',
      'config.rules.minPreferentialSharePercent',
      'config.categories',
    ]);
  });

  it('refuses an evidence type with a file kind no upload can be', () => {
    const evidenceTypes = config.evidenceTypes.map((t, i) => (i === 0 ? { ...t, accepts: ['pdf', 'exe'] } : t));
    expect(validateBatchConfig({ ...config, evidenceTypes }, refs)).toEqual([
      {
        field: 'config.evidenceTypes.0.accepts',
        message: '证明材料“营业执照（副本）”：不支持的文件类型 exe（可选 pdf、ofd、jpeg、png、docx、xlsx）',
      },
    ]);
  });

  it('gives every seeded evidence type its own size limit, and a type stored without one reads 50 MB', () => {
    expect(batch2022.config.evidenceTypes.every((t) => Number.isInteger(t.maxMb))).toBe(true);
    expect(config.evidenceTypes.find((t) => t.key === 'business_license')?.maxMb).toBe(10);
    const stored = {
      ...batch2022.config,
      evidenceTypes: batch2022.config.evidenceTypes.map(({ maxMb: _dropped, ...t }) => t),
    };
    expect(batchConfigSchema.parse(stored).evidenceTypes.map((t) => t.maxMb)).toEqual(
      config.evidenceTypes.map(() => 50),
    );
  });

  it('refuses an evidence size limit outside 1…1024 MB or not whole, naming the type', () => {
    const limits = [0, 1025, 2.5];
    const evidenceTypes = config.evidenceTypes.map((t, i) => (i < limits.length ? { ...t, maxMb: limits[i]! } : t));
    const message = (label: string) => `证明材料“${label}”：大小上限须为 1～1024 之间的整数（MB）`;
    expect(validateBatchConfig({ ...config, evidenceTypes }, refs)).toEqual([
      { field: 'config.evidenceTypes.0.maxMb', message: message('营业执照（副本）') },
      { field: 'config.evidenceTypes.1.maxMb', message: message('上年度审计报告或资产负债表') },
      { field: 'config.evidenceTypes.2.maxMb', message: message('服务人员名单及社保缴纳证明') },
    ]);
    const edges = config.evidenceTypes.map((t, i) => (i < 2 ? { ...t, maxMb: i === 0 ? 1 : 1024 } : t));
    expect(validateBatchConfig({ ...config, evidenceTypes: edges }, refs)).toEqual([]);
  });
});

describe('a wording correction of a published batch', () => {
  it('may change the title, the notice and labels, keeping keys', () => {
    const corrected = {
      ...config,
      title: '更正后的标题',
      notice: { ...config.notice!, address: '郑州市金水区' },
      evidenceTypes: config.evidenceTypes.map((t) => ({ ...t, label: `${t.label}（更正）` })),
      designatedAreas: config.designatedAreas.map((a) => ({ ...a, name: `${a.name}（更正）` })),
      designatedAreaKinds: config.designatedAreaKinds.map((k) => ({ ...k, label: `${k.label}（更正）` })),
    };
    expect(nonWordingChanges(config, corrected)).toEqual([]);
  });

  it('may change nothing that judges: keys, thresholds, dates, lists', () => {
    const changed = {
      ...config,
      referenceDate: '2022-11-23',
      cityDeadline: '2022-12-10T23:59:59+08:00',
      rules: { ...config.rules, forbiddenWord: '示范平台' },
      evidenceTypes: config.evidenceTypes.map((t, i) =>
        i === 0 ? { ...t, key: 'licence', required: false } : i === 1 ? { ...t, maxMb: t.maxMb + 1 } : t,
      ),
      categories: config.categories.slice(1),
    };
    expect(nonWordingChanges(config, changed)).toEqual([
      {
        field: 'config.referenceDate',
        message: '注册时间基准日期：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
      },
      { field: 'config.cityDeadline', message: '市级报送截止时间：已发布批次只能通过“延长截止时间”推迟' },
      {
        field: 'config.rules.forbiddenWord',
        message: '平台名称禁用词：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
      },
      {
        field: 'config.categories',
        message: '服务类别：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
      },
      {
        field: 'config.evidenceTypes.0.key',
        message: '证明材料类型：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
      },
      {
        field: 'config.evidenceTypes.0.required',
        message: '证明材料类型：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
      },
      {
        field: 'config.evidenceTypes.1.maxMb',
        message: '证明材料类型：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
      },
    ]);
  });
});

describe('a copied batch', () => {
  it('moves dates and instants by whole years, 29 February to the 28th', () => {
    expect(shiftYears('2022-11-22', 1)).toBe('2023-11-22');
    expect(shiftYears('2022-12-09T23:59:59+08:00', 1)).toBe('2023-12-09T23:59:59+08:00');
    expect(shiftYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});
