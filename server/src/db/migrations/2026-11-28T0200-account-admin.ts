import type { Kysely } from 'kysely';

/**
 * Account administration: password history entries are numbered per user, so "the last five" does not
 * depend on timestamps (two changes within one millisecond, or a pinned clock, would tie).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('password_history').addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.dropIndex('password_history_by_user').execute();
  await db.schema.createIndex('password_history_by_user').on('password_history').columns(['user_id', 'seq']).execute();
}
