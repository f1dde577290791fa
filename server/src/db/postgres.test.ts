import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startPostgres, type PostgresCluster } from '../../test-support/postgres.js';
import { loadConfig } from '../config.js';
import { buildApp, type App } from '../http/app.js';
import { isUniqueViolation, migrateToLatest, openDatabase, openPostgres, type Db } from './database.js';

const SEEDED_TABLES = ['authorities', 'regions', 'batches', 'units', 'users', 'applications', 'audit_log'] as const;

describe.skipIf(!postgresAvailable)('PostgreSQL', () => {
  let cluster: PostgresCluster;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(() => {
    cluster?.stop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function withDatabase<T>(fn: (db: Db, url: string) => Promise<T>): Promise<T> {
    const url = await cluster.createDatabase();
    const db = openPostgres(url);
    try {
      return await fn(db, url);
    } finally {
      await db.destroy();
    }
  }

  function startApp(databaseUrl: string): Promise<App> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-pg-app-'));
    dataDirs.push(dataDir);
    // Servers sharing a database share its key too (in test mode each DATA_DIR would make its own).
    const env = { DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_KEY: `k1:${'ab'.repeat(16)}` };
    const config = loadConfig(env, { databaseUrl });
    return buildApp({ config });
  }

  async function rowCounts(db: Db): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of SEEDED_TABLES) {
      const r = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = r.n;
    }
    return counts;
  }

  it('DATABASE_URL opens PostgreSQL; without it, the SQLite file', () => {
    const env = { DATA_DIR: os.tmpdir(), NODE_ENV: 'test' as const };
    const onPostgres = loadConfig({ ...env, DATABASE_URL: cluster.url('postgres') });
    expect(onPostgres.databaseUrl).toBe(cluster.url('postgres'));
    expect(loadConfig(env).databaseUrl).toBeNull();
    expect(() => loadConfig({ ...env, DATABASE_URL: 'mysql://localhost/shenbao' })).toThrow(/DATABASE_URL/);
    const db = openDatabase(onPostgres);
    expect(db.getExecutor().adapter.constructor.name).toBe('PostgresAdapter');
    return db.destroy();
  });

  it('applies every migration to an empty database, and a second run applies none', async () => {
    await withDatabase(async (db) => {
      await migrateToLatest(db);
      const applied = await db
        .selectFrom('kysely_migration' as never)
        .select(sql<string>`name`.as('name'))
        .execute();
      const names = fs.readdirSync(path.join(import.meta.dirname, 'migrations')).map((f) => f.replace(/\.ts$/, ''));
      expect(applied.map((r) => r.name).sort()).toEqual(names.sort());

      await migrateToLatest(db);
      const again = await db
        .selectFrom('kysely_migration' as never)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(again.n).toBe(names.length);
    });
  });

  it('two servers starting at once on one empty database migrate and seed it once', async () => {
    const seededAlone = await withDatabase(async (db, url) => {
      await (await startApp(url)).close();
      return rowCounts(db);
    });
    expect(seededAlone.authorities).toBeGreaterThan(10);
    expect(seededAlone.batches).toBeGreaterThan(0);

    await withDatabase(async (db, url) => {
      const apps = await Promise.all([startApp(url), startApp(url)]);
      await Promise.all(apps.map((app) => app.close()));
      expect(await rowCounts(db)).toEqual(seededAlone);
    });
  });

  it('recognises a unique violation by its SQLSTATE, and other errors are not one', async () => {
    await withDatabase(async (db) => {
      await migrateToLatest(db);
      const authority = { code: '419900', name: '测试市', kind: 'city' as const, sort_order: 99 };
      await db.insertInto('authorities').values(authority).execute();
      const duplicate = await db
        .insertInto('authorities')
        .values(authority)
        .execute()
        .then(
          () => null,
          (err: unknown) => err,
        );
      expect((duplicate as { code?: string }).code).toBe('23505');
      expect(isUniqueViolation(duplicate)).toBe(true);
      const missing = await db
        .insertInto('regions')
        .values({ code: '419901', name: '测试县', authority_code: 'nowhere', sort_order: 1 })
        .execute()
        .then(
          () => null,
          (err: unknown) => err,
        );
      expect((missing as { code?: string }).code).toBe('23503');
      expect(isUniqueViolation(missing)).toBe(false);
    });
  });

  it('counts and bigint sizes come back as numbers, as on SQLite', async () => {
    await withDatabase(async (db) => {
      await migrateToLatest(db);
      const r = await sql<{
        n: unknown;
        total: unknown;
        size: unknown;
      }>`select count(*) as n, sum(x) as total, cast(5000000000 as bigint) as size from (values (1), (2)) as t(x)`.execute(
        db,
      );
      expect(r.rows[0]).toEqual({ n: 2, total: 3, size: 5_000_000_000 });
      await expect(sql`select cast(9007199254740993 as bigint) as n`.execute(db)).rejects.toThrow(/safe/);
    });
  });
});
