import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, EvidenceFileView, MyApplications } from '#contract';
import { submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import type { TestClient } from '../../test-support/http.js';
import { fixedClock } from '../domain/clock.js';
import { sweepFiles } from '../use-cases/sweep-files.js';
import type { App } from './app.js';

/**
 * A unit that submitted in 2022 and a new 2023 batch, open and with other rules: assets and staff
 * thresholds raised, 融资服务 no longer a category, 收费标准 (fee_policy) no longer asked for and the
 * assets report accepted as PDF only.
 */
const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let client: TestClient;
let id2022 = '';
let before2022 = '';
const BATCH_2023 = '2023';

const home = async (): Promise<MyApplications> => {
  const res = await client.get('/api/v1/my/applications');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MyApplications>();
};
const view2022 = async () => (await client.get(`/api/v1/applications/${id2022}`)).body;
const rowsOf = (applicationId: string) =>
  app.ctx.db.selectFrom('evidence_files').selectAll().where('application_id', '=', applicationId).execute();

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 1000, scrubIntervalSeconds: 0 } });
  const unit = await submittedApplication(app, '410300', { categories: ['信息服务', '融资服务'] });
  client = unit.client;
  id2022 = unit.id;
  before2022 = await view2022();
  const y2022 = (await app.ctx.references.listBatches()).find((b) => b.id.startsWith('2022') && b.isDemo)!;
  const later = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();
  await app.ctx.references.insertBatch(
    {
      id: BATCH_2023,
      year: 2023,
      isDemo: false,
      label: '2023年度省级中小企业公共服务示范平台申报',
      config: {
        ...y2022.config,
        title: '2023年度河南省中小企业公共服务示范平台认定',
        applicationDeadline: later(60),
        cityDeadline: later(75),
        rules: { ...y2022.config.rules, minAssetsWan: 300, minServiceStaff: 25 },
        categories: y2022.config.categories.filter((c) => c !== '融资服务'),
        evidenceTypes: y2022.config.evidenceTypes
          .filter((t) => t.key !== 'fee_policy')
          .map((t) => (t.key === 'assets_report' ? { ...t, accepts: ['pdf'] } : t)),
      },
    },
    clock.now(),
  );
});
afterAll(() => app.close());

