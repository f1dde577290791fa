import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationListItem, ApplicationListPage } from '#contract';
import { registerUnit, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/**
 * The officials' list filters, searches, sorts and counts in the database: a batch of 南阳 (no demo applications)
 * with known names, categories, a second channel, a returned one and two that share a platform name.
 */
const NANYANG = '411300';
let app: App;
let city: TestClient;
let province: TestClient;
const seeded: { id: string; username: string; platformName: string; categories: string[] }[] = [];

const plans = [
  { platformName: '丙_服务平台', categories: ['信息服务'] },
  { platformName: '甲100%服务平台', categories: ['融资服务'] },
  { platformName: '乙服务平台', categories: ['信息服务', '融资服务'] },
  { platformName: '丁服务平台', categories: ['技术服务'] },
  { platformName: '戊服务平台', categories: ['信息服务'] },
  { platformName: '戊 服务平台', categories: ['培训服务'] },
];

beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  city = await new TestClient(app).login('nanyang');
  province = await new TestClient(app).login('province');
  for (const plan of plans) {
    const { id, username } = await submittedApplication(app, NANYANG, plan);
    seeded.push({ id, username, ...plan });
  }
  // One submitted through another channel, one returned to its applicant (states the list only reads).
  await app.ctx.db.updateTable('applications').set({ channel: 'lab' }).where('id', '=', seeded[3]!.id).execute();
  await app.ctx.db.updateTable('applications').set({ status: 'returned' }).where('id', '=', seeded[4]!.id).execute();
}, 180_000);
afterAll(() => app.close());

