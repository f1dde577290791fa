import type { Kysely } from 'kysely';

/**
 * A file confirmed for a later year's application (沿用去年的文件) is a second row on the same blob; deleting
 * a row asks whether any other still points to its blob (FileRepository.isReferenced), by storage key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('evidence_files_storage_key').on('evidence_files').column('storage_key').execute();
}
