import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationListPage } from '#contract';
import { submittedApplication } from '../../test-support/applications.js';
import { makeUscc } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/**
 * The counts kept by triggers — `application_counts` per (batch, authority, status) (migration 2026-12-04T0700) and
 * each application's roster and institution counts (2026-12-06T0200) — always say what counting the applications
 * says: after submissions through the routes at the same time, changes of status, authority and other columns,
 * inserts, deletions and a rollback, and 60 changes of status racing each other in transactions of their own (on
 * PostgreSQL real concurrency: a trigger that read the count and wrote it back would lose some).
 */
const PUYANG = '410900';
let app: App;
const ids: string[] = [];

beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  ids.push(...(await Promise.all(Array.from({ length: 8 }, () => submittedApplication(app, PUYANG)))).map((a) => a.id));
}, 180_000);
afterAll(() => app.close());

async function countsDisagreement(): Promise<unknown[]> {
  const kept = await app.ctx.db
    .selectFrom('application_counts')
    .select(['batch_id', 'authority_code', 'status', 'n'])
    .where('n', '!=', 0)
    .execute();
  const counted = await app.ctx.db
    .selectFrom('applications')
    .select((eb) => ['batch_id', 'authority_code', 'status', eb.fn.countAll<number>().as('n')])
    .groupBy(['batch_id', 'authority_code', 'status'])
    .execute();
  const key = (r: { batch_id: string; authority_code: string; status: string }) =>
    `${r.batch_id}|${r.authority_code}|${r.status}`;
  const keptBy = new Map(kept.map((r) => [key(r), Number(r.n)]));
  const countedBy = new Map(counted.map((r) => [key(r), Number(r.n)]));
  const statusCounts = [...new Set([...keptBy.keys(), ...countedBy.keys()])]
    .filter((k) => keptBy.get(k) !== countedBy.get(k))
    .map((k) => ({ key: k, kept: keptBy.get(k), counted: countedBy.get(k) }));
  // And each application's roster and institution counts (migration 2026-12-06T0200) against counting its rows.
  const children = await app.ctx.db
    .selectFrom('applications')
    .select((eb) => [
      'id',
      'roster_count',
      'institution_count',
      eb
        .selectFrom('roster_rows')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('application_id', '=', 'applications.id')
        .as('rosters'),
      eb
        .selectFrom('institutions')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('application_id', '=', 'applications.id')
        .as('institutions'),
    ])
    .execute();
  const childCounts = children
    .filter((c) => c.roster_count !== Number(c.rosters) || c.institution_count !== Number(c.institutions))
    .map((c) => ({ id: c.id, kept: [c.roster_count, c.institution_count], counted: [c.rosters, c.institutions] }));
  return [...statusCounts, ...childCounts];
}

describe('application_counts', () => {
  it('agrees with counting after submissions made at the same time, and the list shows it', async () => {
    expect(await countsDisagreement()).toEqual([]);
    const city = await new TestClient(app).login('puyang');
    const page = (await city.get('/api/v1/applications?pageSize=5')).json<ApplicationListPage>();
    expect(page.total).toBe(8);
    expect(page.statusCounts.submitted).toBe(8);
    expect(page.newCount).toBe(8);
    expect(page.items).toHaveLength(5);
    // Opened once: no longer new; the count of new ones comes from the official's own views.
    expect((await city.get(`/api/v1/applications/${page.items[0]!.id}/review`)).statusCode).toBe(200);
    expect((await city.get('/api/v1/applications?pageSize=5')).json<ApplicationListPage>().newCount).toBe(7);
  });

  it('follows changes of status, authority and batch, and deletions', async () => {
    const { db } = app.ctx;
    await db.updateTable('applications').set({ status: 'returned' }).where('id', '=', ids[0]!).execute();
    expect(await countsDisagreement()).toEqual([]);
    await db.updateTable('applications').set({ authority_code: '411300' }).where('id', '=', ids[1]!).execute();
    expect(await countsDisagreement()).toEqual([]);
    // A change of another column (the form's list columns) leaves the counts alone.
    await db.updateTable('applications').set({ channel: 'lab' }).where('id', '=', ids[2]!).execute();
    expect(await countsDisagreement()).toEqual([]);
    // An application nothing hangs off yet, of a unit of its own: inserted, then deleted.
    const template = await db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', ids[3]!)
      .executeTakeFirstOrThrow();
    const unit = await db.selectFrom('units').selectAll().where('id', '=', template.unit_id).executeTakeFirstOrThrow();
    await db
      .insertInto('units')
      .values({ ...unit, id: 'bare-unit', uscc: makeUscc(990_001, PUYANG) })
      .execute();
    await db
      .insertInto('applications')
      .values({ ...template, id: 'bare', unit_id: 'bare-unit', roster_count: 0, institution_count: 0 })
      .execute();
    expect(await countsDisagreement()).toEqual([]);
    await db.deleteFrom('applications').where('id', '=', 'bare').execute();
    expect(await countsDisagreement()).toEqual([]);
    const rolledBack = db.transaction().execute(async (tx) => {
      await tx.updateTable('applications').set({ status: 'recommended' }).where('id', '=', ids[4]!).execute();
      throw new Error('rolled back');
    });
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(await countsDisagreement()).toEqual([]);
  });

  it('counts roster rows and institutions as they are written, deleted and written at the same time', async () => {
    const { db } = app.ctx;
    const [one, other] = [ids[5]!, ids[6]!];
    const counts = (id: string) =>
      db
        .selectFrom('applications')
        .select(['roster_count', 'institution_count'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect((await counts(one)).roster_count).toBeGreaterThan(0);
    expect((await counts(one)).institution_count).toBeGreaterThan(0);
    await db.deleteFrom('roster_rows').where('application_id', '=', one).execute();
    expect(await counts(one)).toMatchObject({ roster_count: 0 });
    const template = await db
      .selectFrom('institutions')
      .selectAll()
      .where('application_id', '=', other)
      .executeTakeFirstOrThrow();
    const before = (await counts(other)).institution_count;
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction().execute((tx) =>
          tx
            .insertInto('institutions')
            .values({ ...template, id: `extra-${i}`, position: 1000 + i })
            .execute(),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await counts(other)).institution_count).toBe(before + 12);
    expect(await countsDisagreement()).toEqual([]);
  });

  it('loses no count when many changes of status race each other, each in its own transaction', async () => {
    const racing = ids.slice(4);
    const flips = Array.from({ length: 60 }, (_, i) => ({
      id: racing[i % racing.length]!,
      // Opposite directions between the same two statuses: without key order their count rows would be taken
      // in opposite orders.
      status: i % 2 === 0 ? ('returned' as const) : ('submitted' as const),
    }));
    const results = await Promise.allSettled(
      flips.map((f) =>
        app.ctx.db
          .transaction()
          .execute((tx) => tx.updateTable('applications').set({ status: f.status }).where('id', '=', f.id).execute()),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await countsDisagreement()).toEqual([]);
  });
});
