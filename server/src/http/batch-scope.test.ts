import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationListItem, CityPackageView, ProvinceBoard, ReviewView } from '#contract';
import { fixedClock } from '../domain/clock.js';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const clock = fixedClock('2026-11-24T02:00:00Z');
const PUYANG = '410900';
const LATER = 'scope-2023';

let app: App;
let city: TestClient;
let province: TestClient;
/** The default (open) batch's four applications of 濮阳; `returning` is the unit that applies in both batches. */
let current: { id: string }[];
let returning: { id: string };
/** The same unit's application in the other batch. */
let again: { id: string };

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 1000, notifyIntervalSeconds: 0 } });
  city = await new TestClient(app).login('puyang');
  province = await new TestClient(app).login('province');
  current = [];
  for (let i = 0; i < 4; i++)
    current.push(await submittedApplication(app, PUYANG, { platformName: `濮阳本批平台${i + 1}` }));
  returning = current[0]!;
  const moved = await submittedApplication(app, PUYANG, { platformName: '濮阳下批平台' });

  // A second batch, open but with an earlier city deadline, so the default stays the first one.
  const base = (await app.ctx.references.listBatches()).find((b) => b.isDemo)!;
  await app.ctx.references.insertBatch(
    {
      id: LATER,
      year: 2023,
      isDemo: false,
      label: '2023年度测试批次',
      config: {
        ...base.config,
        title: '2023年度河南省中小企业公共服务示范平台',
        applicationDeadline: '2026-12-20T23:59:59+08:00',
        cityDeadline: '2026-12-31T23:59:59+08:00',
      },
    },
    clock.now(),
  );
  // The returning unit's application in the second batch, with the same USCC and unit as its first one.
  const unitId = (
    await app.ctx.db
      .selectFrom('applications')
      .select('unit_id')
      .where('id', '=', returning.id)
      .executeTakeFirstOrThrow()
  ).unit_id;
  await app.ctx.db
    .updateTable('applications')
    .set({ batch_id: LATER, unit_id: unitId })
    .where('id', '=', moved.id)
    .execute();
  again = moved;
});
afterAll(async () => app.close());

const list = async (c: TestClient, query = '') => {
  const res = await c.get(`/api/v1/applications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: ApplicationListItem[] }>().items.filter((i) => i.authorityCode === PUYANG);
};

describe('officials work in one batch at a time', () => {
  it('lists one batch (the open one by default), each unit once, with no duplicate flag across batches', async () => {
    const first = await list(city);
    expect(first.map((i) => i.id).sort()).toEqual(current.map((a) => a.id).sort());
    expect(first.every((i) => !i.duplicate)).toBe(true);

    const second = await list(city, `?batch=${LATER}`);
    expect(second.map((i) => i.id)).toEqual([again.id]);
    expect(second[0]).toMatchObject({ batchId: LATER, duplicate: false });
    expect((await list(province, `?batch=${LATER}`)).map((i) => i.id)).toEqual([again.id]);

    const unitNames = new Set(
      [...first, ...second].filter((i) => [returning.id, again.id].includes(i.id)).map((i) => i.uscc),
    );
    expect(unitNames.size).toBe(1);
  });

  it('shows no duplicate in the review of either application', async () => {
    for (const id of [returning.id, again.id]) {
      const res = await city.get(`/api/v1/applications/${id}/review`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<ReviewView>().duplicates).toEqual([]);
    }
  });

  it('counts the quota per batch: three recommended in one batch leave the other batch’s quota free', async () => {
    for (const a of current.slice(0, 3)) {
      await makeReadyForRecommendation(city, a.id);
      const res = await city.post(`/api/v1/applications/${a.id}/recommendation`, { channel: 'quota' });
      expect(res.statusCode, res.body).toBe(200);
    }
    await makeReadyForRecommendation(city, current[3]!.id);
    const full = await city.post(`/api/v1/applications/${current[3]!.id}/recommendation`, { channel: 'quota' });
    expect(full.statusCode).toBe(409);

    await makeReadyForRecommendation(city, again.id);
    const res = await city.post(`/api/v1/applications/${again.id}/recommendation`, { channel: 'quota' });
    expect(res.statusCode, res.body).toBe(200);

    const own = (await city.get('/api/v1/city/package')).json<CityPackageView>();
    expect(own.quota).toEqual({ limit: 3, used: 3 });
    const later = (await city.get(`/api/v1/city/package?batch=${LATER}`)).json<CityPackageView>();
    expect(later).toMatchObject({ batchId: LATER, quota: { limit: 3, used: 1 } });
    expect(later.recommended.map((r) => r.applicationId)).toEqual([again.id]);
  });

  it('keeps the board, the package and the summary table of the other batch to its own applications', async () => {
    const board = (await province.get(`/api/v1/province/board?batch=${LATER}`)).json<ProvinceBoard>();
    expect(board.batch).toMatchObject({ id: LATER, label: '2023年度测试批次' });
    expect(board.cities.find((c) => c.authorityCode === PUYANG)).toMatchObject({
      counts: { quota: 1, designated_area: 0, lab: 0 },
      quota: { limit: 3, used: 1 },
    });
    expect(board.duplicates).toEqual([]);
    const defaultBoard = (await province.get('/api/v1/province/board')).json<ProvinceBoard>();
    expect(defaultBoard.batch.id).not.toBe(LATER);
    expect(defaultBoard.cities.find((c) => c.authorityCode === PUYANG)!.counts.quota).toBe(3);

    const pkg = await province.get(`/api/v1/packages/${PUYANG}?batch=${LATER}`);
    expect(pkg.statusCode, pkg.body).toBe(200);
    expect(pkg.json<CityPackageView>().recommended.map((r) => r.platformName)).toEqual(['濮阳下批平台']);

    const platformsIn = async (url: string) => {
      const res = await province.get(url);
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('汇总表')!;
      const names: string[] = [];
      ws.eachRow((row) => {
        const cells = (row.values as unknown[]).slice(1).map(String);
        names.push(...cells.filter((v) => /^濮阳.批平台/.test(v)));
      });
      return names;
    };
    expect(await platformsIn(`/api/v1/packages/${PUYANG}/summary.xlsx?batch=${LATER}`)).toEqual(['濮阳下批平台']);
    expect(await platformsIn(`/api/v1/province/summary.xlsx?batch=${LATER}`)).toEqual(['濮阳下批平台']);
    expect((await platformsIn('/api/v1/province/summary.xlsx')).sort()).toEqual([
      '濮阳本批平台1',
      '濮阳本批平台2',
      '濮阳本批平台3',
    ]);
  });

  it('answers 404 for a batch that does not exist', async () => {
    for (const [c, url] of [
      [city, '/api/v1/applications?batch=unknown'],
      [city, '/api/v1/city/package?batch=unknown'],
      [province, '/api/v1/province/board?batch=unknown'],
      [province, `/api/v1/packages/${PUYANG}/summary.xlsx?batch=unknown`],
    ] as const) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: 'BATCH_NOT_FOUND', message: '申报批次不存在' });
    }
  });
});
