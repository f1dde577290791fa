import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type {
  AdminBatchView,
  ApplicationListItem,
  OneTimePasswordView,
  PackageArchiveInfo,
  ProvinceBoard,
} from '#contract';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { remindDeadlines } from '../use-cases/deliver-notifications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const HKQ = '410100-HKQ';
const HKQ_NAME = '郑州航空港经济综合实验区';
const ZHENGZHOU = '410100';
const DAY = 86_400_000;

let app: App;
let province: TestClient;
let zhengzhou: TestClient;
let airport: TestClient;
/** Submitted by a 航空港区 unit in the open 2022 demo batch, which routes 航空港区 through 郑州. */
let via2022: { id: string };
/** Submitted by 航空港区 units in the 2023 batch, which routes 航空港区 directly. */
let direct: { id: string }[];
/** Submitted by a 郑州 unit in the 2023 batch. */
let ofZhengzhou: { id: string };

function zipNames(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const names: string[] = [];
      file.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        file.readEntry();
      });
      file.on('end', () => resolve(names));
      file.readEntry();
    });
  });
}

/** The system administrator copies 2022 into 2023, routes 航空港区 directly with a quota of 1, and publishes it. */
async function publish2023RoutedDirectly(admin: TestClient): Promise<void> {
  const created = await admin.post('/api/v1/admin/batches', { fromBatchId: '2022', year: 2023 });
  expect(created.statusCode, created.body).toBe(201);
  const copy = created.json<AdminBatchView>();
  const now = Date.now();
  const updated = await admin.put('/api/v1/admin/batches/2023', {
    version: copy.version,
    label: copy.label,
    config: {
      ...copy.config,
      // The fixture roster serves enterprises in 2021: its 上年末 stays 2021-12-31.
      assetsAsOf: '2021-12-31',
      applicationDeadline: new Date(now + 30 * DAY).toISOString(),
      cityDeadline: new Date(now + 45 * DAY).toISOString(),
      quota: { default: 3, byAuthority: { [ZHENGZHOU]: 5, [HKQ]: 1 } },
      routing: { [HKQ]: HKQ },
    },
  });
  expect(updated.statusCode, updated.body).toBe(200);
  const published = await admin.post('/api/v1/admin/batches/2023/publish', {
    version: updated.json<AdminBatchView>().version,
  });
  expect(published.statusCode, published.body).toBe(200);
}

