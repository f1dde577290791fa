import { sql, type Insertable } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, violates, type Db, type UniqueKey } from '../db/database.js';
import type { DeadlineExceptionTable, RecommendationTable } from '../db/schema.js';
import { sourcesOf, targetOf } from '../domain/application-status.js';
import { ACCEPTED_PACKAGE_STATUS } from '../domain/package-acceptance.js';
import { packageSourcesOf, packageTargetOf } from '../domain/package-status.js';
import { decryptFields, FORM_FIELDS } from './personal-fields.js';

export type RecommendOutcome = 'recommended' | 'quota_exhausted' | 'area_taken' | 'status_changed';

/** The constraints of the 2026-11-24T0100-city-review migration: one taker per quota slot, per designated area. */
export const SLOT_KEY: UniqueKey = {
  table: 'recommendations',
  name: 'recommendations_quota_slot',
  columns: ['batch_id', 'authority_code', 'quota_slot'],
};
export const AREA_KEY: UniqueKey = {
  table: 'recommendations',
  name: 'recommendations_area',
  columns: ['batch_id', 'designated_area_id'],
};

/** A city's package row before its first submission. */
const draftPackage = (batchId: string, authorityCode: string, at: string) => ({
  batch_id: batchId,
  authority_code: authorityCode,
  status: 'draft' as const,
  version: 0,
  submitted_at: null,
  returned_at: null,
  return_remarks: null,
  updated_at: at,
});

