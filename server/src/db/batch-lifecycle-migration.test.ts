import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { ReferenceRepository } from '../repositories/reference-repository.js';
import { migrateToLatest, openSqlite } from './database.js';
import * as initial from './migrations/2026-11-24T0000-initial.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-batch-lifecycle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('publishes the batches stored before batch administration, and reads their kinds of designated area', async () => {
  const db = openSqlite(path.join(dir, 'shenbao.sqlite'));
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => ({ '2026-11-24T0000-initial': initial }) },
  }).migrateToLatest();
  expect(error).toBeUndefined();
  await db
    .insertInto('batches')
    .values({
      id: '2022',
      year: 2022,
      is_demo: 0,
      label: batch2022.label,
      config: JSON.stringify(batch2022.config),
      created_at: '2022-11-22T00:00:00.000Z',
    } as never) // the row in its shape before the migration
    .execute();

  await migrateToLatest(db);
  const references = new ReferenceRepository(db);
  expect(await references.listAllBatches()).toEqual([
    expect.objectContaining({ id: '2022', status: 'published', version: 1, publishedAt: null }),
  ]);
  const batch = (await references.findBatchByYear(2022))!;
  expect(batch.config.designatedAreaKinds.map((k) => k.label)).toEqual([
    '国家信息消费示范城市',
    '消费品工业“三品”战略示范城市',
    '中外中小企业合作区',
    '省级中小企业特色产业集群',
  ]);
  await db.destroy();
});
