import type { Kysely } from 'kysely';

/**
 * The 推荐文件 as a 公文: each authority's letter settings (official name, 发文机关标志, 发文字号 prefix, the
 * 附注 contact), its 发文字号 sequence per year (the next number, which the authority may move forward past
 * numbers its office gave by hand, and the last one this system gave, below which it cannot go back), the 成文日期 a city chose before submitting, and on every
 * submitted version the number it took (unique: a number is never given twice, a returned version's
 * number stays retired), its 成文日期 and the SM3 fingerprint of the package's materials.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('letter_settings')
    .addColumn('authority_code', 'text', (c) => c.primaryKey().references('authorities.code'))
    .addColumn('official_name', 'text', (c) => c.notNull())
    .addColumn('letterhead', 'text', (c) => c.notNull())
    .addColumn('doc_number_prefix', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('letter_sequences')
    .addColumn('authority_code', 'text', (c) => c.notNull().references('authorities.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('next_number', 'integer', (c) => c.notNull())
    .addColumn('last_given', 'integer')
    .addPrimaryKeyConstraint('letter_sequences_pk', ['authority_code', 'year'])
    .execute();
  await db.schema.alterTable('city_packages').addColumn('document_date', 'text').execute();
  await db.schema.alterTable('package_versions').addColumn('doc_number', 'text').execute();
  await db.schema.alterTable('package_versions').addColumn('document_date', 'text').execute();
  await db.schema.alterTable('package_versions').addColumn('manifest_sm3', 'text').execute();
  await db.schema
    .createIndex('package_versions_doc_number')
    .unique()
    .on('package_versions')
    .column('doc_number')
    .execute();
}
