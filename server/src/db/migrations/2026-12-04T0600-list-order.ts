import type { Kysely } from 'kysely';

/**
 * The officials' list in its default order (newest submission first, then id), for the province and for one city:
 * the database walks the index to the page and stops there, instead of sorting the whole batch for every page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('applications_batch_submitted')
    .on('applications')
    .columns(['batch_id', 'submitted_at', 'id'])
    .execute();
  await db.schema
    .createIndex('applications_batch_authority_submitted')
    .on('applications')
    .columns(['batch_id', 'authority_code', 'submitted_at', 'id'])
    .execute();
}
