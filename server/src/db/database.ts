import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  sql,
  SqliteDialect,
  type Migration,
  type MigrationProvider,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import * as initial from './migrations/2026-11-24T0000-initial.js';
import * as cityReview from './migrations/2026-11-24T0100-city-review.js';
import * as evidenceCrc32 from './migrations/2026-11-25T0000-evidence-crc32.js';
import * as applicationsByUnit from './migrations/2026-11-25T0100-applications-by-unit.js';
import * as auditChain from './migrations/2026-11-27T0000-audit-chain.js';
import * as digestRepair from './migrations/2026-11-27T0100-digest-repair.js';
import * as accounts from './migrations/2026-11-28T0000-accounts.js';
import * as personalDataEncryption from './migrations/2026-11-28T0100-personal-data-encryption.js';
import * as accountAdmin from './migrations/2026-11-28T0200-account-admin.js';
import * as signIn from './migrations/2026-11-28T0300-sign-in.js';
import * as dropUserLockout from './migrations/2026-11-28T0400-drop-user-lockout.js';
import * as officialLetters from './migrations/2026-11-29T0000-official-letters.js';
import * as notifications from './migrations/2026-11-29T0100-notifications.js';
import * as packageAcceptance from './migrations/2026-11-30T0000-package-acceptance.js';
import * as batchLifecycle from './migrations/2026-12-01T0000-batch-lifecycle.js';
import * as evidenceByBlob from './migrations/2026-12-01T0100-evidence-by-blob.js';
import * as airportAuthority from './migrations/2026-12-02T0000-airport-authority.js';
import * as platformNameKey from './migrations/2026-12-03T0200-platform-name-key.js';
import * as unknownNameFailures from './migrations/2026-12-03T0300-unknown-name-failures.js';
import * as rateLimits from './migrations/2026-12-04T0300-rate-limits.js';
import * as listColumns from './migrations/2026-12-04T0400-list-columns.js';
import * as jobs from './migrations/2026-12-04T0500-jobs.js';
import * as listOrder from './migrations/2026-12-04T0600-list-order.js';
import * as listCounts from './migrations/2026-12-04T0700-list-counts.js';
import * as expertPool from './migrations/2026-12-05T0000-expert-pool.js';
import * as reviewRounds from './migrations/2026-12-05T0100-review-rounds.js';
import * as childCounts from './migrations/2026-12-06T0200-child-counts.js';
import * as holidays from './migrations/2026-12-06T0300-holidays.js';
import * as publicity from './migrations/2026-12-06T0400-publicity.js';
import * as reviewScores from './migrations/2026-12-07T0000-review-scores.js';
import * as certificates from './migrations/2026-12-07T0100-certificates.js';
import * as annualReports from './migrations/2026-12-07T0200-annual-reports.js';
import * as annualRosters from './migrations/2026-12-07T0300-annual-rosters.js';
import * as recognitionDecision from './migrations/2026-12-08T0100-recognition-decision.js';
import type { Config } from '../config.js';
import type { Database } from './schema.js';

