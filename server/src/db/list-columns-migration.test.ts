import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerUnit } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import type { App } from '../http/app.js';
import { up } from './migrations/2026-12-04T0400-list-columns.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

/** More rows than one chunk of the back-fill, with forms of every shape the list columns come from. */
const ROWS = 530;
const formOf = (i: number) =>
  [
    { platformName: `平台${i}`, categories: ['信息服务', '融资服务'], channel: 'lab' },
    { platformName: `平台${i}`, categories: [] },
    { channel: 'designated_area', categories: ['技术服务'] },
    {},
  ][i % 4]!;
const expectedOf = (i: number) =>
  [
    { channel: 'lab', categories: ',信息服务,融资服务,', platform_name: `平台${i}` },
    { channel: 'quota', categories: '', platform_name: `平台${i}` },
    { channel: 'designated_area', categories: ',技术服务,', platform_name: '' },
    { channel: 'quota', categories: '', platform_name: '' },
  ][i % 4]!;

it('fills the list columns of the applications written before it, as every form save writes them', async () => {
  const db = app.ctx.db;
  // Written through the app: their columns as the repository keeps them.
  const { client, id: saved } = await registerUnit(app, 880_001, '410300');
  expect(
    (await client.patch(`/api/v1/applications/${saved}`, { platformName: '保存的平台', categories: ['人才服务'] }))
      .statusCode,
  ).toBe(200);
  const columns = () =>
    db.selectFrom('applications').select(['id', 'channel', 'categories', 'platform_name']).orderBy('id').execute();
  const asSaved = await columns();

  // Rows as they were before the migration: no list columns.
  const batch = await db.selectFrom('batches').select('id').executeTakeFirstOrThrow();
  const now = '2026-11-28T00:00:00.000Z';
  const n = (i: number) => String(i).padStart(4, '0');
  await db
    .insertInto('units')
    .values(
      Array.from({ length: ROWS }, (_v, i) => ({
        id: `mig-unit-${n(i)}`,
        name: `迁移单位${i}`,
        uscc: `MIG${n(i)}`,
        region_code: '410300',
        contact_name: '张',
        contact_phone: 'x',
        created_at: now,
      })) as never,
    )
    .execute();
  await db
    .insertInto('applications')
    .values(
      Array.from({ length: ROWS }, (_v, i) => ({
        id: `mig-app-${n(i)}`,
        batch_id: batch.id,
        unit_id: `mig-unit-${n(i)}`,
        authority_code: '410300',
        status: 'submitted',
        version: 1,
        form: JSON.stringify(formOf(i)),
        created_at: now,
        updated_at: now,
      })) as never,
    )
    .execute();
  for (const column of ['action', 'actor_name', 'target_id'])
    await sql`DROP INDEX ${sql.ref(`audit_log_${column}_seq`)}`.execute(db);
  for (const column of ['channel', 'categories', 'platform_name'])
    await sql`ALTER TABLE applications DROP COLUMN ${sql.ref(column)}`.execute(db);

  await up(db as unknown as Kysely<unknown>);

  const after = await columns();
  const migrated = after.filter((r) => r.id.startsWith('mig-app-'));
  expect(migrated).toHaveLength(ROWS);
  migrated.forEach((r, i) => expect({ i, ...r }).toEqual({ i, id: `mig-app-${n(i)}`, ...expectedOf(i) }));
  expect(after.filter((r) => !r.id.startsWith('mig-app-'))).toEqual(asSaved);
  expect(after.find((r) => r.id === saved)).toMatchObject({ categories: ',人才服务,', platform_name: '保存的平台' });
});