describe('starting 2023 from the 2022 application', () => {
  it('shows the open batch with no application yet and offers the 2022 one; nothing is created', async () => {
    const h = await home();
    expect(h.current).toBeNull();
    expect(h.openBatch).toMatchObject({ id: BATCH_2023, year: 2023 });
    expect(h.startFrom).toMatchObject({ id: id2022, year: 2022, status: 'submitted', hasReceipt: true });
    expect(h.earlier.map((e) => e.id)).toEqual([id2022]);
    expect(h.previousEvidence).toEqual([]);
    const mine = await client.get('/api/v1/my/application');
    expect(mine.statusCode).toBe(409);
    expect(mine.json().code).toBe('START_CHOICE_REQUIRED');
    const unitId = (JSON.parse(before2022) as ApplicationView).unitId;
    expect((await app.ctx.applications.listByUnit(unitId)).map((a) => a.id)).toEqual([id2022]);
    expect((await client.get(`/api/v1/applications/${id2022}/receipt`)).statusCode).toBe(200);
  });

  it('copies in parallel into exactly one 2023 draft: unit facts and institutions, no figures, roster or evidence', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => client.post('/api/v1/my/application/copy', { fromApplicationId: id2022 })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'APPLICATION_EXISTS')).toBe(true);
    const copy = answers.find((a) => a.statusCode === 201)!.json<ApplicationView>();
    const original = JSON.parse(before2022) as ApplicationView;
    expect(copy).toMatchObject({ batchId: BATCH_2023, status: 'draft', version: 0, rosterCount: 0, evidence: [] });
    expect(copy.id).not.toBe(id2022);
    expect(copy.form).toMatchObject({
      platformName: original.form.platformName,
      address: original.form.address,
      registeredOn: original.form.registeredOn,
      contactPhone: original.form.contactPhone,
      categories: ['信息服务'],
    });
    expect(copy.form.totalAssetsWan ?? null).toBeNull();
    expect(copy.form.serviceStaff ?? null).toBeNull();
    expect(copy.form.preferentialSharePercent ?? null).toBeNull();
    expect(copy.institutions.map((i) => [i.name, i.uscc, i.agreementFileId])).toEqual(
      original.institutions.map((i) => [i.name, i.uscc, null]),
    );
    expect((await app.ctx.applications.listByUnit(copy.unitId)).length).toBe(2);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'application.copy')
      .execute();
    expect(audit.length).toBe(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ fromApplicationId: id2022, batchId: BATCH_2023 });

    const again = await client.post('/api/v1/my/application/copy', { fromApplicationId: id2022 });
    expect(again.statusCode).toBe(409);
    expect((await client.post('/api/v1/my/application')).statusCode).toBe(409);
    expect((await client.get('/api/v1/my/application')).json<ApplicationView>().id).toBe(copy.id);
  });

  it('judges the copy by 2023’s thresholds: staff enough for 2022 is short of 2023’s 25', async () => {
    const { current } = await home();
    const saved = (
      await client.patch(`/api/v1/applications/${current!.id}`, { serviceStaff: 20, totalAssetsWan: 350 })
    ).json<ApplicationView>();
    expect(saved.eligibility.failures.map((f) => f.code)).toContain('STAFF_BELOW_MIN');
    expect(saved.eligibility.failures.map((f) => f.code)).not.toContain('ASSETS_BELOW_MIN');
    const original = JSON.parse(before2022) as ApplicationView;
    expect(original.form.serviceStaff).toBe(20);
    expect(original.eligibility.failures).toEqual([]);
  });

  it('offers each 2022 file whose type 2023 still asks for, and confirms one as a new row on the same blob', async () => {
    const h = await home();
    const current = h.current!;
    const offered = h.previousEvidence.map((f) => f.evidenceType).sort();
    expect(offered).toEqual(['application_report', 'assets_report', 'business_license', 'staff_list']);
    expect(h.startFrom).toBeNull();
    const license = h.previousEvidence.find((f) => f.evidenceType === 'business_license')!;

    const res = await client.post(`/api/v1/applications/${current.id}/evidence/previous/${license.id}`);
    expect(res.statusCode, res.body).toBe(201);
    const confirmed = res.json<EvidenceFileView>();
    expect(confirmed.id).not.toBe(license.id);
    const [source] = (await rowsOf(id2022)).filter((r) => r.id === license.id);
    const [copy] = await rowsOf(current.id);
    expect(copy).toMatchObject({
      id: confirmed.id,
      evidence_type: 'business_license',
      storage_key: source!.storage_key,
      sha256: source!.sha256,
      sm3: source!.sm3,
      crc32: source!.crc32,
    });
    expect(source!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(confirmed.sha256).toBe(source!.sha256);

    const twice = await client.post(`/api/v1/applications/${current.id}/evidence/previous/${license.id}`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('FILE_ALREADY_CONFIRMED');
    const fee = (await rowsOf(id2022)).find((r) => r.evidence_type === 'fee_policy')!;
    const refused = await client.post(`/api/v1/applications/${current.id}/evidence/previous/${fee.id}`);
    expect(refused.statusCode).toBe(400);
    expect((await home()).previousEvidence.map((f) => f.id)).not.toContain(license.id);
    const view = (await client.get(`/api/v1/applications/${current.id}`)).json<ApplicationView>();
    expect(view.evidence.map((e) => e.id)).toEqual([confirmed.id]);
    expect(view.incomplete.map((i) => i.field)).not.toContain('evidence.business_license');
  });

  it('deleting the 2023 row keeps the 2022 file downloadable, and the sweep keeps its blob', async () => {
    const { current } = await home();
    const [copy] = await rowsOf(current!.id);
    const deleted = await client.delete(`/api/v1/applications/${current!.id}/evidence/${copy!.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    // The sweep leaves blobs younger than an hour (by their time on disk): it runs two days ahead.
    const pinned = clock.now();
    clock.set(new Date(Date.now() + 2 * 86_400_000));
    const report = await sweepFiles(app.ctx);
    clock.set(pinned);
    expect(report.orphanBlobs).not.toContain(copy!.storage_key);
    const source = (await rowsOf(id2022)).find((r) => r.storage_key === copy!.storage_key)!;
    const download = await client.get(`/api/v1/applications/${id2022}/evidence/${source.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await app.ctx.blobs.sizeOf(copy!.storage_key)).toBe(Number(source.size_bytes));
  });

  it('left the 2022 application exactly as it was', async () => {
    expect(await view2022()).toBe(before2022);
    const h = await home();
    expect(h.earlier).toEqual([expect.objectContaining({ id: id2022, status: 'submitted' })]);
  });
});
