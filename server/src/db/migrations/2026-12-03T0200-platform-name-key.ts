import type { Kysely } from 'kysely';

/**
 * The platform name as duplicate detection compares it, kept beside the form so that duplicates are found by
 * an indexed lookup instead of parsing every application of the batch. The key is domain/eligibility.ts's
 * `normalizeForWordCheck` (NFKC, no white space), copied here as it was when this migration was written.
 */
const nameKey = (name: unknown): string | null =>
  typeof name === 'string' && name !== '' ? name.normalize('NFKC').replace(/\s+/gu, '') : null;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('platform_name_key', 'text').execute();
  const rows: { id: string; form: string }[] = await db.selectFrom('applications').select(['id', 'form']).execute();
  for (const row of rows) {
    const key = nameKey((JSON.parse(row.form) as { platformName?: unknown }).platformName);
    if (key !== null)
      await db.updateTable('applications').set({ platform_name_key: key }).where('id', '=', row.id).execute();
  }
  await db.schema
    .createIndex('applications_batch_name_key')
    .on('applications')
    .columns(['batch_id', 'platform_name_key'])
    .execute();
  // The city queue of one batch (the older index leads with the authority and knows no batch).
  await db.schema
    .createIndex('applications_batch_authority')
    .on('applications')
    .columns(['batch_id', 'authority_code', 'status'])
    .execute();
}