const pageOf = async (query: string, client = city) => {
  const res = await client.get(`/api/v1/applications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ApplicationListPage>();
};
const idsOf = (page: ApplicationListPage) => page.items.map((i) => i.id);
const seededIds = (...indexes: number[]) => indexes.map((i) => seeded[i]!.id);

describe('the officials’ list in SQL', () => {
  it('searches the platform name, the unit name and the USCC (in any case), wildcards taken literally', async () => {
    expect(idsOf(await pageOf(`?q=${encodeURIComponent('乙服务')}`))).toEqual(seededIds(2));
    expect(idsOf(await pageOf(`?q=${encodeURIComponent('100%')}`))).toEqual(seededIds(1));
    expect(idsOf(await pageOf(`?q=${encodeURIComponent('_服务')}`))).toEqual(seededIds(0));
    expect((await pageOf(`?q=${encodeURIComponent('%')}`)).total).toBe(1);
    const one = (await pageOf('?pageSize=100')).items.find((i) => i.id === seeded[3]!.id)!;
    expect(idsOf(await pageOf(`?q=${encodeURIComponent(one.unitName)}`))).toEqual([one.id]);
    expect(idsOf(await pageOf(`?q=${one.uscc.slice(-8).toLowerCase()}`))).toEqual([one.id]);
    expect((await pageOf(`?q=${encodeURIComponent('不存在的平台')}`)).total).toBe(0);
  });

  it('filters by category (one of several) and channel', async () => {
    const info = await pageOf(`?category=${encodeURIComponent('信息服务')}&sort=platformName`);
    expect(new Set(idsOf(info))).toEqual(new Set(seededIds(0, 2, 4)));
    expect(info.total).toBe(3);
    expect(new Set(idsOf(await pageOf(`?category=${encodeURIComponent('融资服务')}`)))).toEqual(
      new Set(seededIds(1, 2)),
    );
    expect((await pageOf(`?category=${encodeURIComponent('信息')}`)).total).toBe(0);
    const lab = await pageOf('?channel=lab');
    expect(idsOf(lab)).toEqual(seededIds(3));
    expect((await pageOf('?channel=quota')).total).toBe(5);
  });

  it('counts per status over the other filters, and the total and new count of the status chosen', async () => {
    const all = await pageOf('');
    expect(all).toMatchObject({ total: 6, newCount: 6, statusCounts: { submitted: 5, returned: 1 } });
    const returned = await pageOf('?status=returned');
    expect(returned).toMatchObject({ total: 1, newCount: 1, statusCounts: { submitted: 5, returned: 1 } });
    expect(idsOf(returned)).toEqual(seededIds(4));
    const info = await pageOf(`?category=${encodeURIComponent('信息服务')}`);
    expect(info.statusCounts).toEqual({ submitted: 2, returned: 1 });
    expect((await pageOf('?status=recommended')).total).toBe(0);
  });

  it('sorts by each column in both directions, pages without gaps or repeats, ties broken by id', async () => {
    const keys: [string, (i: ApplicationListItem) => string][] = [
      ['unitName', (i) => i.unitName],
      ['platformName', (i) => i.platformName],
      ['submittedAt', (i) => i.submittedAt!],
    ];
    for (const [sort, key] of keys) {
      const asc = (await pageOf(`?sort=${sort}&order=asc`)).items;
      expect(asc.map(key)).toEqual(asc.map(key).sort());
      const desc = (await pageOf(`?sort=${sort}&order=desc`)).items;
      expect(desc.map(key)).toEqual(desc.map(key).sort().reverse());
      const paged = [];
      for (let page = 1; page <= 3; page++) paged.push(...idsOf(await pageOf(`?sort=${sort}&pageSize=2&page=${page}`)));
      expect(paged).toEqual(idsOf(await pageOf(`?sort=${sort}`)));
    }
    expect((await pageOf('')).items.map((i) => i.id)).toEqual(
      (await pageOf('?sort=submittedAt&order=desc')).items.map((i) => i.id),
    );
    // By status in the statuses' own order: submitted before returned, and the other way round.
    expect((await pageOf('?sort=status')).items.map((i) => i.status).at(-1)).toBe('returned');
    expect((await pageOf('?sort=status&order=desc')).items[0]!.status).toBe('returned');
    const byStatus = (await pageOf('?sort=status')).items.filter((i) => i.status === 'submitted').map((i) => i.id);
    expect(byStatus).toEqual([...byStatus].sort());
  });

  it('sorts the province’s list by authority', async () => {
    const items = (await pageOf('?sort=authority&pageSize=100', province)).items;
    const names = [...new Set(items.map((i) => i.authorityName))];
    expect(names.length).toBeGreaterThan(1);
    // Each authority's applications together, in the authorities' order.
    expect(items.map((i) => names.indexOf(i.authorityName))).toEqual(
      items.map((i) => names.indexOf(i.authorityName)).sort((a, b) => a - b),
    );
    const reversed = (await pageOf('?sort=authority&order=desc&pageSize=100', province)).items;
    expect(reversed[0]!.authorityName).toBe(names.at(-1));
  });

  it('flags the page’s duplicates (the same platform name once normalised) and no others', async () => {
    const items = (await pageOf('?pageSize=100')).items;
    expect(
      items
        .filter((i) => i.duplicate)
        .map((i) => i.id)
        .sort(),
    ).toEqual(seededIds(4, 5).sort());
    const onePage = await pageOf(`?q=${encodeURIComponent('戊 服务')}`);
    expect(onePage.items.map((i) => [i.id, i.duplicate])).toEqual([[seeded[5]!.id, true]]);
  });

  it('refuses an unknown sort or direction in words', async () => {
    const bad = await city.get('/api/v1/applications?sort=form');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('排序字段不正确');
    const badOrder = await city.get('/api/v1/applications?order=up');
    expect(badOrder.statusCode).toBe(400);
    expect(badOrder.body).toContain('排序方向须为 asc 或 desc');
  });

  it('counts as new only what was submitted since this official last opened it', async () => {
    expect((await city.get(`/api/v1/applications/${seeded[0]!.id}/review`)).statusCode).toBe(200);
    const after = await pageOf('');
    expect(after.newCount).toBe(5);
    expect(after.items.find((i) => i.id === seeded[0]!.id)!.isNew).toBe(false);
    // Another official's views are their own.
    expect((await pageOf(`?authorityCode=${NANYANG}`, province)).newCount).toBe(6);
  });
});

describe('the list’s columns follow every form save', () => {
  it('writes channel, categories and platform name with the draft', async () => {
    const { client, id } = await registerUnit(app, 990_001, NANYANG);
    const read = () =>
      app.ctx.db
        .selectFrom('applications')
        .select(['channel', 'categories', 'platform_name'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect(await read()).toEqual({ channel: 'quota', categories: '', platform_name: '' });
    const saved = await client.patch(`/api/v1/applications/${id}`, {
      platformName: '新平台',
      categories: ['信息服务', '人才服务'],
      channel: 'lab',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await read()).toEqual({ channel: 'lab', categories: ',信息服务,人才服务,', platform_name: '新平台' });
    expect((await client.patch(`/api/v1/applications/${id}`, { categories: [] })).statusCode).toBe(200);
    expect(await read()).toMatchObject({ categories: '' });
  });
});
