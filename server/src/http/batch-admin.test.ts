import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminBatchView, BatchConfig, BatchSummary, FieldError } from '#contract';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

let app: App;
let admin: TestClient;
let secondAdmin: TestClient;
beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  admin = await new TestClient(app).login('sysadmin');
  secondAdmin = await new TestClient(app).login('sysadmin');
});
afterAll(() => app.close());

const base = '/api/v1/admin/batches';
const auditCount = async (action: string) => (await app.ctx.audit.list(1000, action)).length;
const publicBatches = async () => (await new TestClient(app).get('/api/v1/batches')).json<BatchSummary[]>();
const precheck = (batchYear: number, totalAssetsWan: number, serviceStaff: number) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/precheck',
    payload: {
      batchYear,
      platformName: '河南中小企业综合服务平台',
      operatorName: '河南某服务有限公司',
      uscc: '91310110666007217T',
      categories: ['信息服务'],
      registeredOn: '2020-11-22',
      totalAssetsWan,
      serviceStaff,
      institutions: 5,
      preferentialSharePercent: 20,
      enterprisesServedLastYear: 80,
    },
  });
const failedCodes = (res: Awaited<ReturnType<typeof precheck>>) =>
  res.json<{ failures: { code: string }[] }>().failures.map((i) => i.code);

/** The 2023 notice of this test: every value the issue names changed from 2022. */
function config2023(copied: BatchConfig): BatchConfig {
  return {
    ...copied,
    noticeDate: '2023-11-20',
    applicationDeadline: '2023-12-01T23:59:59+08:00',
    cityDeadline: '2023-12-10T23:59:59+08:00',
    rules: { ...copied.rules, minAssetsWan: 300, minServiceStaff: 20 },
    categories: [...copied.categories, '数字化转型服务'],
    quota: { default: 3, byAuthority: { '410100': 5, '410300': 2 } },
    routing: { '410100-HKQ': '410100-HKQ' },
    designatedAreaKinds: [...copied.designatedAreaKinds, { key: 'digital_park', label: '省级数字经济产业园' }],
    designatedAreas: [
      ...copied.designatedAreas,
      { id: 'luoyang-digital-park', name: '洛阳数字经济产业园', kind: 'digital_park', authorityCode: '410300' },
    ],
    evidenceTypes: [
      ...copied.evidenceTypes,
      { key: 'digital_certificate', label: '数字化服务能力证明', required: false, accepts: ['pdf'], maxMb: 20 },
    ],
  };
}

let batch: AdminBatchView;
let before2022: BatchSummary;

