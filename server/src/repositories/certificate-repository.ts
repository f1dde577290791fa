import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { CertificateTable } from '../db/schema.js';

export type CertificateRow = Selectable<CertificateTable>;

/** What a certificate's payload takes from the records besides the recognition itself. */
export interface CertificateSource {
  recognitionId: string;
  uscc: string;
  batchYear: number;
  batchTitle: string;
}

/** A certificate with what its recognition says now (status, platform, unit, city). */
export type CertificateWithRecognition = CertificateRow & {
  status: string;
  platform_name: string;
  unit_name: string;
  city_name: string;
  unit_id: string;
};

/** Certificates of recognised platforms (issue 16): issued with 认定, verified in public, revoked by the province. */
export class CertificateRepository {
  constructor(private readonly db: Db) {}

  /** The unit's USCC and the batch of each recognition, for the payloads. */
  async sources(recognitionIds: readonly string[]): Promise<CertificateSource[]> {
    if (!recognitionIds.length) return [];
    const rows = await this.db
      .selectFrom('recognitions as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('publicities as p', 'p.id', 'r.publicity_id')
      .innerJoin('batches as b', 'b.id', 'p.batch_id')
      .select(['r.id as recognitionId', 'u.uscc', 'b.year as batchYear', 'b.label as batchTitle'])
      .where('r.id', 'in', recognitionIds)
      .execute();
    return rows.map((r) => ({ ...r, batchYear: Number(r.batchYear) }));
  }

  async insert(row: Insertable<CertificateTable>): Promise<void> {
    await this.db.insertInto('certificates').values(row).execute();
  }

  private withRecognition() {
    return this.db
      .selectFrom('certificates as c')
      .innerJoin('recognitions as r', 'r.id', 'c.recognition_id')
      .selectAll('c')
      .select(['r.status', 'r.platform_name', 'r.unit_name', 'r.city_name', 'r.unit_id']);
  }

  async findByKey(numberKey: string): Promise<CertificateWithRecognition | undefined> {
    return this.withRecognition().where('c.number_key', '=', numberKey).executeTakeFirst();
  }

  async findByRecognition(recognitionId: string): Promise<CertificateWithRecognition | undefined> {
    return this.withRecognition().where('c.recognition_id', '=', recognitionId).executeTakeFirst();
  }

  /** Every certificate of a 公示's recognitions, in list order (for the decision document). */
  async listOfPublicity(publicityId: string): Promise<CertificateWithRecognition[]> {
    return this.withRecognition().where('r.publicity_id', '=', publicityId).orderBy('r.position').execute();
  }

  /** Revoked certificates, the latest first (the public list of revocations). */
  async listRevoked(): Promise<CertificateWithRecognition[]> {
    return this.withRecognition()
      .where('c.revoked_at', 'is not', null)
      .orderBy('c.revoked_at', 'desc')
      .orderBy('c.number')
      .execute();
  }

  /** Records the revocation of a certificate not yet revoked; false when it already was. */
  async revoke(
    recognitionId: string,
    revocation: { at: string; reason: string; notice: string; by: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('certificates')
      .set({
        revoked_at: revocation.at,
        revocation_reason: revocation.reason,
        revocation_notice: revocation.notice,
        revoked_by: revocation.by,
      })
      .where('recognition_id', '=', recognitionId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
