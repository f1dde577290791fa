import type { Kysely } from 'kysely';

/**
 * 省级受理: the province accepts a city's submitted package. Who accepted it, when, and which submitted
 * version; set once (the package stays `submitted`, and an accepted package can be neither returned nor
 * submitted again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('city_packages').addColumn('accepted_at', 'text').execute();
  await db.schema
    .alterTable('city_packages')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('city_packages').addColumn('accepted_version', 'integer').execute();
}
