import type { Kysely } from 'kysely';

/**
 * The recognised platform's years (issue 16 item 5): one yearly report per recognition and year (its figures as
 * JSON, the self-assessment, a version for compare-and-set saves, the city's check and the province's evaluation
 * as JSON), and the 整改 (rectification) orders with the platform's response and the province's acceptance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recognition_id', 'text', (c) => c.notNull().references('recognitions.id'))
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('self_assessment', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
    .addColumn('city_check', 'text')
    .addColumn('evaluation', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('annual_reports_once_a_year')
    .unique()
    .on('annual_reports')
    .columns(['recognition_id', 'report_year'])
    .execute();

  await db.schema
    .createTable('rectifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recognition_id', 'text', (c) => c.notNull().references('recognitions.id'))
    .addColumn('report_year', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('ordered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('responded_by', 'text', (c) => c.references('users.id'))
    .addColumn('responded_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('close_note', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('rectifications_by_recognition').on('rectifications').columns(['recognition_id']).execute();
}
