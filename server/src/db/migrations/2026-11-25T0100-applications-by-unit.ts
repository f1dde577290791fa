import type { Kysely } from 'kysely';

/**
 * An applicant's every page load finds its unit's applications (ApplicationRepository.listByUnit); the
 * unique (batch_id, unit_id) index cannot serve a lookup by unit alone, so that was a table scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('applications_unit').on('applications').column('unit_id').execute();
}
