import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminBatchView, BatchConfig, EvidenceFileView, MyApplications } from '#contract';
import { fillCompletely, registerUnit, uploadEvidenceFile as upload } from '../../test-support/applications.js';
import { tinyPdf } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { fixedClock } from '../domain/clock.js';
import type { App } from './app.js';

/**
 * Each evidence type has its own size limit, set by the system administrator: the open demo batch here takes
 * 营业执照 up to 1 MB and the assets report up to 2 MB; 其他证明材料 (50 MB) is cut by the server's 3 MB.
 */
const MB = 1024 * 1024;
const SERVER_LIMIT = 3 * MB;
const LIMITS: Record<string, number> = { business_license: 1, assets_report: 2, other: 50 };
const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let admin: TestClient;
let unitNumber = 61_000;

/** A PDF (it starts as one) of exactly `bytes` bytes. */
const pdfOf = (bytes: number) => Buffer.concat([tinyPdf(), Buffer.alloc(bytes - tinyPdf().length)]);

const rowsOf = (applicationId: string) =>
  app.ctx.db
    .selectFrom('evidence_files')
    .select(['id', 'evidence_type', 'size_bytes', 'storage_key'])
    .where('application_id', '=', applicationId)
    .execute();

/** Every stored file's key (`ab/uuid`), the staging directory left out. */
function filesOnDisk(): string[] {
  const root = app.ctx.config.filesDir;
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== '.staging')
    .flatMap((d) => fs.readdirSync(path.join(root, d.name)).map((name) => `${d.name}/${name}`));
}
const staging = () => fs.readdirSync(path.join(app.ctx.config.filesDir, '.staging'));

/** Every file on disk is a row's, and every row's file is on disk. */
async function expectDiskMatchesRows(): Promise<void> {
  const rows = await app.ctx.db.selectFrom('evidence_files').select('storage_key').execute();
  expect(filesOnDisk().sort()).toEqual([...new Set(rows.map((r) => r.storage_key))].sort());
  expect(staging()).toEqual([]);
}

function expectTooLarge(res: LightMyRequestResponse, label: string, fileName: string, limit: string): void {
  expect(res.statusCode, res.body).toBe(413);
  expect(res.json()).toEqual({
    code: 'FILE_TOO_LARGE',
    message: `${label}：文件“${fileName}”超过 ${limit} 的大小限制`,
    errors: [{ field: 'file', message: `${label}：文件超过 ${limit} 的大小限制` }],
  });
}

async function newDraft(): Promise<{ client: TestClient; id: string }> {
  unitNumber += 1;
  return registerUnit(app, unitNumber);
}

beforeAll(async () => {
  app = await createTestApp({ clock, config: { maxUploadBytes: SERVER_LIMIT, loginRateLimitPerMinute: 1000 } });
  admin = await new TestClient(app).login('sysadmin');
  const demo = (await app.ctx.references.listBatches()).find((b) => b.isDemo)!;
  const config: BatchConfig = {
    ...demo.config,
    evidenceTypes: demo.config.evidenceTypes.map((t) => ({ ...t, maxMb: LIMITS[t.key] ?? t.maxMb })),
  };
  await app.ctx.db
    .updateTable('batches')
    .set((eb) => ({ config: JSON.stringify(config), version: eb('version', '+', 1) }))
    .where('id', '=', demo.id)
    .execute();
});
afterAll(async () => app.close());

