import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../src/db/database.js';

/**
 * Makes every audit insert fail, as a full disk or a broken log table would, for the duration of `fn`: a trigger
 * that raises, in SQLite's words or in PL/pgSQL.
 */
export async function withAuditFailing<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$ LANGUAGE plpgsql`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_down()`.execute(
      db,
    );
  } else {
    await sql`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`.execute(
      db,
    );
  }
  try {
    return await fn();
  } finally {
    if (postgres) {
      await sql`DROP TRIGGER audit_down ON audit_log`.execute(db);
      await sql`DROP FUNCTION audit_down()`.execute(db);
    } else {
      await sql`DROP TRIGGER audit_down`.execute(db);
    }
  }
}
