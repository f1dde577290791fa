import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { DigestCorrectionTable } from '../db/schema.js';
import type { FileDigests } from '../storage/file-digester.js';

/** The stored files' integrity records: digest rechecks and corrections, scrub results, references. */
export class FileRepository {
  constructor(private readonly db: Db) {}

  /** Takes (removes and returns) the recheck queued for a file by the digest-repair migration, if any. */
  takeRecheck(fileId: string) {
    return this.db.deleteFrom('digest_rechecks').where('file_id', '=', fileId).returningAll().executeTakeFirst();
  }

  /** Which application a stored file belongs to, and its name. */
  findOwner(fileId: string) {
    return this.db
      .selectFrom('evidence_files')
      .select(['application_id', 'original_name'])
      .where('id', '=', fileId)
      .executeTakeFirst();
  }

  /** Where a file is stored, if its row still exists. */
  async storageKeyOf(fileId: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('evidence_files')
      .select('storage_key')
      .where('id', '=', fileId)
      .executeTakeFirst();
    return r?.storage_key ?? null;
  }

  /** Of these files, the ones whose rows exist and have no digests yet. */
  async undigested(fileIds: readonly string[]): Promise<string[]> {
    if (!fileIds.length) return [];
    const rows = await this.db
      .selectFrom('evidence_files')
      .select('id')
      .where('id', 'in', [...fileIds])
      .where('crc32', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  }

  async recordCorrection(row: Insertable<DigestCorrectionTable>): Promise<void> {
    await this.db
      .insertInto('digest_corrections')
      .values(row)
      .onConflict((oc) =>
        oc.column('file_id').doUpdateSet({
          new_sha256: row.new_sha256,
          new_sm3: row.new_sm3,
          new_crc32: row.new_crc32,
          corrected_at: row.corrected_at,
        }),
      )
      .execute();
  }

  listCorrections(applicationId: string) {
    return this.db.selectFrom('digest_corrections').selectAll().where('application_id', '=', applicationId).execute();
  }

  /** Files whose last scrub is oldest (never scrubbed first), with their recorded digests. */
  listForScrub(limit: number) {
    return this.db
      .selectFrom('evidence_files')
      .select([
        'id',
        'application_id',
        'original_name',
        'storage_key',
        'size_bytes',
        'sha256',
        'sm3',
        'crc32',
        'check_failed_at',
      ])
      .where('crc32', 'is not', null)
      .orderBy((eb) => eb.case().when('checked_at', 'is', null).then(0).else(1).end())
      .orderBy('checked_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * Records a scrub's result, only if the digests it compared against are still the recorded ones (a
   * file re-digested meanwhile is left for the next round). Returns whether the result was recorded.
   */
  async recordScrub(fileId: string, compared: FileDigests, failed: boolean, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('evidence_files')
      .set({ checked_at: now.toISOString(), check_failed_at: failed ? now.toISOString() : null })
      .where('id', '=', fileId)
      .where('sha256', '=', compared.sha256)
      .where('sm3', '=', compared.sm3)
      .where('crc32', '=', compared.crc32)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Every storage key a row points to (an application's evidence, an objection's 佐证材料). */
  async referencedKeys(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('evidence_files')
      .select('storage_key')
      .union(this.db.selectFrom('objection_files').select('storage_key'))
      .execute();
    return new Set(rows.map((r) => r.storage_key));
  }

  /** Whether any row still points to a stored blob (a file confirmed for a later year shares its blob). */
  async isReferenced(storageKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('evidence_files')
      .select('id')
      .where('storage_key', '=', storageKey)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Agreement files no institution points to, uploaded before `before`: what an applicant uploaded for a
   * row that was never saved, or that was removed from the list.
   */
  listUnattachedAgreements(before: Date, applicationId?: string) {
    let q = this.db
      .selectFrom('evidence_files')
      .select(['id', 'application_id', 'original_name', 'storage_key'])
      .where('evidence_type', '=', AGREEMENT_TYPE)
      .where('uploaded_at', '<', before.toISOString())
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('institutions')
              .select('institutions.id')
              .whereRef('institutions.agreement_file_id', '=', 'evidence_files.id'),
          ),
        ),
      );
    if (applicationId) q = q.where('application_id', '=', applicationId);
    return q.execute();
  }

  async deleteFiles(ids: readonly string[]): Promise<void> {
    if (ids.length)
      await this.db
        .deleteFrom('evidence_files')
        .where('id', 'in', [...ids])
        .execute();
  }
}

/** The evidence type of an institution's cooperation agreement; such a file is evidence only while an institution points to it. */
export const AGREEMENT_TYPE = 'institution_agreement';