describe('the size limit of each evidence type', () => {
  it('refuses a file over its type’s limit naming the type and the limit, and keeps nothing', async () => {
    const { client, id } = await newDraft();
    const audited = (await app.ctx.audit.list(1000, 'evidence.upload')).length;
    const res = await upload(client, id, 'business_license', '营业执照.pdf', pdfOf(MB + 1));
    expectTooLarge(res, '营业执照（副本）', '营业执照.pdf', '1 MB');
    expect(await rowsOf(id)).toEqual([]);
    expect((await app.ctx.audit.list(1000, 'evidence.upload')).length).toBe(audited);
    await expectDiskMatchesRows();
  });

  it('takes a file of exactly the limit, and a larger one for a type with a higher limit', async () => {
    const { client, id } = await newDraft();
    const atLimit = await upload(client, id, 'business_license', '营业执照.pdf', pdfOf(MB));
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    expect(atLimit.json<EvidenceFileView>().sizeBytes).toBe(MB);

    const refusedAsLicence = await upload(client, id, 'business_license', '报告.pdf', pdfOf(1.5 * MB));
    expectTooLarge(refusedAsLicence, '营业执照（副本）', '报告.pdf', '1 MB');
    const takenAsReport = await upload(client, id, 'assets_report', '报告.pdf', pdfOf(1.5 * MB));
    expect(takenAsReport.statusCode, takenAsReport.body).toBe(201);
    const reportAtLimit = await upload(client, id, 'assets_report', '审计报告.pdf', pdfOf(2 * MB));
    expect(reportAtLimit.statusCode, reportAtLimit.body).toBe(201);
    expectTooLarge(
      await upload(client, id, 'assets_report', '审计报告.pdf', pdfOf(2 * MB + 1)),
      '上年度审计报告或资产负债表',
      '审计报告.pdf',
      '2 MB',
    );

    const rows = await rowsOf(id);
    expect(rows.map((r) => [r.evidence_type, Number(r.size_bytes)]).sort()).toEqual([
      ['assets_report', 1.5 * MB],
      ['assets_report', 2 * MB],
      ['business_license', MB],
    ]);
    await expectDiskMatchesRows();
  });

  it('cuts a type whose own limit is above the server’s at the server’s, naming the type', async () => {
    const { client, id } = await newDraft();
    expectTooLarge(
      await upload(client, id, 'other', '其他.pdf', pdfOf(SERVER_LIMIT + 1)),
      '其他证明材料',
      '其他.pdf',
      '3 MB',
    );
    const atServerLimit = await upload(client, id, 'other', '其他.pdf', pdfOf(SERVER_LIMIT));
    expect(atServerLimit.statusCode, atServerLimit.body).toBe(201);
    await expectDiskMatchesRows();
  });

  it('answers uploads sent at once each by its own type’s limit; the files on disk are the rows', async () => {
    const { client, id } = await newDraft();
    const sent = [
      { type: 'business_license', bytes: MB, ok: true },
      { type: 'business_license', bytes: MB + 1, ok: false, label: '营业执照（副本）', limit: '1 MB' },
      { type: 'assets_report', bytes: 2 * MB, ok: true },
      { type: 'assets_report', bytes: 2 * MB + 1, ok: false, label: '上年度审计报告或资产负债表', limit: '2 MB' },
      { type: 'other', bytes: SERVER_LIMIT, ok: true },
      { type: 'other', bytes: SERVER_LIMIT + 1, ok: false, label: '其他证明材料', limit: '3 MB' },
      { type: 'business_license', bytes: 2000, ok: true },
      { type: 'assets_report', bytes: 1.5 * MB, ok: true },
    ];
    const answers = await Promise.all(sent.map((s, i) => upload(client, id, s.type, `文件${i}.pdf`, pdfOf(s.bytes))));
    answers.forEach((res, i) => {
      const s = sent[i]!;
      if (s.ok) {
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json<EvidenceFileView>()).toMatchObject({ evidenceType: s.type, sizeBytes: s.bytes });
      } else {
        expectTooLarge(res, s.label!, `文件${i}.pdf`, s.limit!);
      }
    });
    const rows = await rowsOf(id);
    const taken = sent.filter((s) => s.ok);
    expect(rows.map((r) => `${r.evidence_type}:${Number(r.size_bytes)}`).sort()).toEqual(
      taken.map((s) => `${s.type}:${s.bytes}`).sort(),
    );
    const root = app.ctx.config.filesDir;
    for (const r of rows) expect(fs.statSync(path.join(root, r.storage_key)).size).toBe(Number(r.size_bytes));
    await expectDiskMatchesRows();
  });
});

