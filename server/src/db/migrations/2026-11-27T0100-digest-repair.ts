import { sql, type Kysely } from 'kysely';

/**
 * Repairs the digests recorded before the digest worker was fixed: it shared one read buffer across
 * concurrent jobs, so files uploaded together got SHA-256/SM3/CRC-32 of bytes that were not theirs (the
 * stored bytes were intact). Every file that has digests is queued for a recheck with its old values and
 * its digests are cleared; the worker recomputes them from the stored bytes at start (resumePending), and
 * EvidenceDigests records a correction and an audit entry for each file whose digests were wrong. Until
 * then the file shows 计算中 and a 刻盘 package waits for it, so no wrong digest is used again.
 *
 * Also: the scrub's last result per file (`checked_at`, `check_failed_at`), which the 刻盘 plan reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('digest_rechecks')
    .addColumn('file_id', 'text', (c) => c.primaryKey().references('evidence_files.id').onDelete('cascade'))
    .addColumn('old_sha256', 'text')
    .addColumn('old_sm3', 'text')
    .addColumn('old_crc32', 'bigint')
    .execute();
  await db.schema
    .createTable('digest_corrections')
    .addColumn('file_id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('old_sha256', 'text')
    .addColumn('old_sm3', 'text')
    .addColumn('old_crc32', 'bigint')
    .addColumn('new_sha256', 'text', (c) => c.notNull())
    .addColumn('new_sm3', 'text', (c) => c.notNull())
    .addColumn('new_crc32', 'bigint', (c) => c.notNull())
    .addColumn('corrected_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digest_corrections_by_application').on('digest_corrections').column('application_id').execute();
  await queueDigestRechecks(db);

  await db.schema.alterTable('evidence_files').addColumn('checked_at', 'text').execute();
  await db.schema.alterTable('evidence_files').addColumn('check_failed_at', 'text').execute();
}

/** Queues every file that has digests for a recheck, with its old values, and clears its digests. */
export async function queueDigestRechecks(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO digest_rechecks (file_id, old_sha256, old_sm3, old_crc32)
            SELECT id, sha256, sm3, crc32 FROM evidence_files WHERE sha256 IS NOT NULL`.execute(db);
  await sql`UPDATE evidence_files SET sha256 = NULL, sm3 = NULL, crc32 = NULL
            WHERE id IN (SELECT file_id FROM digest_rechecks)`.execute(db);
}
