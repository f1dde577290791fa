import type { Kysely } from 'kysely';

/** City review, survey, recommendation and the package to the province (notice 第（二）–（五）条). */
export async function up(db: Kysely<unknown>): Promise<void> {
  // When each official last opened each application: "new since you last looked" is per application.
  await db.schema
    .createTable('application_views')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('viewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_views_pk', ['user_id', 'application_id'])
    .execute();

  await db.schema
    .createTable('review_findings')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('remark', 'text', (c) => c.notNull())
    .addColumn('corrected_value', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_findings_pk', ['application_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('site_checks')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('officials', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('scan_file_id', 'text', (c) => c.references('evidence_files.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('interviews')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('officials', 'text', (c) => c.notNull())
    .addColumn('principal_name', 'text', (c) => c.notNull())
    .addColumn('principal_title', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('methods', 'text', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('draw_order', 'text', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_contacts')
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('roster_row_no', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('interviewee', 'text')
    .addColumn('position', 'text')
    .addColumn('phone', 'text')
    .addColumn('rating', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_contacts_pk', ['application_id', 'roster_row_no'])
    .execute();

  await db.schema
    .createTable('opinions')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('opinion_date', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_returns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('returned_by', 'text', (c) => c.notNull())
    .addColumn('returned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_returns_app').on('application_returns').columns(['application_id', 'returned_at']).execute();

  await db.schema
    .createTable('application_rejections')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rejected_by', 'text', (c) => c.notNull())
    .addColumn('rejected_at', 'text', (c) => c.notNull())
    .execute();

  // Quota slots and designated areas are unique per batch: two concurrent recommendations of the last
  // slot cannot both be inserted, on SQLite or PostgreSQL alike (NULLs do not collide).
  await db.schema
    .createTable('recommendations')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('authority_code', 'text', (c) => c.notNull().references('authorities.code'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('designated_area_id', 'text')
    .addColumn('quota_slot', 'integer')
    .addColumn('recommended_by', 'text', (c) => c.notNull())
    .addColumn('recommended_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('recommendations_quota_slot', ['batch_id', 'authority_code', 'quota_slot'])
    .addUniqueConstraint('recommendations_area', ['batch_id', 'designated_area_id'])
    .execute();

  await db.schema
    .createTable('city_packages')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('authority_code', 'text', (c) => c.notNull().references('authorities.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('return_remarks', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('city_packages_pk', ['batch_id', 'authority_code'])
    .execute();

  await db.schema
    .createTable('package_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('authority_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('package_versions_unique', ['batch_id', 'authority_code', 'version'])
    .execute();

  await db.schema
    .createTable('deadline_exceptions')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('authority_code', 'text', (c) => c.notNull().references('authorities.code'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deadline_exceptions_pk', ['batch_id', 'authority_code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The city review migration cannot be reverted');
}
