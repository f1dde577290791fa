import type { Kysely } from 'kysely';

/**
 * 公示, objections and 认定 (issue 16): a 公示 of a batch's candidates with its settings and computed window (and
 * the counter its objections' receipt numbers come from); one recognition record per candidate (status,
 * validity, certificate number, status history as JSON); the objections (the contact encrypted; the SHA-256 of the
 * token that lets the objector attach evidence; the official assigned, the notes, the city's response requested and
 * given) and their evidence files (stored like evidence, checked by content).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publicities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('first_day', 'text', (c) => c.notNull())
    .addColumn('last_day', 'text', (c) => c.notNull())
    .addColumn('objection_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publicities_by_start').on('publicities').columns(['starts_at']).execute();

  await db.schema
    .createTable('recognitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publicity_id', 'text', (c) => c.notNull().references('publicities.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('authority_code', 'text', (c) => c.notNull().references('authorities.code'))
    .addColumn('platform_name', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('city_name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('certificate_number', 'text', (c) => c.unique())
    .addColumn('history', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recognitions_once_per_publicity')
    .unique()
    .on('recognitions')
    .columns(['publicity_id', 'application_id'])
    .execute();

  await db.schema
    .createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publicity_id', 'text', (c) => c.notNull().references('publicities.id'))
    .addColumn('recognition_id', 'text', (c) => c.notNull().references('recognitions.id'))
    .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('upload_token_hash', 'text')
    .addColumn('assigned_to', 'text', (c) => c.references('users.id'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('city_request', 'text')
    .addColumn('city_requested_at', 'text')
    .addColumn('city_response', 'text')
    .addColumn('city_responded_by', 'text', (c) => c.references('users.id'))
    .addColumn('city_responded_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_text', 'text')
    .addColumn('registered_by', 'text', (c) => c.references('users.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('objections_by_recognition')
    .on('objections')
    .columns(['recognition_id', 'status'])
    .execute();

  await db.schema
    .createTable('objection_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('objection_id', 'text', (c) => c.notNull().references('objections.id'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('crc32', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('objection_files_by_objection').on('objection_files').column('objection_id').execute();
}
