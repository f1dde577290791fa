import type { Kysely } from 'kysely';

/**
 * The served-enterprise roster of a yearly report (issue 16 item 5): its rows (the phone encrypted, as the
 * application's roster) and the workbook it was imported from (`roster_file`, JSON: storage key, name, size,
 * digests, when). The report's 年服务企业数 is the roster's row count once one is imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_roster_rows')
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('served_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annual_roster_rows_pk', ['report_id', 'row_no'])
    .execute();
  await db.schema.alterTable('annual_reports').addColumn('roster_file', 'text').execute();
}