/** The system administrator creates the 航空港区 official's account; its owner signs in and sets a password. */
async function airportOfficial(admin: TestClient): Promise<TestClient> {
  const res = await admin.post('/api/v1/admin/accounts', {
    username: 'hkq-official',
    displayName: '航空港区经济发展局 王科长',
    role: 'city',
    authorityCode: HKQ,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { account, oneTimePassword } = res.json<OneTimePasswordView>();
  const owner = await new TestClient(app).login(account.username, oneTimePassword);
  const changed = await owner.post('/api/v1/account/password', {
    oldPassword: oneTimePassword,
    newPassword: 'Hangkonggang@2023',
  });
  expect(changed.statusCode, changed.body).toBe(204);
  return owner;
}

const listOf = async (client: TestClient, batch: string) => {
  const res = await client.get(`/api/v1/applications?batch=${batch}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: ApplicationListItem[] }>().items;
};

const boardOf = async (batch: string) => {
  const res = await province.get(`/api/v1/province/board?batch=${batch}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ProvinceBoard>();
};

beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  province = await new TestClient(app).login('province');
  zhengzhou = await new TestClient(app).login('zhengzhou');
  via2022 = await submittedApplication(app, HKQ, { platformName: '航空港区经郑州推荐平台' });
  const admin = await new TestClient(app).login('sysadmin');
  await publish2023RoutedDirectly(admin);
  airport = await airportOfficial(admin);
  direct = [
    await submittedApplication(app, HKQ, { platformName: '航空港区直报平台甲' }),
    await submittedApplication(app, HKQ, { platformName: '航空港区直报平台乙' }),
  ];
  ofZhengzhou = await submittedApplication(app, ZHENGZHOU, { platformName: '郑州市区平台' });
}, 120_000);
afterAll(() => app.close());

describe('a batch that routes 航空港区 directly', () => {
  it('offers 航空港区 as an authority, after the 18 cities', async () => {
    const res = await new TestClient(app).get('/api/v1/reference');
    expect(res.statusCode, res.body).toBe(200);
    const { authorities, regions } = res.json<{
      authorities: { code: string; name: string }[];
      regions: { code: string; authorityCode: string }[];
    }>();
    expect(authorities).toHaveLength(19);
    expect(authorities.at(-1)).toEqual({ code: HKQ, name: HKQ_NAME });
    expect(regions.find((r) => r.code === HKQ)!.authorityCode).toBe(ZHENGZHOU);
  });

  it('sends a 航空港区 unit’s application to the 航空港区 official, never to 郑州', async () => {
    const mine = await listOf(airport, '2023');
    expect(mine.map((a) => a.id).sort()).toEqual(direct.map((a) => a.id).sort());
    expect(mine.every((a) => a.authorityCode === HKQ && a.authorityName === HKQ_NAME)).toBe(true);

    const zz = await listOf(zhengzhou, '2023');
    expect(zz.map((a) => a.id)).toEqual([ofZhengzhou.id]);
    for (const { id } of direct) {
      expect((await zhengzhou.get(`/api/v1/applications/${id}/review`)).statusCode).toBe(403);
      expect((await airport.get(`/api/v1/applications/${id}/review`)).statusCode).toBe(200);
    }
    expect((await airport.get(`/api/v1/applications/${ofZhengzhou.id}/review`)).statusCode).toBe(403);
  });

  it('lists the 19 recommending authorities on the board, 航空港区 with its own quota', async () => {
    const board = await boardOf('2023');
    expect(board.cities).toHaveLength(19);
    expect(board.cities.at(-1)).toMatchObject({ authorityCode: HKQ, name: HKQ_NAME, quota: { limit: 1, used: 0 } });
    expect(board.cities.find((c) => c.authorityCode === ZHENGZHOU)!.quota).toEqual({ limit: 5, used: 0 });
    expect(board.cities.find((c) => c.authorityCode === '410300')!.quota.limit).toBe(3);
  });

  it('of two recommendations at once against 航空港区’s quota of 1, lets one through, the other 409', async () => {
    for (const { id } of direct)
      await makeReadyForRecommendation(airport, id, {
        dates: { siteCheck: '2023-12-01', interview: '2023-12-02', opinion: '2023-12-05' },
      });
    const answers = await Promise.all(
      direct.map(({ id }) => airport.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const board = await boardOf('2023');
    expect(board.cities.find((c) => c.authorityCode === HKQ)).toMatchObject({
      quota: { limit: 1, used: 1 },
      counts: { quota: 1, designated_area: 0, lab: 0 },
    });
    expect(board.cities.find((c) => c.authorityCode === ZHENGZHOU)!.quota.used).toBe(0);
  });

  it('puts 航空港区 in the province’s 汇总表 and 刻盘 package as a recommending authority of its own', async () => {
    const summary = await province.get('/api/v1/province/summary.xlsx?batch=2023');
    expect(summary.statusCode, summary.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(summary.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.getWorksheet('汇总表')!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.some((text) => text.includes('航空港区直报平台'))).toBe(true);
    expect(cells).toContain(`${HKQ_NAME}推荐名额`);

    const info = await province.get('/api/v1/province/archive?batch=2023');
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json<PackageArchiveInfo>()).toMatchObject({ cities: 1, platforms: 1 });
    const zip = await province.get('/api/v1/province/archive.zip?batch=2023');
    expect(zip.statusCode, zip.body).toBe(200);
    const folders = new Set((await zipNames(zip.rawPayload)).map((n) => n.split('/')[0]));
    expect(folders).toContain(HKQ_NAME);

    const pkg = await province.get(`/api/v1/packages/${HKQ}?batch=2023`);
    expect(pkg.statusCode, pkg.body).toBe(200);
    expect(pkg.json()).toMatchObject({ authorityCode: HKQ, authorityName: HKQ_NAME, quota: { limit: 1, used: 1 } });
    expect((await airport.get(`/api/v1/packages/${HKQ}/summary.xlsx?batch=2023`)).statusCode).toBe(200);
    expect((await zhengzhou.get(`/api/v1/packages/${HKQ}/summary.xlsx?batch=2023`)).statusCode).toBe(403);
  });
});

describe('the 2022 batches, which route 航空港区 through 郑州', () => {
  it('sent the 航空港区 application to 郑州, and the board lists the 18 cities without 航空港区', async () => {
    const zz = await listOf(zhengzhou, '2022-demo');
    expect(zz.find((a) => a.id === via2022.id)).toMatchObject({
      authorityCode: ZHENGZHOU,
      regionName: expect.stringContaining('航空港区'),
    });
    for (const batch of ['2022', '2022-demo']) {
      const board = await boardOf(batch);
      expect(board.cities).toHaveLength(18);
      expect(board.cities.map((c) => c.authorityCode)).not.toContain(HKQ);
    }
  });

  it('reminds the 航空港区 official of the 2023 city deadline only, 郑州’s of both batches', async () => {
    const open = (await app.ctx.references.listBatches())
      .map((b) => Date.parse(b.config.cityDeadline))
      .filter((deadline) => deadline > Date.now());
    expect(open).toHaveLength(2);
    const justBefore = new Date(Math.min(...open) - 60_000);
    await remindDeadlines({ ...app.ctx, clock: { now: () => justBefore } });
    const batchesReminded = async (username: string) => {
      const user = (await app.ctx.users.findByUsername(username))!;
      const rows = await app.ctx.db
        .selectFrom('notifications')
        .select('dedupe_key')
        .where('user_id', '=', user.id)
        .where('dedupe_key', 'like', 'reminder:city:%')
        .execute();
      return rows.map((r) => r.dedupe_key.split(':')[2]).sort();
    };
    expect(await batchesReminded('hkq-official')).toEqual(['2023']);
    expect(await batchesReminded('zhengzhou')).toEqual(['2022-demo', '2023']);
  });

  it('shows the 航空港区 official an empty list there, never 郑州’s applications', async () => {
    expect(await listOf(airport, '2022-demo')).toEqual([]);
    expect((await airport.get(`/api/v1/applications/${via2022.id}/review`)).statusCode).toBe(403);
    expect((await airport.get(`/api/v1/applications?batch=2022-demo&authorityCode=${ZHENGZHOU}`)).json()).toMatchObject(
      { items: [], total: 0 },
    );
  });

  it('has no package of 航空港区 there: its package, the province’s view of it and a deadline exception are 404 in words', async () => {
    const own = await airport.get('/api/v1/city/package?batch=2022-demo');
    expect(own.statusCode).toBe(404);
    expect(own.json().message).toMatch(/^郑州航空港经济综合实验区在.+中不推荐平台（其区域由其他主管部门推荐）$/);
    expect((await province.get(`/api/v1/packages/${HKQ}?batch=2022-demo`)).statusCode).toBe(404);
    const exception = await province.post(`/api/v1/packages/${HKQ}/exception?batch=2022-demo`, {
      reason: '系统故障顺延',
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(exception.statusCode, exception.body).toBe(404);
    expect((await airport.get('/api/v1/city/package?batch=2023')).statusCode).toBe(200);
  });
});
