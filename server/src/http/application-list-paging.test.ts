import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationListPage } from '#contract';
import { submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const LUOYANG = '410300';
let app: App;
let city: TestClient;
let ids: string[];

beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  city = await new TestClient(app).login('luoyang');
  ids = [];
  for (let i = 0; i < 24; i++) ids.push((await submittedApplication(app, LUOYANG)).id);
}, 120_000);
afterAll(() => app.close());

const pageOf = async (query: string) => {
  const res = await city.get(`/api/v1/applications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ApplicationListPage>();
};

describe('the officials’ list is paged on the server', () => {
  it('sends 20 by default, the rest on the next page, newest first, with the total and the new count of all', async () => {
    const first = await pageOf('');
    const total = first.total;
    expect(total).toBeGreaterThanOrEqual(24);
    expect(first).toMatchObject({ page: 1, pageSize: 20, newCount: total });
    expect(first.items).toHaveLength(20);
    const second = await pageOf('?page=2');
    expect(second.items).toHaveLength(total - 20);
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(total);
    expect(all.map((i) => i.submittedAt)).toEqual([...all.map((i) => i.submittedAt)].sort().reverse());
    for (const id of ids) expect(all.map((i) => i.id)).toContain(id);
    expect((await pageOf('?page=9')).items).toEqual([]);
  });

  it('counts what is new over every page once some were opened', async () => {
    const opened = (await pageOf('?pageSize=5')).items.slice(0, 3);
    for (const item of opened) expect((await city.get(`/api/v1/applications/${item.id}/review`)).statusCode).toBe(200);
    const after = await pageOf('?pageSize=100');
    expect(after.newCount).toBe(after.total - 3);
    expect(after.items.filter((i) => i.isNew)).toHaveLength(after.total - 3);
  });

  it('filters before it pages: a search that matches one gives a total of one', async () => {
    const one = (await pageOf('?pageSize=1')).items[0]!;
    const found = await pageOf(`?q=${encodeURIComponent(one.platformName)}`);
    expect(found.total).toBe(1);
    expect(found.items.map((i) => i.id)).toEqual([one.id]);
  });

  it.each([
    ['?pageSize=101', 'pageSize', '每页条数须在1至100之间'],
    ['?pageSize=0', 'pageSize', '每页条数须在1至100之间'],
    ['?page=0', 'page', '页码须从1开始'],
    ['?page=abc', 'page', '页码须为数字'],
  ])('refuses %s in words naming the field', async (query, field, message) => {
    const res = await city.get(`/api/v1/applications${query}`);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain(field);
    expect(JSON.stringify(res.json())).toContain(message);
  });
});
