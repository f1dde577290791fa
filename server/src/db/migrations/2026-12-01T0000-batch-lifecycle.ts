import type { Kysely } from 'kysely';

/**
 * Batch administration: a batch is prepared (`preparation`, seen by the system administrator only) and then
 * published; batches stored before are published. `version` guards an edit against a concurrent one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('batches')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
    .execute();
  await db.schema
    .alterTable('batches')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('batches').addColumn('published_at', 'text').execute();
}