describe('the administrator sets the limits', () => {
  const base = '/api/v1/admin/batches';

  it('saves a limit per type in preparation and refuses one outside 1…1024 MB, naming the type', async () => {
    const copy = await admin.post(base, { fromBatchId: '2022', year: 2023 });
    expect(copy.statusCode, copy.body).toBe(201);
    const batch = copy.json<AdminBatchView>();
    expect(batch.config.evidenceTypes.find((t) => t.key === 'business_license')?.maxMb).toBe(10);
    const withLimits = (limits: Record<string, number>): BatchConfig => ({
      ...batch.config,
      evidenceTypes: batch.config.evidenceTypes.map((t) => ({ ...t, maxMb: limits[t.key] ?? t.maxMb })),
    });

    const refused = await admin.put(`${base}/2023`, {
      version: batch.version,
      label: batch.label,
      config: withLimits({ business_license: 0, other: 1025 }),
    });
    expect(refused.statusCode, refused.body).toBe(422);
    const index = (key: string) => batch.config.evidenceTypes.findIndex((t) => t.key === key);
    expect(refused.json()).toMatchObject({
      code: 'BATCH_INVALID',
      errors: [
        {
          field: `config.evidenceTypes.${index('business_license')}.maxMb`,
          message: '证明材料“营业执照（副本）”：大小上限须为 1～1024 之间的整数（MB）',
        },
        {
          field: `config.evidenceTypes.${index('other')}.maxMb`,
          message: '证明材料“其他证明材料”：大小上限须为 1～1024 之间的整数（MB）',
        },
      ],
    });

    const saved = await admin.put(`${base}/2023`, {
      version: batch.version,
      label: batch.label,
      config: withLimits({ business_license: 5, other: 1024 }),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const reread = (await admin.get(`${base}/2023`)).json<AdminBatchView>().config.evidenceTypes;
    expect(reread.find((t) => t.key === 'business_license')?.maxMb).toBe(5);
    expect(reread.find((t) => t.key === 'other')?.maxMb).toBe(1024);
  });

  it('refuses a limit change of a published batch as a wording correction, naming the field', async () => {
    const published = (await admin.get(`${base}/2022`)).json<AdminBatchView>();
    expect(published.status).toBe('published');
    const res = await admin.post(`${base}/2022/wording`, {
      version: published.version,
      label: published.label,
      config: {
        ...published.config,
        evidenceTypes: published.config.evidenceTypes.map((t, i) => (i === 0 ? { ...t, maxMb: t.maxMb * 2 } : t)),
      },
      summary: '放宽营业执照的大小上限',
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'BATCH_PUBLISHED',
      errors: [
        {
          field: 'config.evidenceTypes.0.maxMb',
          message: '证明材料类型：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字',
        },
      ],
    });
    expect((await admin.get(`${base}/2022`)).json<AdminBatchView>()).toEqual(published);
  });
});

describe('reusing last year’s files', () => {
  it('neither offers nor confirms a file larger than this year’s limit of its type', async () => {
    const { client, id: earlier } = await newDraft();
    await fillCompletely(client, earlier);
    expect((await client.patch(`/api/v1/applications/${earlier}`, { platformName: '尺寸测试平台' })).statusCode).toBe(
      200,
    );
    const big = await upload(client, earlier, 'other', '其他.pdf', pdfOf(1.5 * MB));
    expect(big.statusCode, big.body).toBe(201);
    const submitted = await client.post(`/api/v1/applications/${earlier}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);

    const demo = (await app.ctx.references.listBatches()).find((b) => b.isDemo)!;
    const later = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();
    await app.ctx.references.insertBatch(
      {
        id: '2023-open',
        year: 2023,
        isDemo: false,
        label: '2023年度省级中小企业公共服务示范平台申报',
        config: {
          ...demo.config,
          applicationDeadline: later(60),
          cityDeadline: later(75),
          evidenceTypes: demo.config.evidenceTypes.map((t) => (t.key === 'other' ? { ...t, maxMb: 1 } : t)),
        },
      },
      clock.now(),
    );
    const copy = await client.post('/api/v1/my/application/copy', { fromApplicationId: earlier });
    expect(copy.statusCode, copy.body).toBe(201);
    const current = copy.json<{ id: string }>().id;

    const home = (await client.get('/api/v1/my/applications')).json<MyApplications>();
    const offered = home.previousEvidence.map((f) => f.evidenceType);
    expect(offered).toContain('business_license');
    expect(offered).not.toContain('other');

    const refused = await client.post(`/api/v1/applications/${current}/evidence/previous/${big.json().id}`);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toEqual({
      code: 'VALIDATION_FAILED',
      message: '其他证明材料：文件超过 1 MB 的大小限制，请重新上传',
      errors: [{ field: 'fileId', message: '其他证明材料：文件超过 1 MB 的大小限制，请重新上传' }],
    });
    expect(await rowsOf(current)).toEqual([]);

    const licence = home.previousEvidence.find((f) => f.evidenceType === 'business_license')!;
    const confirmed = await client.post(`/api/v1/applications/${current}/evidence/previous/${licence.id}`);
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });
});
