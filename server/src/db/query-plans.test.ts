import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite, type Db } from './database.js';

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

describe('query plans', () => {
  it.each(hot)('%s uses an index', async (_name, query) => {
    const plan = (await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(query)}`.execute(db)).rows
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY|PRIMARY KEY/);
    expect(plan).not.toMatch(/^SCAN \w+$/m);
  });
});
