import type { Kysely } from 'kysely';

/** The account-wide failure count and lock, replaced by login_failures (per account and client). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}
