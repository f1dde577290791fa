import type { Insertable } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, type Db } from '../db/database.js';
import { sourcesOf, targetOf } from '../domain/application-status.js';
import type {
  ApplicationRejectionTable,
  ApplicationReturnTable,
  InterviewTable,
  OpinionTable,
  ReviewFindingTable,
  SiteCheckTable,
  SurveyContactTable,
  SurveyTable,
} from '../db/schema.js';
import { decryptFields, SNAPSHOT_FIELDS } from './personal-fields.js';

/**
 * The city's review records of an application: findings, site check, interview, survey, opinion.
 * Surveyed contacts' phones are stored encrypted (personal-fields.ts): written encrypted, read decrypted.
 */
export class ReviewRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  listFindings(applicationId: string) {
    return this.db.selectFrom('review_findings').selectAll().where('application_id', '=', applicationId).execute();
  }

  async upsertFinding(row: Insertable<ReviewFindingTable>): Promise<void> {
    const { application_id: _a, item_key: _k, ...update } = row;
    await this.db
      .insertInto('review_findings')
      .values(row)
      .onConflict((oc) => oc.columns(['application_id', 'item_key']).doUpdateSet(update))
      .execute();
  }

  findSiteCheck(applicationId: string) {
    return this.db.selectFrom('site_checks').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
  }

  async upsertSiteCheck(row: Insertable<SiteCheckTable>): Promise<void> {
    const { application_id: _a, scan_file_id: _s, ...update } = row;
    await this.db
      .insertInto('site_checks')
      .values(row)
      .onConflict((oc) => oc.column('application_id').doUpdateSet(update))
      .execute();
  }

  /**
   * Points the site check at a new scan and deletes the file row of the scan it replaces; returns that
   * file's storage key, for the caller to remove after the commit.
   */
  async replaceSiteCheckScan(applicationId: string, fileId: string): Promise<string | null> {
    return atomic(this.db, async (trx) => {
      const before = await trx
        .selectFrom('site_checks')
        .select('scan_file_id')
        .where('application_id', '=', applicationId)
        .executeTakeFirst();
      await trx
        .updateTable('site_checks')
        .set({ scan_file_id: fileId })
        .where('application_id', '=', applicationId)
        .execute();
      if (!before?.scan_file_id || before.scan_file_id === fileId) return null;
      const old = await trx
        .selectFrom('evidence_files')
        .select('storage_key')
        .where('id', '=', before.scan_file_id)
        .executeTakeFirst();
      await trx.deleteFrom('evidence_files').where('id', '=', before.scan_file_id).execute();
      return old?.storage_key ?? null;
    });
  }

  findInterview(applicationId: string) {
    return this.db.selectFrom('interviews').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
  }

  async upsertInterview(row: Insertable<InterviewTable>): Promise<void> {
    const { application_id: _a, ...update } = row;
    await this.db
      .insertInto('interviews')
      .values(row)
      .onConflict((oc) => oc.column('application_id').doUpdateSet(update))
      .execute();
  }

  findSurvey(applicationId: string) {
    return this.db.selectFrom('surveys').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
  }

  /** Records the draw once: a second draw of the same application inserts nothing and returns false. */
  async insertSurveyOnce(row: Insertable<SurveyTable>): Promise<boolean> {
    const r = await this.db
      .insertInto('surveys')
      .values(row)
      .onConflict((oc) => oc.column('application_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async setSurveyMethods(applicationId: string, methods: string): Promise<void> {
    await this.db.updateTable('surveys').set({ methods }).where('application_id', '=', applicationId).execute();
  }

  async listSurveyContacts(applicationId: string) {
    const rows = await this.db
      .selectFrom('survey_contacts')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute();
    return rows.map((r) => ({ ...r, phone: r.phone === null ? null : this.cipher.decrypt(r.phone) }));
  }

  async upsertSurveyContact(plain: Insertable<SurveyContactTable>): Promise<void> {
    const row = { ...plain, phone: typeof plain.phone === 'string' ? this.cipher.encrypt(plain.phone) : plain.phone };
    const { application_id: _a, roster_row_no: _r, ...update } = row;
    await this.db
      .insertInto('survey_contacts')
      .values(row)
      .onConflict((oc) => oc.columns(['application_id', 'roster_row_no']).doUpdateSet(update))
      .execute();
  }

  findOpinion(applicationId: string) {
    return this.db.selectFrom('opinions').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
  }

  async upsertOpinion(row: Insertable<OpinionTable>): Promise<void> {
    const { application_id: _a, ...update } = row;
    await this.db
      .insertInto('opinions')
      .values(row)
      .onConflict((oc) => oc.column('application_id').doUpdateSet(update))
      .execute();
  }

  latestReturn(applicationId: string) {
    return this.db
      .selectFrom('application_returns')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('returned_at', 'desc')
      .orderBy('id')
      .executeTakeFirst();
  }

  findRejection(applicationId: string) {
    return this.db
      .selectFrom('application_rejections')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  }

  /** Moves the application and records why, atomically, only from the expected status. */
  async recordReturn(row: Insertable<ApplicationReturnTable>, now: Date): Promise<boolean> {
    return atomic(this.db, async (trx) => {
      const r = await trx
        .updateTable('applications')
        .set({ status: targetOf('return'), updated_at: now.toISOString() })
        .where('id', '=', row.application_id)
        .where('status', 'in', sourcesOf('return'))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await trx.insertInto('application_returns').values(row).execute();
      return true;
    });
  }

  async recordRejection(row: Insertable<ApplicationRejectionTable>, now: Date): Promise<boolean> {
    return atomic(this.db, async (trx) => {
      const r = await trx
        .updateTable('applications')
        .set({ status: targetOf('reject'), updated_at: now.toISOString() })
        .where('id', '=', row.application_id)
        .where('status', 'in', sourcesOf('reject'))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('application_rejections')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('application_id')
            .doUpdateSet({ reason: row.reason, rejected_by: row.rejected_by, rejected_at: row.rejected_at }),
        )
        .execute();
      return true;
    });
  }

  async listVersions(applicationId: string) {
    const rows = await this.db
      .selectFrom('application_versions')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, snapshot: decryptFields(this.cipher, r.snapshot, SNAPSHOT_FIELDS) }));
  }
}
