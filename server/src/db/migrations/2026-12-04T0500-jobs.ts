import { sql, type Kysely } from 'kysely';

/**
 * Background work as rows any server process may claim: digests of stored files (legacy rows, rows left by a
 * crash, rechecks) and whatever else is queued. A claim holds a job for its lease; a job whose claimer died is
 * claimed again once the lease has run out. `key` names the work (say, `digest:<file id>`): while a job with
 * that key is not done, queueing the same work again adds nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('done_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('jobs_open_by_key')
    .unique()
    .on('jobs')
    .column('key')
    .where(sql.ref('done_at'), 'is', null)
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['run_after', 'created_at']).where(sql.ref('done_at'), 'is', null).execute();
  await db.schema.createIndex('jobs_by_done').on('jobs').column('done_at').execute();
}