describe('batch administration (system administrator)', () => {
  it('refuses everyone but the system administrator', async () => {
    expect((await new TestClient(app).get(base)).statusCode).toBe(401);
    for (const user of ['province', 'luoyang', 'ly-keji', 'secadmin', 'auditadmin']) {
      const client = await new TestClient(app).login(user);
      expect((await client.get(base)).statusCode, user).toBe(403);
      expect((await client.post(base, { fromBatchId: '2022', year: 2023 })).statusCode, user).toBe(403);
      expect((await client.post(`${base}/2022/publish`, { version: 1 })).statusCode, user).toBe(403);
    }
  });

  it('lists the seeded batches as published and copies 2022 into a 2023 batch in preparation', async () => {
    before2022 = (await publicBatches()).find((b) => b.id === '2022')!;
    const list = (await admin.get(base)).json<{ items: AdminBatchView[] }>().items;
    expect(list.map((b) => [b.id, b.status])).toEqual([
      ['2022', 'published'],
      ['2022-demo', 'published'],
    ]);

    const res = await admin.post(base, { fromBatchId: '2022', year: 2023 });
    expect(res.statusCode, res.body).toBe(201);
    batch = res.json<AdminBatchView>();
    expect(batch).toMatchObject({
      id: '2023',
      year: 2023,
      isDemo: false,
      status: 'preparation',
      version: 1,
      publishedAt: null,
      label: '2023年度省级中小企业公共服务示范平台',
    });
    expect(batch.config.title).toBe('2023年度省级中小企业公共服务示范平台');
    expect(batch.config.notice!.title).toBe('关于组织申报2023年度省级中小企业公共服务示范平台的通知');
    expect(batch.config.notice!.paragraphs.at(-1)).toContain('2023年12月9日前');
    expect(batch.config).toMatchObject({
      noticeDate: '2023-11-22',
      referenceDate: '2023-11-22',
      assetsAsOf: '2022-12-31',
      cityDeadline: '2023-12-09T23:59:59+08:00',
      changes: [],
    });
    expect(batch.config.designatedAreaKinds.map((k) => k.key)).toEqual([
      'info_consumption_city',
      'three_products_city',
      'sino_foreign_zone',
      'industrial_cluster',
    ]);
    expect(await app.ctx.audit.list(1000, 'batch.create')).toEqual([
      expect.objectContaining({ actor_name: 'sysadmin', target_type: 'batch', target_id: '2023' }),
    ]);
  });

  it('keeps a batch in preparation from everyone else: not in the public list, not for the precheck', async () => {
    expect((await publicBatches()).map((b) => b.id)).toEqual(['2022', '2022-demo']);
    expect((await precheck(2023, 300, 20)).statusCode).toBe(404);
  });

  it('saves the whole 2023 configuration: thresholds, quotas, a new kind and area, routing, category, evidence type', async () => {
    const res = await admin.put(`${base}/2023`, { version: 1, label: batch.label, config: config2023(batch.config) });
    expect(res.statusCode, res.body).toBe(200);
    batch = res.json<AdminBatchView>();
    expect(batch.version).toBe(2);
    expect(batch.config.rules).toMatchObject({ minAssetsWan: 300, minServiceStaff: 20 });
    expect(batch.config.quota.byAuthority['410300']).toBe(2);
    expect(batch.config.routing).toEqual({ '410100-HKQ': '410100-HKQ' });
    expect(batch.config.designatedAreas.at(-1)).toMatchObject({ kind: 'digital_park', authorityCode: '410300' });
    expect(batch.config.evidenceTypes.at(-1)!.key).toBe('digital_certificate');
    expect(batch.config.categories).toContain('数字化转型服务');
    expect(await auditCount('batch.update')).toBe(1);
  });

  const invalid: [string, (c: BatchConfig) => BatchConfig, FieldError][] = [
    [
      'a deadline before the notice date',
      (c) => ({ ...c, applicationDeadline: null, cityDeadline: '2023-11-19T23:59:59+08:00' }),
      { field: 'config.cityDeadline', message: '市级报送截止时间：不能早于通知日期 2023-11-20' },
    ],
    [
      'an application deadline after the city deadline',
      (c) => ({ ...c, applicationDeadline: '2023-12-11T00:00:00+08:00' }),
      { field: 'config.applicationDeadline', message: '申报截止时间：不能晚于市级报送截止时间' },
    ],
    [
      'a default quota below 0',
      (c) => ({ ...c, quota: { ...c.quota, default: -1 } }),
      { field: 'config.quota.default', message: '推荐名额：默认名额不能为负数' },
    ],
    [
      'a city quota below 0',
      (c) => ({ ...c, quota: { ...c.quota, byAuthority: { '410300': -1 } } }),
      { field: 'config.quota.byAuthority.410300', message: '推荐名额：名额不能为负数' },
    ],
    [
      'a designated area whose authority is no city',
      (c) => ({
        ...c,
        designatedAreas: c.designatedAreas.map((a, i) => (i === 0 ? { ...a, authorityCode: '410000' } : a)),
      }),
      { field: 'config.designatedAreas.0.authorityCode', message: '特定区域“濮阳市”：所属主管部门须为市级主管部门' },
    ],
    [
      'a designated area of an unknown kind',
      (c) => ({ ...c, designatedAreas: c.designatedAreas.map((a, i) => (i === 0 ? { ...a, kind: 'no_such' } : a)) }),
      { field: 'config.designatedAreas.0.kind', message: '特定区域“濮阳市”：类型 no_such 不在特定区域类型中' },
    ],
    [
      'a duplicate category',
      (c) => ({ ...c, categories: [...c.categories, '信息服务'] }),
      { field: 'config.categories', message: '服务类别：“信息服务”重复' },
    ],
    [
      'a duplicate evidence type',
      (c) => ({ ...c, evidenceTypes: [...c.evidenceTypes, c.evidenceTypes[0]!] }),
      { field: 'config.evidenceTypes', message: '证明材料类型：键“business_license”重复' },
    ],
    [
      'a duplicate designated area',
      (c) => ({ ...c, designatedAreas: [...c.designatedAreas, c.designatedAreas[0]!] }),
      { field: 'config.designatedAreas', message: '特定区域：编号“puyang-info-city”重复' },
    ],
    [
      'a duplicate designated-area kind',
      (c) => ({ ...c, designatedAreaKinds: [...c.designatedAreaKinds, c.designatedAreaKinds[0]!] }),
      { field: 'config.designatedAreaKinds', message: '特定区域类型：键“info_consumption_city”重复' },
    ],
    [
      'an evidence type the code needs, removed',
      (c) => ({ ...c, evidenceTypes: c.evidenceTypes.filter((t) => t.key !== 'institution_agreement') }),
      {
        field: 'config.evidenceTypes',
        message: '证明材料类型：不能删除“institution_agreement”（集聚服务机构合作协议（机构名单导入））',
      },
    ],
    [
      'an empty category list',
      (c) => ({ ...c, categories: [] }),
      { field: 'config.categories', message: '服务类别：至少须有一个类别' },
    ],
    [
      'a negative threshold',
      (c) => ({ ...c, rules: { ...c.rules, minAssetsWan: -1 } }),
      { field: 'config.rules.minAssetsWan', message: '资产总额下限（万元）：不能为负数' },
    ],
    [
      'a percentage over 100',
      (c) => ({ ...c, rules: { ...c.rules, minPreferentialSharePercent: 101 } }),
      { field: 'config.rules.minPreferentialSharePercent', message: '优惠服务占比下限（%）：不能超过100' },
    ],
    [
      'routing to an unknown authority',
      (c) => ({ ...c, routing: { '410100-HKQ': '419999' } }),
      { field: 'config.routing.410100-HKQ', message: '推荐路径：主管部门 419999 不存在' },
    ],
    [
      'routing from an unknown region',
      (c) => ({ ...c, routing: { '410199': '410100' } }),
      { field: 'config.routing.410199', message: '推荐路径：区域 410199 不存在' },
    ],
    [
      'routing to the province, which recommends nothing',
      (c) => ({ ...c, routing: { '410100-HKQ': '410000' } }),
      { field: 'config.routing.410100-HKQ', message: '推荐路径：410000 不是推荐单位，只能转给市级主管部门' },
    ],
    [
      'a designated area of an authority the routing gives no region',
      (c) => ({
        ...c,
        routing: { '410100-HKQ': '410100' },
        designatedAreas: c.designatedAreas.map((a, i) => (i === 0 ? { ...a, authorityCode: '410100-HKQ' } : a)),
      }),
      {
        field: 'config.designatedAreas.0.authorityCode',
        message: '特定区域“濮阳市”：所属主管部门 410100-HKQ 在本批次不推荐平台（推荐路径未把任何区域交给它）',
      },
    ],
  ];
  it.each(invalid)('refuses %s with 422 naming the field', async (_, change, error) => {
    const res = await admin.put(`${base}/2023`, {
      version: batch.version,
      label: batch.label,
      config: change(batch.config),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'BATCH_INVALID', message: error.message, errors: [error] });
    expect((await admin.get(`${base}/2023`)).json<AdminBatchView>().version).toBe(batch.version);
  });

  it('refuses a stale version with 409, and of two administrators saving the same version exactly one wins', async () => {
    const stale = await admin.put(`${base}/2023`, { version: 1, label: batch.label, config: batch.config });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('BATCH_CHANGED');

    const audits = await auditCount('batch.update');
    const results = await Promise.all(
      [admin, secondAdmin].map((client, i) =>
        client.put(`${base}/2023`, {
          version: batch.version,
          label: batch.label,
          config: { ...batch.config, rules: { ...batch.config.rules, minSurveyed: 11 + i } },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await auditCount('batch.update')).toBe(audits + 1);
    batch = results.find((r) => r.statusCode === 200)!.json<AdminBatchView>();
    expect(batch.version).toBe(3);
  });

  it('refuses a copy into a year that has a published official batch', async () => {
    const res = await admin.post(base, { fromBatchId: '2022-demo', year: 2022 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'year', message: expect.stringContaining('2022年度已有已发布的正式批次') },
    ]);
  });

  it('publishes once: of two administrators publishing at once one wins, and everyone sees the batch at once', async () => {
    const second = (await admin.post(base, { fromBatchId: '2022', year: 2023 })).json<AdminBatchView>();
    expect(second).toMatchObject({ id: '2023-2', status: 'preparation' });
    await publicBatches(); // the list is cached now: publication must drop it

    const audits = await auditCount('batch.publish');
    const results = await Promise.all(
      [admin, secondAdmin].map((client) => client.post(`${base}/2023/publish`, { version: batch.version })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await auditCount('batch.publish')).toBe(audits + 1);
    batch = results.find((r) => r.statusCode === 200)!.json<AdminBatchView>();
    expect(batch).toMatchObject({ status: 'published', version: 4 });

    const published = (await publicBatches()).find((b) => b.id === '2023');
    expect(published?.config.rules.minAssetsWan).toBe(300);
    expect(published?.config.designatedAreaKinds.at(-1)).toEqual({ key: 'digital_park', label: '省级数字经济产业园' });

    const again = await admin.post(`${base}/2023-2/publish`, { version: second.version });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0]).toMatchObject({ field: 'year' });
  });

  it('judges a precheck by the batch asked for: 2023 by its own thresholds, 2022 as before', async () => {
    expect(failedCodes(await precheck(2023, 250, 18))).toEqual(['ASSETS_BELOW_MIN', 'STAFF_BELOW_MIN']);
    expect(failedCodes(await precheck(2022, 250, 18))).toEqual([]);
    expect((await publicBatches()).find((b) => b.id === '2022')).toEqual(before2022);
  });

  it('after publication refuses any change that judges (409 naming the field) and a full edit', async () => {
    const edit = await admin.put(`${base}/2023`, { version: batch.version, label: batch.label, config: batch.config });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('BATCH_PUBLISHED');

    const threshold = await admin.post(`${base}/2023/wording`, {
      version: batch.version,
      label: batch.label,
      config: { ...batch.config, rules: { ...batch.config.rules, minAssetsWan: 250 } },
      summary: '更正',
    });
    expect(threshold.statusCode).toBe(409);
    expect(threshold.json()).toMatchObject({
      code: 'BATCH_PUBLISHED',
      errors: [
        {
          field: 'config.rules.minAssetsWan',
          message: '资产总额下限（万元）：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
        },
      ],
    });

    const quota = await admin.post(`${base}/2023/wording`, {
      version: batch.version,
      label: batch.label,
      config: { ...batch.config, quota: { ...batch.config.quota, byAuthority: { '410300': 3 } } },
      summary: '更正',
    });
    expect(quota.statusCode).toBe(409);
    expect(quota.json().errors.map((e: FieldError) => e.field)).toEqual([
      'config.quota.byAuthority.410100',
      'config.quota.byAuthority.410300',
    ]);
    expect((await admin.get(`${base}/2023`)).json<AdminBatchView>().version).toBe(batch.version);
  });

  it('extends deadlines only later, with a reason, listed in the changes every user sees', async () => {
    const earlier = await admin.post(`${base}/2023/deadlines`, {
      version: batch.version,
      applicationDeadline: '2023-11-30T23:59:59+08:00',
      cityDeadline: batch.config.cityDeadline,
      reason: '提前',
    });
    expect(earlier.statusCode).toBe(422);
    expect(earlier.json().errors).toEqual([
      { field: 'applicationDeadline', message: '申报截止时间：只能推迟，不能提前' },
    ]);

    const audits = await auditCount('batch.extend_deadlines');
    const res = await admin.post(`${base}/2023/deadlines`, {
      version: batch.version,
      applicationDeadline: '2023-12-08T23:59:59+08:00',
      cityDeadline: '2023-12-15T23:59:59+08:00',
      reason: '部分地市疫情防控',
    });
    expect(res.statusCode, res.body).toBe(200);
    batch = res.json<AdminBatchView>();
    expect(await auditCount('batch.extend_deadlines')).toBe(audits + 1);
    const shown = (await publicBatches()).find((b) => b.id === '2023')!;
    expect(shown.config.cityDeadline).toBe('2023-12-15T23:59:59+08:00');
    expect(shown.config.changes).toEqual([
      {
        at: expect.any(String),
        kind: 'deadline',
        summary:
          '申报截止时间由2023年12月1日 23:59:59（北京时间）延至2023年12月8日 23:59:59（北京时间）；' +
          '市级报送截止时间由2023年12月10日 23:59:59（北京时间）延至2023年12月15日 23:59:59（北京时间）。原因：部分地市疫情防控',
      },
    ]);
  });

  it('corrects wording after publication: the title and labels, keys kept, audited and listed', async () => {
    const res = await admin.post(`${base}/2023/wording`, {
      version: batch.version,
      label: batch.label,
      config: {
        ...batch.config,
        title: '2023年度河南省省级中小企业公共服务示范平台',
        evidenceTypes: batch.config.evidenceTypes.map((t) =>
          t.key === 'digital_certificate' ? { ...t, label: '数字化服务能力证明材料' } : t,
        ),
      },
      summary: '标题补“河南省”，材料名称更正',
    });
    expect(res.statusCode, res.body).toBe(200);
    batch = res.json<AdminBatchView>();
    expect(batch.config.changes.map((c) => c.kind)).toEqual(['deadline', 'wording']);
    const shown = (await publicBatches()).find((b) => b.id === '2023')!;
    expect(shown.config.title).toBe('2023年度河南省省级中小企业公共服务示范平台');
    expect(shown.config.changes.at(-1)?.summary).toBe('标题补“河南省”，材料名称更正');
    expect(await app.ctx.audit.list(1000, 'batch.correct_wording')).toEqual([
      expect.objectContaining({ actor_name: 'sysadmin', target_id: '2023' }),
    ]);
  });
});
