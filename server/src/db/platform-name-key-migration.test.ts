import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { platformNameKey } from '../domain/duplicates.js';
import { migrateToLatest, openSqlite } from './database.js';
import { up } from './migrations/2026-12-03T0200-platform-name-key.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-name-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('gives the applications written before it their platform name key, the same as the domain computes', async () => {
  const db = openSqlite(path.join(dir, 'shenbao.sqlite'));
  await migrateToLatest(db);
  // The schema as it was before the migration, with applications in it.
  await sql`DROP INDEX applications_batch_name_key`.execute(db);
  await sql`DROP INDEX applications_batch_authority`.execute(db);
  await sql`ALTER TABLE applications DROP COLUMN platform_name_key`.execute(db);
  const now = '2026-11-28T00:00:00.000Z';
  await db
    .insertInto('batches')
    .values({ id: 'b', year: 2022, is_demo: 0, label: 'b', config: '{}', created_at: now } as never)
    .execute();
  await db.insertInto('authorities').values({ code: '410300', name: '洛阳市', kind: 'city', sort_order: 1 }).execute();
  await db
    .insertInto('regions')
    .values({ code: '410300', name: '洛阳市', authority_code: '410300', sort_order: 1 })
    .execute();
  const names = ['洛阳 创新服务平台　', 'ＡＢＣ服务平台', '', undefined];
  for (const [i, platformName] of names.entries()) {
    await db
      .insertInto('units')
      .values({
        id: `u${i}`,
        name: `单位${i}`,
        uscc: `U${i}`,
        region_code: '410300',
        contact_name: '张',
        contact_phone: 'x',
        created_at: now,
      } as never)
      .execute();
    await db
      .insertInto('applications')
      .values({
        id: `a${i}`,
        batch_id: 'b',
        unit_id: `u${i}`,
        authority_code: '410300',
        status: 'submitted',
        version: 1,
        form: JSON.stringify(platformName === undefined ? {} : { platformName }),
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
  }

  await up(db as unknown as Kysely<unknown>);

  const keys = await db.selectFrom('applications').select(['id', 'platform_name_key']).orderBy('id').execute();
  expect(keys).toEqual([
    { id: 'a0', platform_name_key: '洛阳创新服务平台' },
    { id: 'a1', platform_name_key: 'ABC服务平台' },
    { id: 'a2', platform_name_key: null },
    { id: 'a3', platform_name_key: null },
  ]);
  expect(keys.map((k) => k.platform_name_key)).toEqual(names.map((n) => platformNameKey(n)));
  await db.destroy();
});
