import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, sharedPostgres } from '../../test-support/postgres.js';
import { migrateToLatest, openDatabase, openPostgres, type Db } from './database.js';
import { prepared } from './prepared.js';

const authoritiesOfKind = prepared((db: Db, { kind, after }: { kind: string; after: number }) =>
  db
    .selectFrom('authorities')
    .select(['code', 'name'])
    .where('kind', '=', kind as 'city')
    .where('sort_order', '>', after)
    .where('code', 'not in', ['999999'])
    .orderBy('sort_order'),
);

const AUTHORITIES = Array.from({ length: 40 }, (_, i) => ({
  code: `41${String(i).padStart(4, '0')}`,
  name: `机关${i}`,
  kind: i % 4 === 0 ? ('province' as const) : ('city' as const),
  sort_order: i,
}));

/** What the query should answer, computed without it. */
const expected = (kind: string, after: number) =>
  AUTHORITIES.filter((a) => a.kind === kind && a.sort_order > after).map(({ code, name }) => ({ code, name }));

const calls = Array.from({ length: 64 }, (_, i) => ({ kind: i % 3 === 0 ? 'province' : 'city', after: (i * 7) % 40 }));

async function seeded(db: Db): Promise<Db> {
  await migrateToLatest(db);
  await db.insertInto('authorities').values(AUTHORITIES).execute();
  return db;
}

describe('prepared queries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-prepared-'));
  const open: Db[] = [];
  let sqlite: Db;
  beforeAll(async () => {
    sqlite = await seeded(
      openDatabase({ databaseFile: path.join(dir, 'db.sqlite'), databaseUrl: null, databasePoolMax: 1 }),
    );
    open.push(sqlite);
  });
  afterAll(async () => {
    for (const db of open) await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('64 calls at once, the first of them compiling, each get the rows of their own arguments', async () => {
    const answers = await Promise.all(calls.map((c) => authoritiesOfKind(sqlite, c)));
    answers.forEach((rows, i) => expect(rows).toEqual(expected(calls[i]!.kind, calls[i]!.after)));
  });

  it('runs inside a transaction and sees its uncommitted rows', async () => {
    await sqlite
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('authorities')
          .values({ code: '419999', name: '新机关', kind: 'city', sort_order: 99 })
          .execute();
        expect(await authoritiesOfKind(trx, { kind: 'city', after: 98 })).toEqual([{ code: '419999', name: '新机关' }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await authoritiesOfKind(sqlite, { kind: 'city', after: 98 })).toEqual([]);
  });

  it('refuses a query that does not use an argument as a value', async () => {
    const shaped = prepared((db: Db, { codes }: { codes: string[] }) =>
      db
        .selectFrom('authorities')
        .select('code')
        .where('code', 'in', codes.length ? ['410000'] : ['x']),
    );
    await expect(shaped(sqlite, { codes: ['410000'] })).rejects.toThrow('argument "codes" is not a value');
  });

  it.skipIf(!postgresAvailable)(
    'compiles once per dialect: the same query on PostgreSQL and SQLite, in parallel',
    async () => {
      const cluster = await sharedPostgres();
      const pg = await seeded(openPostgres(await cluster.createDatabase(), 8));
      open.push(pg);
      const both = await Promise.all(calls.flatMap((c) => [authoritiesOfKind(pg, c), authoritiesOfKind(sqlite, c)]));
      both.forEach((rows, i) => {
        const c = calls[Math.floor(i / 2)]!;
        expect(rows).toEqual(expected(c.kind, c.after));
      });
    },
  );
});
