import type { Kysely } from 'kysely';

/**
 * Failed sign-ins on user names no account has, per client, as login_failures counts them per account:
 * kept in the database so that every server process sees the same counts and a restart keeps them. A name
 * is stored only as a keyed hash (what was typed is often a password in the wrong field). Rows no longer
 * needed are removed by their time, hence the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unknown_name_failures')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unknown_name_failures_pk', ['name_key', 'client_key'])
    .execute();
  await db.schema
    .createIndex('unknown_name_failures_by_update')
    .on('unknown_name_failures')
    .column('updated_at')
    .execute();
}