/** Migrations are listed here, named by timestamp, and applied in name order at start. */
const migrations: Record<string, Migration> = {
  '2026-11-24T0000-initial': initial,
  '2026-11-24T0100-city-review': cityReview,
  '2026-11-25T0000-evidence-crc32': evidenceCrc32,
  '2026-11-25T0100-applications-by-unit': applicationsByUnit,
  '2026-11-27T0000-audit-chain': auditChain,
  '2026-11-27T0100-digest-repair': digestRepair,
  '2026-11-28T0000-accounts': accounts,
  '2026-11-28T0100-personal-data-encryption': personalDataEncryption,
  '2026-11-28T0200-account-admin': accountAdmin,
  '2026-11-28T0300-sign-in': signIn,
  '2026-11-28T0400-drop-user-lockout': dropUserLockout,
  '2026-11-29T0000-official-letters': officialLetters,
  '2026-11-29T0100-notifications': notifications,
  '2026-11-30T0000-package-acceptance': packageAcceptance,
  '2026-12-01T0000-batch-lifecycle': batchLifecycle,
  '2026-12-01T0100-evidence-by-blob': evidenceByBlob,
  '2026-12-02T0000-airport-authority': airportAuthority,
  '2026-12-03T0200-platform-name-key': platformNameKey,
  '2026-12-03T0300-unknown-name-failures': unknownNameFailures,
  '2026-12-04T0300-rate-limits': rateLimits,
  '2026-12-04T0400-list-columns': listColumns,
  '2026-12-04T0500-jobs': jobs,
  '2026-12-04T0600-list-order': listOrder,
  '2026-12-04T0700-list-counts': listCounts,
  '2026-12-05T0000-expert-pool': expertPool,
  '2026-12-05T0100-review-rounds': reviewRounds,
  '2026-12-06T0200-child-counts': childCounts,
  '2026-12-06T0300-holidays': holidays,
  '2026-12-06T0400-publicity': publicity,
  '2026-12-07T0000-review-scores': reviewScores,
  '2026-12-07T0100-certificates': certificates,
  '2026-12-07T0200-annual-reports': annualReports,
  '2026-12-07T0300-annual-rosters': annualRosters,
  '2026-12-08T0100-recognition-decision': recognitionDecision,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export type Db = Kysely<Database>;

/** PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
export function openDatabase(config: Pick<Config, 'databaseFile' | 'databaseUrl' | 'databasePoolMax'>): Db {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.databasePoolMax)
    : openSqlite(config.databaseFile);
}

const INT8_OID = 20;

/**
 * A pool of connections to PostgreSQL. `bigint` values (`count(*)`, `sum` of integers, sizes and CRC-32s
 * in bigint columns) come back as numbers, as on SQLite, instead of the driver's strings: none of them
 * nears 2^53, and one that did would be refused rather than rounded.
 */
export function openPostgres(connectionString: string, max?: number): Db {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, types, max });
  // An idle connection that fails (the server restarted or ended it) leaves the pool, which opens another
  // for the next query; without a listener the pool's error event would end the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} is beyond a safe JavaScript integer`);
  return n;
}

export function openSqlite(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Deleted and overwritten content is zeroed, not left in free space: a re-encrypted or removed value
  // (a phone under a retired key, a replaced roster) cannot be read back from the file.
  sqlite.pragma('secure_delete = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing is most of the cost of a small query, so
 * statements are kept by their SQL text (the queries are parameterised, so the set of texts is small).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = sqlite.prepare(sql) as unknown as SqliteStatement;
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one: a repository method that
 * must be atomic on its own (two rows together) is then also part of a use case's unit of work.
 */
export function atomic<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** A unique-constraint violation, recognised by its code (SQLite's extended code, PostgreSQL's SQLSTATE), never by message text. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** A named unique constraint of a table, on these columns. */
export interface UniqueKey {
  table: string;
  name: string;
  columns: readonly string[];
}

/**
 * A unique violation of this constraint: PostgreSQL names the constraint (`constraint`); SQLite names only
 * its columns, as `UNIQUE constraint failed: table.a, table.b` (the format of sqlite3UniqueConstraint).
 */
export function violates(err: unknown, key: UniqueKey): boolean {
  if (!isUniqueViolation(err)) return false;
  const { constraint, message } = err as { constraint?: unknown; message?: unknown };
  if (typeof constraint === 'string') return constraint === key.name;
  const columns = key.columns.map((c) => `${key.table}.${c}`).join(', ');
  return typeof message === 'string' && message.endsWith(`constraint failed: ${columns}`);
}

/** Applies the migrations not yet applied, one process at a time (see `oneProcessAtATime`). */
export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await oneProcessAtATime(db, () => new Migrator({ db, provider }).migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

/** The advisory lock's key on PostgreSQL: any constant of our own (the bytes of "SHEN"). */
const STARTUP_LOCK = 0x5348454e;

/**
 * Runs a start-up step (migrations, encrypting values left in clear, seeding an empty database) in one
 * process at a time: on PostgreSQL, several servers on one database start together and each waits for the
 * others under a session advisory lock held on a connection of its own while `fn` works through the pool.
 * SQLite has one process per file. Not to be nested: the inner call would wait for the outer one.
 */
export async function oneProcessAtATime<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return fn();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(connection);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(connection);
    }
  });
}
