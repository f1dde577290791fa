import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type CompiledQuery, type Dialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewableStatuses } from '#contract';
import { parseDataKeys, PersonalDataCipher } from '../crypto/personal-data.js';
import { ApplicationRepository, type ApplicationPageQuery } from '../repositories/application-repository.js';
import { AuditRepository } from '../repositories/audit-repository.js';
import { sharedPostgres, testOnPostgres } from '../../test-support/postgres.js';
import { migrateToLatest, openPostgres, openSqlite, type Db } from './database.js';
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

/** The plan of a query as SQLite would run it, its parameters bound: one row per step, with its parent step. */
async function planRows(query: CompiledQuery): Promise<PlanRow[]> {
  const explain = sql<PlanRow>`EXPLAIN QUERY PLAN ${sql.raw(query.sql)}`.compile(db);
  const raw = new SQLite(path.join(dir, 'shenbao.db'), { readonly: true });
  try {
    return raw.prepare(explain.sql).all(...(query.parameters as unknown[])) as PlanRow[];
  } finally {
    raw.close();
  }
}

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

const planOf = async (query: CompiledQuery) => (await planRows(query)).map((r) => r.detail).join(' | ');

/** The steps under the first step whose detail matches `root`, joined like planOf. */
function subtreeOf(rows: readonly PlanRow[], root: RegExp): string {
  const top = rows.find((r) => root.test(r.detail));
  if (!top) throw new Error(`no step ${root} in ${rows.map((r) => r.detail).join(' | ')}`);
  const inside = new Set([top.id]);
  for (const r of rows) if (inside.has(r.parent)) inside.add(r.id);
  return rows
    .filter((r) => inside.has(r.id) && r.id !== top.id)
    .map((r) => r.detail)
    .join(' | ');
}

interface Repositories {
  applications: ApplicationRepository;
  audit: AuditRepository;
}
type RepositoryCall = (r: Repositories) => Promise<unknown>;

/** Runs a repository call on a database that records the SQL it sends, and returns those queries. */
async function queriesOf(dialect: Dialect, call: RepositoryCall): Promise<CompiledQuery[]> {
  const sent: CompiledQuery[] = [];
  const logged = new Kysely<Database>({ dialect, log: (event) => void sent.push(event.query) });
  try {
    await call({
      applications: new ApplicationRepository(logged, new PersonalDataCipher(parseDataKeys(`plans:${'0'.repeat(32)}`))),
      audit: new AuditRepository(logged),
    });
  } finally {
    await logged.destroy();
  }
  return sent;
}

const sqliteDialect = () => new SqliteDialect({ database: new SQLite(path.join(dir, 'shenbao.db')) });

/** The officials' list as list-applications asks for it, with `patch` over a city's default page. */
const listPage = (patch: Partial<ApplicationPageQuery>) => (r: Repositories) =>
  r.applications.listPage({
    batchId: '2023',
    authorityCode: '410300',
    statuses: reviewableStatuses,
    countedStatuses: reviewableStatuses,
    viewerId: 'u',
    sort: 'submittedAt',
    order: 'desc',
    offset: 40,
    limit: 20,
    ...patch,
  });

/** Every query of the list's page, counts and duplicates, and of the audit log's pages, with each of its filters. */
const pageCalls: [string, RepositoryCall][] = [
  ['the city queue, searched and filtered', listPage({ q: '平台', category: '信息服务', channel: 'quota' })],
  ['the city queue of one status, by unit name', listPage({ statuses: ['submitted'], sort: 'unitName' })],
  ['the province’s list by status', listPage({ authorityCode: undefined, sort: 'status', order: 'asc' })],
  ['the province’s list by authority', listPage({ authorityCode: undefined, sort: 'authority' })],
  ['the duplicates of a page', (r) => r.applications.listDuplicatesOf('2023', reviewableStatuses, ['a', 'b'])],
  ['the whole audit log, a deep page', (r) => r.audit.listPage({}, 5_000, 50)],
  ['the audit log of one action', (r) => r.audit.listPage({ action: 'login.success' }, 100, 50)],
  ['the audit log of one actor', (r) => r.audit.listPage({ actorName: 'province' }, 0, 50)],
  ['the audit log of one target', (r) => r.audit.listPage({ targetId: 't' }, 0, 50)],
  [
    'the audit log of some days',
    (r) => r.audit.listPage({ atFrom: '2026-11-20T16:00:00.000Z', atBefore: '2026-11-21T16:00:00.000Z' }, 0, 50),
  ],
];

