import type { Insertable, Selectable, Updateable } from 'kysely';
import type { HolidayYear } from '#contract';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, type Db } from '../db/database.js';
import type { ObjectionFileTable, ObjectionTable, PublicityTable, RecognitionTable } from '../db/schema.js';

export type PublicityRow = Selectable<PublicityTable>;
export type RecognitionRow = Selectable<RecognitionTable>;
export type ObjectionRow = Selectable<ObjectionTable>;
export type ObjectionFileRow = Selectable<ObjectionFileTable>;

/** A candidate as the 公示 lists it: the application's platform, its unit and the city of its region. */
export interface CandidateSource {
  application_id: string;
  unit_id: string;
  authority_code: string;
  platform_name: string;
  unit_name: string;
  city_name: string;
}

/**
 * The holiday table, 公示, recognition records and objections (issue 16). Objectors' names and contacts are personal
 * data, stored encrypted (personal-fields.ts): written encrypted, read decrypted.
 */
export class PublicityRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  // ——— The holiday table ———

  async listHolidayYears(): Promise<HolidayYear[]> {
    const rows = await this.db.selectFrom('holiday_years').selectAll().orderBy('year').execute();
    return rows.map((r) => ({
      year: r.year,
      source: r.source,
      holidays: JSON.parse(r.holidays) as HolidayYear['holidays'],
      workdays: JSON.parse(r.workdays) as HolidayYear['workdays'],
    }));
  }

  /** Adds each year not in the table yet (a year already there is left as the administrator set it). */
  async insertMissingHolidayYears(years: readonly HolidayYear[], at: string): Promise<number> {
    let added = 0;
    for (const y of years) {
      const result = await this.db
        .insertInto('holiday_years')
        .values({ ...holidayColumns(y), updated_by: null, updated_at: at })
        .onConflict((oc) => oc.column('year').doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async saveHolidayYear(y: HolidayYear, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('holiday_years')
      .values({ ...holidayColumns(y), updated_by: by, updated_at: at })
      .onConflict((oc) => oc.column('year').doUpdateSet({ ...holidayColumns(y), updated_by: by, updated_at: at }))
      .execute();
  }

  // ——— 公示 ———

  /** Platform, unit and city of the given applications, in the order given. */
  async candidateSources(applicationIds: readonly string[]): Promise<CandidateSource[]> {
    if (!applicationIds.length) return [];
    const rows = await this.db
      .selectFrom('applications as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .innerJoin('regions as r', 'r.code', 'u.region_code')
      .innerJoin('authorities as au', 'au.code', 'r.authority_code')
      .select([
        'a.id as application_id',
        'a.unit_id',
        'a.authority_code',
        'a.platform_name',
        'u.name as unit_name',
        'au.name as city_name',
      ])
      .where('a.id', 'in', [...applicationIds])
      .execute();
    const byId = new Map(rows.map((r) => [r.application_id, r]));
    return applicationIds.flatMap((id) => byId.get(id) ?? []);
  }

  /** Which of the applications are on a 公示 already and not withdrawn from it (publicized or recognised since). */
  async onListAlready(applicationIds: readonly string[]): Promise<Set<string>> {
    if (!applicationIds.length) return new Set();
    const rows = await this.db
      .selectFrom('recognitions')
      .select('application_id')
      .where('application_id', 'in', [...applicationIds])
      .where('status', '!=', 'withdrawn')
      .execute();
    return new Set(rows.map((r) => r.application_id));
  }

  async insertPublicity(row: Insertable<PublicityTable>, candidates: Insertable<RecognitionTable>[]): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx.insertInto('publicities').values(row).execute();
      await trx.insertInto('recognitions').values(candidates).execute();
    });
  }

  findPublicity(id: string): Promise<PublicityRow | undefined> {
    return this.db.selectFrom('publicities').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** What 认定 froze of the 认定文件 (JSON), recorded in 认定's transaction. */
  async recordDecision(id: string, decision: string): Promise<void> {
    await this.db.updateTable('publicities').set({ decision }).where('id', '=', id).execute();
  }

  /** Every 公示, the latest created first. */
  listPublicities(): Promise<PublicityRow[]> {
    return this.db.selectFrom('publicities').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  }

  listCandidates(publicityIds: readonly string[]): Promise<RecognitionRow[]> {
    if (!publicityIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('recognitions')
      .selectAll()
      .where('publicity_id', 'in', [...publicityIds])
      .orderBy('publicity_id')
      .orderBy('position')
      .execute();
  }

  findCandidate(id: string): Promise<RecognitionRow | undefined> {
    return this.db.selectFrom('recognitions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Changes a candidate that is still in `from`; false when it changed since. */
  async updateCandidate(id: string, from: string, changes: Updateable<RecognitionTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('recognitions')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', from as RecognitionRow['status'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Recognitions still holding the title whose last day is before `today` (Beijing date): due to expire. */
  listLapsed(today: string): Promise<RecognitionRow[]> {
    return this.db
      .selectFrom('recognitions')
      .selectAll()
      .where('status', 'in', ['recognized', 'in_rectification'])
      .where('valid_to', '<', today)
      .orderBy('valid_to')
      .orderBy('id')
      .execute();
  }

  /** The unit's recognition for a later period (its 复核 passed), if any. */
  findSuccessor(unitId: string, after: string): Promise<RecognitionRow | undefined> {
    return this.db
      .selectFrom('recognitions')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('status', 'in', ['recognized', 'in_rectification'])
      .where('valid_from', '>', after)
      .orderBy('valid_from')
      .executeTakeFirst();
  }

  /** Every certificate number issued so far (the next one continues after the year's highest). */
  async certificateNumbers(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('recognitions')
      .select('certificate_number')
      .where('certificate_number', 'is not', null)
      .execute();
    return rows.map((r) => r.certificate_number!);
  }

  // ——— Objections ———

  /**
   * The next objection number of a 公示: the counter is raised in the caller's transaction, so the row stays
   * locked until it commits (PostgreSQL) or the one connection is held (SQLite) — two objections at once
   * never read the same number.
   */
  async nextObjectionNumber(publicityId: string): Promise<number> {
    return atomic(this.db, async (trx) => {
      await trx
        .updateTable('publicities')
        .set((eb) => ({ objection_count: eb('objection_count', '+', 1) }))
        .where('id', '=', publicityId)
        .execute();
      const row = await trx
        .selectFrom('publicities')
        .select('objection_count')
        .where('id', '=', publicityId)
        .executeTakeFirstOrThrow();
      return row.objection_count;
    });
  }

  async insertObjection(row: Insertable<ObjectionTable>): Promise<void> {
    await this.db
      .insertInto('objections')
      .values({ ...row, name: this.cipher.encrypt(row.name), contact: this.cipher.encrypt(row.contact) })
      .execute();
  }

  async findObjection(id: string): Promise<ObjectionRow | undefined> {
    const row = await this.db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.plain(row);
  }

  async listObjections(publicityId: string): Promise<ObjectionRow[]> {
    const rows = await this.db
      .selectFrom('objections')
      .selectAll()
      .where('publicity_id', '=', publicityId)
      .orderBy('receipt_number')
      .execute();
    return rows.map(this.plain);
  }

  /** Changes an objection still open (assignment, notes, the city's request); false when it was closed. */
  async updateOpenObjection(id: string, changes: Updateable<ObjectionTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('objections')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The city's response to an objection it was asked about and has not answered; false otherwise. */
  async recordCityResponse(id: string, response: string, by: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('objections')
      .set({ city_response: response, city_responded_by: by, city_responded_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('city_request', 'is not', null)
      .where('city_response', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The objections a city was asked to respond to about the platforms it recommended, the latest first. */
  async listCityRequests(authorityCode: string): Promise<(ObjectionRow & { platform_name: string })[]> {
    const rows = await this.db
      .selectFrom('objections as o')
      .innerJoin('recognitions as r', 'r.id', 'o.recognition_id')
      .selectAll('o')
      .select('r.platform_name')
      .where('r.authority_code', '=', authorityCode)
      .where('o.city_request', 'is not', null)
      .orderBy('o.city_requested_at', 'desc')
      .orderBy('o.id')
      .execute();
    return rows.map((r) => ({ ...r, name: this.cipher.decrypt(r.name), contact: this.cipher.decrypt(r.contact) }));
  }

  /** The province's officials by id, to name who handles an objection. */
  async provinceOfficials(ids: readonly string[]): Promise<{ id: string; display_name: string }[]> {
    if (!ids.length) return [];
    return this.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', [...ids])
      .where('role', '=', 'province')
      .execute();
  }

  /** Closes an objection still open; false when it was closed since. */
  async closeObjection(id: string, changes: Updateable<ObjectionTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('objections')
      .set({ ...changes, status: 'closed' })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertObjectionFile(row: Insertable<ObjectionFileTable>): Promise<void> {
    await this.db.insertInto('objection_files').values(row).execute();
  }

  async countObjectionFiles(objectionId: string): Promise<number> {
    const row = await this.db
      .selectFrom('objection_files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('objection_id', '=', objectionId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findObjectionFile(objectionId: string, fileId: string): Promise<ObjectionFileRow | undefined> {
    return this.db
      .selectFrom('objection_files')
      .selectAll()
      .where('objection_id', '=', objectionId)
      .where('id', '=', fileId)
      .executeTakeFirst();
  }

  listObjectionFiles(objectionIds: readonly string[]): Promise<ObjectionFileRow[]> {
    if (!objectionIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('objection_files')
      .selectAll()
      .where('objection_id', 'in', [...objectionIds])
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
  }

  private readonly plain = (row: ObjectionRow): ObjectionRow => ({
    ...row,
    name: this.cipher.decrypt(row.name),
    contact: this.cipher.decrypt(row.contact),
  });
}

const holidayColumns = (y: HolidayYear) => ({
  year: y.year,
  source: y.source,
  holidays: JSON.stringify(y.holidays),
  workdays: JSON.stringify(y.workdays),
});
