import type { Kysely } from 'kysely';

/**
 * The CRC-32 of every stored file, computed by the digest worker beside SHA-256 and SM3, so that the
 * 刻盘 package writes its zip headers without reading the files twice. Files stored before this
 * migration have none; the server computes it for them at start (EvidenceDigests.resumePending).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('evidence_files').addColumn('crc32', 'bigint').execute();
}
