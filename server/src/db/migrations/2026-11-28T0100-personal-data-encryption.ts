import type { Kysely } from 'kysely';

/**
 * Personal data at rest (issue 9): the registry of the keys that encrypt phones, with a check value per
 * key id (see DataKeyTable). The values themselves are encrypted by a start-up step after the migrations
 * (use-cases/personal-data-keys.ts): a migration is SQL and never sees DATA_KEY.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
