import type { Kysely } from 'kysely';

/**
 * Accounts for production (issue 9): one-time passwords that must be changed, password history,
 * disabling, last login, TOTP with recovery codes, failed logins per account and client, sessions
 * with their client, and authorities that require a second factor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column, type, notNullDefault] of [
    ['must_change_password', 'integer', 0],
    ['password_changed_at', 'text', null],
    ['disabled_at', 'text', null],
    ['last_login_at', 'text', null],
    ['totp_secret', 'text', null],
    ['totp_pending_secret', 'text', null],
    ['totp_enabled_at', 'text', null],
  ] as const) {
    await db.schema
      .alterTable('users')
      .addColumn(column, type, (c) => (notNullDefault === null ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();
  }
  await db.schema
    .createTable('password_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_by_user').on('password_history').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_codes_by_user').on('recovery_codes').column('user_id').execute();
  await db.schema
    .createTable('login_failures')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failures_pk', ['user_id', 'client_key'])
    .execute();
  await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
  await db.schema.alterTable('authorities').addColumn('require_totp', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