/** Recommendations within quota, the city's package to the province, and deadline exceptions. */
export class RecommendationRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** With each application's form, its contact phone decrypted (personal-fields.ts). */
  async listForAuthority(batchId: string, authorityCode: string) {
    return this.listRecommended(batchId, authorityCode);
  }

  /** Every recommendation of the batch, of every authority (the province's board): one query, not one per city. */
  listForBatch(batchId: string) {
    return this.listRecommended(batchId, null);
  }

  private async listRecommended(batchId: string, authorityCode: string | null) {
    let q = this.db
      .selectFrom('recommendations')
      .innerJoin('applications', 'applications.id', 'recommendations.application_id')
      .innerJoin('units', 'units.id', 'applications.unit_id')
      .select([
        'recommendations.application_id',
        'recommendations.channel',
        'recommendations.designated_area_id',
        'recommendations.quota_slot',
        'recommendations.recommended_at',
        'applications.form',
        'units.name as unit_name',
        'recommendations.authority_code',
      ])
      .where('recommendations.batch_id', '=', batchId)
      .orderBy('recommendations.recommended_at');
    if (authorityCode !== null) q = q.where('recommendations.authority_code', '=', authorityCode);
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, form: decryptFields(this.cipher, r.form, FORM_FIELDS) }));
  }

  find(applicationId: string) {
    return this.db
      .selectFrom('recommendations')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  }

  /**
   * Recommends atomically: the application moves from `submitted` to `recommended` and takes the lowest
   * free quota slot (or its designated area) in one transaction. The unique constraints on slot and area
   * are the last defence between concurrent takers: under PostgreSQL's READ COMMITTED two of them can read
   * the same free slots, and the second insert of a slot waits for the first taker and fails once it commits.
   * That attempt is rolled back to a savepoint and made again, reading the slots the other took, so the
   * answer is exact: recommended while a slot is free, `quota_exhausted` only when none is. Every failed
   * attempt means a slot taken meanwhile, so `quotaLimit` + 1 attempts end it (unless slots are also freed
   * meanwhile: the last failure is then thrown). An area taken meanwhile is `area_taken`.
   */
  async recommend(
    row: Omit<Insertable<RecommendationTable>, 'quota_slot'>,
    quotaLimit: number,
    now: Date,
  ): Promise<RecommendOutcome> {
    return atomic(this.db, async (trx) => {
      for (let attempt = 1; ; attempt++) {
        await sql`savepoint recommend`.execute(trx);
        try {
          const outcome = await this.takeSlot(trx, row, quotaLimit, now);
          await sql`release savepoint recommend`.execute(trx);
          return outcome;
        } catch (err) {
          await sql`rollback to savepoint recommend`.execute(trx);
          if (violates(err, AREA_KEY)) return 'area_taken';
          if (!violates(err, SLOT_KEY) || attempt > quotaLimit) throw err;
        }
      }
    });
  }

  private async takeSlot(
    trx: Db,
    row: Omit<Insertable<RecommendationTable>, 'quota_slot'>,
    quotaLimit: number,
    now: Date,
  ): Promise<RecommendOutcome> {
    let slot: number | null = null;
    if (row.channel === 'quota') {
      const used = new Set(
        (
          await trx
            .selectFrom('recommendations')
            .select('quota_slot')
            .where('batch_id', '=', row.batch_id)
            .where('authority_code', '=', row.authority_code)
            .where('quota_slot', 'is not', null)
            .execute()
        ).map((r) => r.quota_slot),
      );
      for (let s = 1; s <= quotaLimit && slot === null; s++) if (!used.has(s)) slot = s;
      if (slot === null) return 'quota_exhausted';
    }
    if (row.channel === 'designated_area') {
      const taken = await trx
        .selectFrom('recommendations')
        .select('application_id')
        .where('batch_id', '=', row.batch_id)
        .where('designated_area_id', '=', row.designated_area_id ?? '')
        .executeTakeFirst();
      if (taken) return 'area_taken';
    }
    const moved = await trx
      .updateTable('applications')
      .set({ status: targetOf('recommend'), updated_at: now.toISOString() })
      .where('id', '=', row.application_id)
      .where('status', 'in', sourcesOf('recommend'))
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return 'status_changed';
    await trx
      .insertInto('recommendations')
      .values({ ...row, quota_slot: slot })
      .execute();
    return 'recommended';
  }

  /** Withdraws: frees the slot and moves the application back to `submitted`. */
  async withdraw(applicationId: string, now: Date): Promise<boolean> {
    return atomic(this.db, async (trx) => {
      const moved = await trx
        .updateTable('applications')
        .set({ status: targetOf('withdraw'), updated_at: now.toISOString() })
        .where('id', '=', applicationId)
        .where('status', 'in', sourcesOf('withdraw'))
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom('recommendations').where('application_id', '=', applicationId).execute();
      return true;
    });
  }

  /** Every city's package of the batch, its exception and its latest submitted version (the province's board). */
  async listPackageRecords(batchId: string) {
    const [packages, exceptions, versions] = await Promise.all([
      this.db.selectFrom('city_packages').selectAll().where('batch_id', '=', batchId).execute(),
      this.db.selectFrom('deadline_exceptions').selectAll().where('batch_id', '=', batchId).execute(),
      this.db
        .selectFrom('package_versions as v')
        .selectAll('v')
        .where('v.batch_id', '=', batchId)
        .where((eb) =>
          eb(
            'v.version',
            '=',
            eb
              .selectFrom('package_versions as w')
              .select((w) => w.fn.max('w.version').as('latest'))
              .whereRef('w.batch_id', '=', 'v.batch_id')
              .whereRef('w.authority_code', '=', 'v.authority_code'),
          ),
        )
        .execute(),
    ]);
    return { packages, exceptions, versions };
  }

  findPackage(batchId: string, authorityCode: string) {
    return this.db
      .selectFrom('city_packages')
      .selectAll()
      .where('batch_id', '=', batchId)
      .where('authority_code', '=', authorityCode)
      .executeTakeFirst();
  }

  /**
   * Moves the package to `submitted` from a status the domain allows and records the version, atomically;
   * a missing package row is created. Returns false when the status had changed meanwhile.
   */
  async submitPackage(
    batchId: string,
    authorityCode: string,
    version: {
      id: string;
      snapshot: string;
      submittedBy: string;
      letter: { docNumber: string; documentDate: string; manifestSm3: string };
    },
    now: Date,
  ): Promise<boolean> {
    return atomic(this.db, async (trx) => {
      const at = now.toISOString();
      await trx
        .insertInto('city_packages')
        .values(draftPackage(batchId, authorityCode, at))
        .onConflict((oc) => oc.columns(['batch_id', 'authority_code']).doNothing())
        .execute();
      const r = await trx
        .updateTable('city_packages')
        .set((eb) => ({
          status: packageTargetOf('submit'),
          version: eb('version', '+', 1),
          submitted_at: at,
          updated_at: at,
        }))
        .where('batch_id', '=', batchId)
        .where('authority_code', '=', authorityCode)
        .where('status', 'in', packageSourcesOf('submit'))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      const pkg = await trx
        .selectFrom('city_packages')
        .select('version')
        .where('batch_id', '=', batchId)
        .where('authority_code', '=', authorityCode)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('package_versions')
        .values({
          id: version.id,
          batch_id: batchId,
          authority_code: authorityCode,
          version: pkg.version,
          snapshot: version.snapshot,
          submitted_by: version.submittedBy,
          submitted_at: at,
          doc_number: version.letter.docNumber,
          document_date: version.letter.documentDate,
          manifest_sm3: version.letter.manifestSm3,
        })
        .execute();
      return true;
    });
  }

  /** The latest submitted version of a city's package (its 发文字号, 成文日期 and fingerprint). */
  findLatestVersion(batchId: string, authorityCode: string) {
    return this.db
      .selectFrom('package_versions')
      .selectAll()
      .where('batch_id', '=', batchId)
      .where('authority_code', '=', authorityCode)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The 成文日期 a city chose for its next submission (null: the day it submits); creates the draft package row. */
  async setDocumentDate(batchId: string, authorityCode: string, date: string | null, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.db
      .insertInto('city_packages')
      .values({ ...draftPackage(batchId, authorityCode, at), document_date: date })
      .onConflict((oc) =>
        oc.columns(['batch_id', 'authority_code']).doUpdateSet({ document_date: date, updated_at: at }),
      )
      .execute();
  }

  async returnPackage(batchId: string, authorityCode: string, remarks: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('city_packages')
      .set({
        status: packageTargetOf('return'),
        returned_at: now.toISOString(),
        return_remarks: remarks,
        updated_at: now.toISOString(),
      })
      .where('batch_id', '=', batchId)
      .where('authority_code', '=', authorityCode)
      .where('status', 'in', packageSourcesOf('return'))
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * 省级受理 of the submitted `version`, once: false when the package was accepted, returned or submitted
   * again meanwhile (the conditional UPDATE decides between concurrent accepts and a return).
   */
  async acceptPackage(batchId: string, authorityCode: string, version: number, userId: string, now: Date) {
    const r = await this.db
      .updateTable('city_packages')
      .set({
        accepted_at: now.toISOString(),
        accepted_by: userId,
        accepted_version: version,
        updated_at: now.toISOString(),
      })
      .where('batch_id', '=', batchId)
      .where('authority_code', '=', authorityCode)
      .where('status', '=', ACCEPTED_PACKAGE_STATUS)
      .where('version', '=', version)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  findException(batchId: string, authorityCode: string) {
    return this.db
      .selectFrom('deadline_exceptions')
      .selectAll()
      .where('batch_id', '=', batchId)
      .where('authority_code', '=', authorityCode)
      .executeTakeFirst();
  }

  async upsertException(row: Insertable<DeadlineExceptionTable>): Promise<void> {
    await this.db
      .insertInto('deadline_exceptions')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['batch_id', 'authority_code']).doUpdateSet({
          reason: row.reason,
          ends_at: row.ends_at,
          granted_by: row.granted_by,
          granted_at: row.granted_at,
        }),
      )
      .execute();
  }
}
