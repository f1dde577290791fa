import type { Kysely } from 'kysely';

/**
 * Two-step sign-in and guessing limits: the last TOTP time step a user used (a code is accepted once),
 * the challenges between the password and the second factor, graphic captchas (answers hashed, one use),
 * and counters over a time window (failures of an account from all clients, refused registrations of a
 * client).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  await db.schema
    .createTable('login_challenges')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_challenges_by_expiry').on('login_challenges').column('expires_at').execute();
  await db.schema
    .createTable('captchas')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('answer_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('captchas_by_expiry').on('captchas').column('expires_at').execute();
  await db.schema
    .createTable('attempt_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_counters_by_window').on('attempt_counters').column('window_started_at').execute();
}