describe('query plans', () => {
  it.each(hot)('%s uses an index', async (_name, query) => {
    const plan = (await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(query)}`.execute(db)).rows
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY|PRIMARY KEY/);
    expect(plan).not.toMatch(/^SCAN \w+$/m);
  });

  it('the city queue, as list-applications asks for it: the page’s ids from the index alone, in its order', async () => {
    const [page] = await queriesOf(sqliteDialect(), listPage({ offset: 9_980 }));
    const plan = await planRows(page!);
    // The subquery picking the page's ids walks the (batch, authority, submitted_at, id, status) index in order and
    // never reads a row: a deep page skips index entries. Only the page's rows are then read and sorted.
    const ids = subtreeOf(plan, /^LIST SUBQUERY/);
    expect(ids).toMatch(/SEARCH applications USING COVERING INDEX applications_batch_authority_submitted/);
    expect(ids).not.toMatch(/TEMP B-TREE/);
    expect(plan.map((r) => r.detail).join(' | ')).toMatch(
      /SEARCH applications USING INDEX sqlite_autoindex_applications_1 \(id=\?\)/,
    );
  });

  it('the count of what the official has opened walks the official’s views, not the batch', async () => {
    const queries = await queriesOf(sqliteDialect(), listPage({}));
    const seen = queries.find((q) => /from "application_views" as "v" cross join/.test(q.sql));
    const [first] = await planRows(seen!);
    expect(first!.detail).toMatch(
      /^SEARCH v USING (COVERING )?INDEX sqlite_autoindex_application_views_1 \(user_id=\?\)/,
    );
  });

  it('the duplicate candidates of a batch are grouped on the name-key index alone', async () => {
    const [query] = await queriesOf(sqliteDialect(), (r) =>
      r.applications.listDuplicateCandidates('2023', reviewableStatuses),
    );
    const plan = (await planRows(query!)).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/d USING COVERING INDEX applications_batch_name_key \(batch_id=\? AND platform_name_key>\?\)/);
    expect(plan).not.toMatch(/SCAN applications(?! USING)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it.each(pageCalls)('%s: every query searches an index, none scans a table', async (_name, call) => {
    const queries = await queriesOf(sqliteDialect(), call);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      const plan = await planOf(query);
      expect(plan, query.sql).toMatch(/SEARCH \w+ USING/);
      expect(plan, query.sql).not.toMatch(/SCAN (applications|audit_log|units|application_views)\b(?! USING)/);
    }
  });
});

/** A node of PostgreSQL's EXPLAIN (FORMAT JSON) plan. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * On PostgreSQL, with sequential scans priced out (`enable_seqscan = off`): the planner still picks a Seq Scan, or
 * walks a whole index without a condition, when no index can answer the query; so every read of the list's and
 * the log's tables must be an index scan with an index condition (a Bitmap Heap Scan's comes from its Bitmap Index
 * Scan). With a few rows and no statistics PostgreSQL rightly prefers Seq Scans, which would say nothing.
 */
describe.runIf(testOnPostgres)('query plans on PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await (await sharedPostgres()).createDatabase();
    const migrated = openPostgres(url);
    await migrateToLatest(migrated);
    await migrated.destroy();
  }, 60_000);

  it.each(pageCalls)('%s: every query reads its tables through an index condition', async (_name, call) => {
    const queries = await queriesOf(
      new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      call,
    );
    expect(queries.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      for (const query of queries) {
        const [
          {
            'QUERY PLAN': [plan],
          },
        ] = (
          await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${query.sql}`, [
            ...query.parameters,
          ])
        ).rows as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
        const nodes = nodesOf(plan.Plan);
        const reads = nodes.filter((n) =>
          /^(applications|application_counts|application_views|audit_head|audit_log|units)$/.test(
            n['Relation Name'] ?? '',
          ),
        );
        expect(reads.length, query.sql).toBeGreaterThan(0);
        for (const read of reads) {
          expect(read['Node Type'], query.sql).toMatch(/^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/);
          if (read['Node Type'] !== 'Bitmap Heap Scan') expect(read['Index Cond'], JSON.stringify(read)).toBeTruthy();
        }
        for (const bitmap of nodes.filter((n) => n['Node Type'] === 'Bitmap Index Scan'))
          expect(bitmap['Index Cond'], JSON.stringify(bitmap)).toBeTruthy();
      }
    } finally {
      await client.end();
    }
  });
});
