import type { Kysely } from 'kysely';

/**
 * The per-minute request limits of @fastify/rate-limit (http/rate-limit-store.ts), counted in the database so
 * that every server process counts against one limit: a fixed window per route and client, its end in
 * milliseconds since the epoch. Rows of windows long over are removed by their end, hence the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('window_ends_at', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['scope', 'client_key'])
    .execute();
  await db.schema.createIndex('rate_limits_by_end').on('rate_limits').column('window_ends_at').execute();
}
