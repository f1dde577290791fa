import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewableStatuses } from '#contract';
import { parseDataKeys, PersonalDataCipher } from '../crypto/personal-data.js';
import { ApplicationRepository } from '../repositories/application-repository.js';
import { migrateToLatest, openSqlite, type Db } from './database.js';
import type { Database } from './schema.js';

/**
 * The lookups every request makes must use an index, not scan their table: an applicant's page, the
 * session, the evidence, roster and institutions of an application, the city's queue.
 */
const hot: [string, string][] = [
  ['applications by unit', `SELECT * FROM applications WHERE unit_id = 'u'`],
  [
    'applications of a city queue',
    `SELECT * FROM applications WHERE authority_code = '410300' AND status = 'submitted'`,
  ],
  ['session by hash', `SELECT * FROM sessions WHERE id_hash = 'h'`],
  ['evidence of an application', `SELECT * FROM evidence_files WHERE application_id = 'a'`],
  ['rows sharing a blob', `SELECT id FROM evidence_files WHERE storage_key = 'k' LIMIT 1`],
  ['roster count', `SELECT count(*) FROM roster_rows WHERE application_id = 'a'`],
  ['institutions of an application', `SELECT * FROM institutions WHERE application_id = 'a'`],
];

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-plans-'));
  db = openSqlite(path.join(dir, 'shenbao.db'));
  await migrateToLatest(db);
});
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The plan of a query as SQLite would run it, its parameters bound. */
async function planOf(query: CompiledQuery): Promise<string> {
  const explain = sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(query.sql)}`.compile(db);
  const raw = new SQLite(path.join(dir, 'shenbao.db'), { readonly: true });
  try {
    const rows = raw.prepare(explain.sql).all(...(query.parameters as unknown[])) as { detail: string }[];
    return rows.map((r) => r.detail).join(' | ');
  } finally {
    raw.close();
  }
}

/** Runs a repository call on a database that records the SQL it sends, and returns those queries. */
async function queriesOf(call: (applications: ApplicationRepository) => Promise<unknown>): Promise<CompiledQuery[]> {
  const sent: CompiledQuery[] = [];
  const logged = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SQLite(path.join(dir, 'shenbao.db')) }),
    log: (event) => void sent.push(event.query),
  });
  try {
    await call(new ApplicationRepository(logged, new PersonalDataCipher(parseDataKeys(`plans:${'0'.repeat(32)}`))));
  } finally {
    await logged.destroy();
  }
  return sent;
}

describe('query plans', () => {
  it.each(hot)('%s uses an index', async (_name, query) => {
    const plan = (await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(query)}`.execute(db)).rows
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY|PRIMARY KEY/);
    expect(plan).not.toMatch(/^SCAN \w+$/m);
  });

  it.each([
    [
      'the city queue, as list-applications asks for it',
      (a: ApplicationRepository) =>
        a.list({ batchId: '2023', authorityCode: '410300', statuses: [...reviewableStatuses] }),
      /applications USING INDEX \w+ \(batch_id=\? AND authority_code=\? AND status=\?\)/,
    ],
    [
      'the duplicate candidates of a batch',
      (a: ApplicationRepository) => a.listDuplicateCandidates('2023', reviewableStatuses),
      /d USING INDEX applications_batch_name_key \(batch_id=\? AND platform_name_key>\?\)/,
    ],
  ])('%s reads applications through an index', async (_name, call, index) => {
    const [query] = await queriesOf(call);
    const plan = await planOf(query!);
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/SCAN applications(?! USING)/);
  });
});
