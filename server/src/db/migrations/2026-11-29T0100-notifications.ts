import type { Kysely } from 'kysely';

/**
 * Notifications: an outbox of events written by the use cases in their own transaction
 * (`notification_events`), the notifications the job makes of them and of the deadline reminders (one row
 * per recipient, `dedupe_key` unique: an event or a reminder threshold reaches a user once however often
 * or however concurrently the job runs), each with the state of its email; and an optional email address
 * per user (encrypted like the phones).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('notification_events_pending')
    .on('notification_events')
    .columns(['processed_at', 'next_attempt_at'])
    .execute();
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('email_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_next_at', 'text')
    .addColumn('email_error', 'text')
    .addColumn('email_sent_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_by_user').on('notifications').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createIndex('notifications_email_due')
    .on('notifications')
    .columns(['email_status', 'email_next_at'])
    .execute();
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
}
