import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test-support/harness.js';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { TestClient } from '../../test-support/http.js';
import { testOnPostgres } from '../../test-support/postgres.js';
import { violates } from '../db/database.js';
import { AREA_KEY, SLOT_KEY } from '../repositories/recommendation-repository.js';
import type { App } from './app.js';

/** 南阳's quota in the 2022 batch. */
const NANYANG = '411300';
const LIMIT = 3;

let app: App;
let city: TestClient;
beforeAll(async () => {
  // 50 requests at once, each holding a connection through its transaction.
  app = await createTestApp({ config: { loginRateLimitPerMinute: 10_000, databasePoolMax: 50 } });
  city = await new TestClient(app).login('nanyang');
});
afterAll(async () => app.close());

async function readyApplications(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await submittedApplication(app, NANYANG);
    await makeReadyForRecommendation(city, id);
    ids.push(id);
  }
  return ids;
}

const recommend = (id: string) => city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' });

const slotsOf = async (ids: string[]) =>
  (
    await app.ctx.db
      .selectFrom('recommendations')
      .select(['application_id', 'quota_slot'])
      .where('application_id', 'in', ids)
      .execute()
  ).map((r) => r.quota_slot);

describe('the quota under concurrency', () => {
  it('50 recommendations at once with one slot taken: exactly the free slots are given, each once, the rest QUOTA_EXHAUSTED', async () => {
    const ids = await readyApplications(51);
    const first = ids[0]!;
    const racers = ids.slice(1);
    expect((await recommend(first)).statusCode).toBe(200);

    const results = await Promise.all(racers.map(recommend));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    const won = racers.filter((_, i) => codes[i] === 200);
    expect(won).toHaveLength(LIMIT - 1);
    expect(results.filter((r) => r.statusCode === 409 && r.json().code === 'QUOTA_EXHAUSTED')).toHaveLength(
      racers.length - won.length,
    );
    expect((await slotsOf(ids)).sort()).toEqual([1, 2, 3]);

    const audited = await app.ctx.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'application.recommend')
      .where('target_id', 'in', racers)
      .execute();
    expect(audited.map((a) => a.target_id).sort()).toEqual([...won].sort());
    const pkg = (await city.get('/api/v1/city/package')).json();
    expect(pkg.quota).toEqual({ limit: LIMIT, used: LIMIT });

    for (const id of ids.filter((id) => id !== first && !won.includes(id)))
      expect((await app.ctx.recommendations.find(id))?.quota_slot).toBeUndefined();
    for (const id of [first, ...won])
      expect((await city.delete(`/api/v1/applications/${id}/recommendation`)).statusCode).toBe(200);
  }, 300_000);

  it('tells a taken slot from a taken area by the constraint the database names', async () => {
    const [one, two] = (await readyApplications(2)) as [string, string];
    const { batch_id: batchId } = await app.ctx.db
      .selectFrom('applications')
      .select('batch_id')
      .where('id', '=', one)
      .executeTakeFirstOrThrow();
    const row = (id: string, slot: number | null, area: string | null) => ({
      application_id: id,
      batch_id: batchId,
      authority_code: NANYANG,
      channel: slot ? ('quota' as const) : ('designated_area' as const),
      designated_area_id: area,
      quota_slot: slot,
      recommended_by: '经办人',
      recommended_at: new Date().toISOString(),
    });
    const failure = (id: string, slot: number | null, area: string | null) =>
      app.ctx.db
        .insertInto('recommendations')
        .values(row(id, slot, area))
        .execute()
        .then(
          () => expect.unreachable('the duplicate was inserted'),
          (err: unknown) => err,
        );
    await app.ctx.db
      .insertInto('recommendations')
      .values(row(one, 3, 'nanyang-zhenping-jade'))
      .execute();
    try {
      const slotTaken = await failure(two, 3, null);
      expect([violates(slotTaken, SLOT_KEY), violates(slotTaken, AREA_KEY)]).toEqual([true, false]);
      const areaTaken = await failure(two, null, 'nanyang-zhenping-jade');
      expect([violates(areaTaken, SLOT_KEY), violates(areaTaken, AREA_KEY)]).toEqual([false, true]);
    } finally {
      await app.ctx.db.deleteFrom('recommendations').where('application_id', '=', one).execute();
    }
  });

  /**
   * A deterministic interleaving on PostgreSQL: another taker has moved its application and inserted slot 1 and not
   * yet committed, so the request reads slot 1 as free, picks it, and then waits — on the city's count row the
   * other's status change holds (application_counts), or on the unique index; both come after the read. Once the
   * other commits, the insert fails on the slot's constraint and the retry takes slot 2.
   */
  it.runIf(testOnPostgres)(
    'a taker that picked a slot another took meanwhile is recommended in the next free slot (the UNIQUE path)',
    async () => {
      const [other, mine] = (await readyApplications(2)) as [string, string];
      const { batch_id: batchId } = await app.ctx.db
        .selectFrom('applications')
        .select('batch_id')
        .where('id', '=', other)
        .executeTakeFirstOrThrow();
      const taker = new pg.Client({ connectionString: app.ctx.config.databaseUrl! });
      const watcher = new pg.Client({ connectionString: app.ctx.config.databaseUrl! });
      await taker.connect();
      await watcher.connect();
      try {
        await taker.query('begin');
        await taker.query(`update applications set status = 'recommended' where id = $1`, [other]);
        await taker.query(
          `insert into recommendations (application_id, batch_id, authority_code, channel, designated_area_id,
             quota_slot, recommended_by, recommended_at) values ($1, $2, $3, 'quota', null, 1, '另一位经办人', $4)`,
          [other, batchId, NANYANG, new Date().toISOString()],
        );

        const pending = recommend(mine);
        await waitFor(async () => {
          const { rows } = await watcher.query(
            `select count(*)::int as n from pg_stat_activity
              where wait_event_type = 'Lock'
                and (query like 'insert into "recommendations"%' or query like 'update "applications"%')`,
          );
          return rows[0].n === 1;
        });
        await taker.query('commit');

        const res = await pending;
        expect(res.statusCode, res.body).toBe(200);
        expect(await slotsOf([other])).toEqual([1]);
        expect(await slotsOf([mine])).toEqual([2]);
      } finally {
        await taker.end();
        await watcher.end();
      }
    },
    120_000,
  );
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the request never waited after reading the slots');
}
