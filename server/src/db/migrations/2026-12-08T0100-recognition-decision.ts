import type { Kysely } from 'kysely';

/**
 * 认定文件 (issue 16 item 3): what 认定 froze of the province's decision document on its 公示 (`decision`, JSON: the
 * issuer as its settings stood, the 发文字号 number taken and the 成文日期), so the document prints the same
 * whenever it is downloaded. Null until 认定.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('publicities').addColumn('decision', 'text').execute();
}
