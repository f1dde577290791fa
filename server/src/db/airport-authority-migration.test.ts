import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import regions from '../seed/regions.json' with { type: 'json' };
import { migrateToLatest, openSqlite } from './database.js';
import { up } from './migrations/2026-12-02T0000-airport-authority.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-airport-authority-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('adds 航空港区 after the cities of a seeded database, once; an empty database is left to the seed', async () => {
  const db = openSqlite(path.join(dir, 'shenbao.sqlite'));
  await migrateToLatest(db);
  expect(await db.selectFrom('authorities').selectAll().execute()).toEqual([]);

  // A database seeded before 航空港区 was an authority: the province and the 18 cities.
  await db
    .insertInto('authorities')
    .values([
      { code: regions.province.code, name: regions.province.name, kind: 'province', sort_order: 0 },
      ...regions.authorities.map((a, i) => ({ code: a.code, name: a.name, kind: 'city' as const, sort_order: i + 1 })),
    ])
    .execute();
  const untyped = db as unknown as Kysely<unknown>; // as the migrator hands it over
  await up(untyped);
  await up(untyped);

  const rows = await db.selectFrom('authorities').selectAll().orderBy('sort_order').execute();
  expect(rows).toHaveLength(20);
  expect(rows.at(-1)).toEqual({
    code: '410100-HKQ',
    name: '郑州航空港经济综合实验区',
    kind: 'city',
    sort_order: 19,
    require_totp: 0,
  });
  await db.destroy();
});
