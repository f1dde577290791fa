import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogPage } from '#contract';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/**
 * The audit log is paged and filtered by the database: 130 entries of a test action written at known instants
 * around midnight in Beijing, by two actors on three targets.
 */
let app: App;
let province: TestClient;
const ACTION = 'test.paging';

beforeAll(async () => {
  app = await createTestApp();
  province = await new TestClient(app).login('province');
  const start = Date.parse('2026-11-20T12:00:00Z');
  for (let i = 0; i < 130; i++)
    await app.ctx.audit.record(
      {
        actorUserId: null,
        actorName: i % 2 === 0 ? 'alice' : 'bob',
        ip: '127.0.0.1',
        action: ACTION,
        targetType: 'application',
        targetId: `target-${i % 3}`,
        detail: { i },
      },
      // One an hour: 2026-11-20 20:00 to 2026-11-26 05:00 Beijing time.
      new Date(start + i * 3600_000),
    );
}, 60_000);
afterAll(() => app.close());

const pageOf = async (query: string) => {
  const res = await province.get(`/api/v1/audit-log?action=${ACTION}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditLogPage>();
};
const numbers = (page: AuditLogPage) => page.items.map((e) => (e.detail as { i: number }).i);

describe('the audit log pages on the server', () => {
  it('sends 50 newest first by default, the next ones on the next pages, with the total', async () => {
    const first = await pageOf('');
    expect(first).toMatchObject({ total: 130, page: 1, pageSize: 50 });
    expect(numbers(first)).toEqual(Array.from({ length: 50 }, (_v, k) => 129 - k));
    const third = await pageOf('&page=3');
    expect(numbers(third)).toEqual(Array.from({ length: 30 }, (_v, k) => 29 - k));
    expect((await pageOf('&page=4')).items).toEqual([]);
    const seqs = [...first.items, ...(await pageOf('&page=2')).items, ...third.items].map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('filters by actor and target, each counted over all pages', async () => {
    const alice = await pageOf('&actor=alice&pageSize=100');
    expect(alice.total).toBe(65);
    expect(alice.items.every((e) => e.actorName === 'alice')).toBe(true);
    const target = await pageOf('&targetId=target-1&actor=bob');
    expect(target.total).toBe(22);
    expect(numbers(target).every((i) => i % 3 === 1 && i % 2 === 1)).toBe(true);
    expect((await pageOf('&actor=ali')).total).toBe(0);
  });

  it('filters by days in Beijing time, both ends included', async () => {
    // 2026-11-21 Beijing time is 2026-11-20T16:00Z to 2026-11-21T16:00Z: entries 4 … 27.
    const day = await pageOf('&from=2026-11-21&to=2026-11-21');
    expect(day.total).toBe(24);
    expect(Math.min(...numbers(day))).toBe(4);
    expect(Math.max(...numbers(day))).toBe(27);
    expect((await pageOf('&from=2026-11-25')).total).toBe(130 - 100);
    expect((await pageOf('&to=2026-11-20')).total).toBe(4);
  });

  it('reads every action when none is named', async () => {
    const res = await province.get('/api/v1/audit-log?pageSize=100&page=2');
    expect(res.statusCode).toBe(200);
    expect(res.json<AuditLogPage>().total).toBeGreaterThan(130);
  });

  it.each([
    ['&pageSize=101', '每页条数须在1至100之间'],
    ['&page=0', '页码须从1开始'],
    ['&from=2026-02-30', '不是有效的日历日期'],
  ])('refuses %s in words', async (query, message) => {
    const res = await province.get(`/api/v1/audit-log?action=${ACTION}${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
  });
});
