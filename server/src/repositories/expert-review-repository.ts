import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, type Db } from '../db/database.js';
import type {
  ExpertTable,
  ReviewAssignmentTable,
  ReviewDecisionTable,
  ReviewExclusionTable,
  ReviewPledgeTable,
  ReviewRoundTable,
  ReviewScoreHistoryTable,
  ReviewScoreSheetTable,
} from '../db/schema.js';
import { CITY_FILE_TYPES } from './application-repository.js';

/** The served-enterprise roster's evidence type (import-roster.ts stores the imported workbook under it). */
const ROSTER_TYPE = 'roster';

export type ExpertRow = Selectable<ExpertTable>;
export type ReviewRoundRow = Selectable<ReviewRoundTable>;
export type ReviewAssignmentRow = Selectable<ReviewAssignmentTable>;
export type ReviewExclusionRow = Selectable<ReviewExclusionTable>;
export type ReviewPledgeRow = Selectable<ReviewPledgeTable>;
export type ScoreSheetRow = Selectable<ReviewScoreSheetTable>;
export type ReviewDecisionRow = Selectable<ReviewDecisionTable>;

/** The round's applications with what the province sees of each (and what 回避 compares). */
export interface RoundApplicationRow {
  application_id: string;
  group_number: number | null;
  label: string | null;
  unit_name: string;
  uscc: string;
  region_code: string;
  platform_name: string;
}

/**
 * The expert pool and the review rounds (issue 15). Experts' phones are personal data, stored encrypted
 * (personal-fields.ts): written encrypted, read decrypted.
 */
export class ExpertReviewRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private readonly plain = (row: ExpertRow): ExpertRow => ({ ...row, phone: this.cipher.decrypt(row.phone) });

  async insertExpert(row: Insertable<ExpertTable>): Promise<void> {
    await this.db
      .insertInto('experts')
      .values({ ...row, phone: this.cipher.encrypt(row.phone) })
      .execute();
  }

  /** Changes an expert made on `version`; false when it changed since. */
  async updateExpert(id: string, version: number, row: Updateable<ExpertTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('experts')
      .set({ ...row, ...(row.phone !== undefined ? { phone: this.cipher.encrypt(row.phone as string) } : {}) })
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findExpert(id: string): Promise<ExpertRow | undefined> {
    const row = await this.db.selectFrom('experts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.plain(row);
  }

  async listExperts(ids?: readonly string[]): Promise<ExpertRow[]> {
    if (ids && ids.length === 0) return [];
    let query = this.db.selectFrom('experts').selectAll();
    if (ids) query = query.where('id', 'in', ids);
    return (await query.orderBy('created_at').orderBy('id').execute()).map(this.plain);
  }

  /** The usernames of the accounts bound to experts, by expert id. */
  async accountsByExpert(): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('users')
      .select(['expert_id', 'username'])
      .where('expert_id', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.expert_id!, r.username]));
  }

  /** The expert an account of role expert belongs to. */
  async expertIdOfUser(userId: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('expert_id').where('id', '=', userId).executeTakeFirst();
    return row?.expert_id ?? null;
  }

  async insertRound(row: Insertable<ReviewRoundTable>, applicationIds: readonly string[]): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx.insertInto('review_rounds').values(row).execute();
      if (applicationIds.length > 0)
        await trx
          .insertInto('review_round_applications')
          .values(applicationIds.map((a) => ({ round_id: row.id, application_id: a, group_number: null, label: null })))
          .execute();
    });
  }

  /** Changes a draft round made on `version` (its applications replaced); false when it is no longer that draft. */
  async updateDraftRound(
    id: string,
    version: number,
    row: Updateable<ReviewRoundTable>,
    applicationIds: readonly string[],
  ): Promise<boolean> {
    return atomic(this.db, async (trx) => {
      const result = await trx
        .updateTable('review_rounds')
        .set(row)
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx
        .deleteFrom('review_exclusions')
        .where('round_id', '=', id)
        .where('application_id', 'not in', [...applicationIds, ''])
        .execute();
      await trx.deleteFrom('review_round_applications').where('round_id', '=', id).execute();
      if (applicationIds.length > 0)
        await trx
          .insertInto('review_round_applications')
          .values(applicationIds.map((a) => ({ round_id: id, application_id: a, group_number: null, label: null })))
          .execute();
      return true;
    });
  }

  findRound(id: string): Promise<ReviewRoundRow | undefined> {
    return this.db.selectFrom('review_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listRounds(batchId: string) {
    return this.db
      .selectFrom('review_rounds as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .selectFrom('review_round_applications as a')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('a.round_id', '=', 'r.id')
          .as('application_count'),
      )
      .where('r.batch_id', '=', batchId)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .execute();
  }

  /**
   * The applications the province has received in a batch: recommended by a city whose package the province
   * accepted (受理).
   */
  async receivedApplicationIds(batchId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('recommendations as r')
      .innerJoin('city_packages as p', (j) =>
        j.onRef('p.batch_id', '=', 'r.batch_id').onRef('p.authority_code', '=', 'r.authority_code'),
      )
      .innerJoin('applications as a', 'a.id', 'r.application_id')
      .select('r.application_id')
      .where('r.batch_id', '=', batchId)
      .where('p.accepted_at', 'is not', null)
      .where('a.status', '=', 'recommended')
      .orderBy('r.application_id')
      .execute();
    return rows.map((r) => r.application_id);
  }

  listRoundApplications(roundId: string): Promise<RoundApplicationRow[]> {
    return this.db
      .selectFrom('review_round_applications as ra')
      .innerJoin('applications as a', 'a.id', 'ra.application_id')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select([
        'ra.application_id',
        'ra.group_number',
        'ra.label',
        'u.name as unit_name',
        'u.uscc',
        'u.region_code',
        'a.platform_name',
      ])
      .where('ra.round_id', '=', roundId)
      .orderBy('ra.label')
      .orderBy('ra.application_id')
      .execute();
  }

  /** The 集聚服务机构 of the round's applications, by application. */
  async institutionsOf(applicationIds: readonly string[]): Promise<Map<string, { name: string; uscc: string }[]>> {
    const byApplication = new Map<string, { name: string; uscc: string }[]>();
    if (applicationIds.length === 0) return byApplication;
    const rows = await this.db
      .selectFrom('institutions')
      .select(['application_id', 'name', 'uscc'])
      .where('application_id', 'in', applicationIds)
      .orderBy('application_id')
      .orderBy('position')
      .execute();
    for (const r of rows) {
      const list = byApplication.get(r.application_id) ?? [];
      list.push({ name: r.name, uscc: r.uscc });
      byApplication.set(r.application_id, list);
    }
    return byApplication;
  }

  listExclusions(roundId: string): Promise<ReviewExclusionRow[]> {
    return this.db
      .selectFrom('review_exclusions')
      .selectAll()
      .where('round_id', '=', roundId)
      .orderBy('application_id')
      .orderBy('decided_at')
      .orderBy('expert_id')
      .execute();
  }

  async replaceExclusions(
    roundId: string,
    applicationId: string,
    rows: readonly Insertable<ReviewExclusionTable>[],
  ): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx
        .deleteFrom('review_exclusions')
        .where('round_id', '=', roundId)
        .where('application_id', '=', applicationId)
        .execute();
      if (rows.length > 0)
        await trx
          .insertInto('review_exclusions')
          .values([...rows])
          .execute();
    });
  }

  /** Raises the round's version when it is still `version` in one of `statuses`; false otherwise. */
  async bumpRound(id: string, version: number, statuses: readonly ReviewRoundRow['status'][], now: Date) {
    const result = await this.db
      .updateTable('review_rounds')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now.toISOString() }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', 'in', statuses)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Records the draw on a draft round: seed, attempt, the pool drawn from; the conditional UPDATE lets one
   * of concurrent draws through (false for the others).
   */
  async markDrawn(
    id: string,
    draw: { seed: string; attempt: number; expertIds: readonly string[]; by: string; at: Date },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('review_rounds')
      .set((eb) => ({
        status: 'drawn' as const,
        seed: draw.seed,
        draw_attempt: draw.attempt,
        draw_expert_ids: JSON.stringify(draw.expertIds),
        drawn_at: draw.at.toISOString(),
        drawn_by: draw.by,
        updated_at: draw.at.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async placeApplication(roundId: string, applicationId: string, groupNumber: number, label: string) {
    await this.db
      .updateTable('review_round_applications')
      .set({ group_number: groupNumber, label })
      .where('round_id', '=', roundId)
      .where('application_id', '=', applicationId)
      .execute();
  }

  /** Assigns the experts (each with its place in the group's draw) to every application of the group. */
  async assign(
    group: { roundId: string; number: number; applicationIds: readonly string[] },
    experts: readonly { id: string; position: number }[],
    now: Date,
  ): Promise<void> {
    const rows = experts.flatMap((expert) =>
      group.applicationIds.map((applicationId) => ({
        id: randomUUID(),
        round_id: group.roundId,
        group_number: group.number,
        expert_id: expert.id,
        application_id: applicationId,
        position: expert.position,
        assigned_at: now.toISOString(),
        replaced_at: null,
        replaced_reason: null,
      })),
    );
    if (rows.length > 0) await this.db.insertInto('review_assignments').values(rows).execute();
  }

  /** Every assignment of the round, replaced ones included, in group and draw order. */
  listAssignments(roundId: string): Promise<ReviewAssignmentRow[]> {
    return this.db
      .selectFrom('review_assignments')
      .selectAll()
      .where('round_id', '=', roundId)
      .orderBy('group_number')
      .orderBy('position')
      .orderBy('assigned_at')
      .orderBy('application_id')
      .execute();
  }

  async markReplaced(roundId: string, groupNumber: number, expertId: string, reason: string, at: Date) {
    await this.db
      .updateTable('review_assignments')
      .set({ replaced_at: at.toISOString(), replaced_reason: reason })
      .where('round_id', '=', roundId)
      .where('group_number', '=', groupNumber)
      .where('expert_id', '=', expertId)
      .where('replaced_at', 'is', null)
      .execute();
  }

  async setStatus(id: string, version: number, from: ReviewRoundRow['status'], to: ReviewRoundRow['status'], at: Date) {
    const result = await this.db
      .updateTable('review_rounds')
      .set((eb) => ({ status: to, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records an expert's signature once; false when it was signed before. */
  async insertPledge(row: Insertable<ReviewPledgeTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('review_pledges')
      .values(row)
      .onConflict((oc) => oc.columns(['round_id', 'expert_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  findPledge(roundId: string, expertId: string): Promise<ReviewPledgeRow | undefined> {
    return this.db
      .selectFrom('review_pledges')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('expert_id', '=', expertId)
      .executeTakeFirst();
  }

  listPledges(roundId: string): Promise<ReviewPledgeRow[]> {
    return this.db.selectFrom('review_pledges').selectAll().where('round_id', '=', roundId).execute();
  }

  /** The rounds an expert is drawn for now (drawn, open or closed). */
  listRoundsOfExpert(expertId: string): Promise<ReviewRoundRow[]> {
    return this.db
      .selectFrom('review_rounds as r')
      .selectAll('r')
      .where('r.status', 'in', ['drawn', 'open', 'closed'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('review_assignments as s')
            .select('s.id')
            .whereRef('s.round_id', '=', 'r.id')
            .where('s.expert_id', '=', expertId)
            .where('s.replaced_at', 'is', null),
        ),
      )
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .execute();
  }

  /** One application of a round by its neutral label. */
  findByLabel(roundId: string, label: string) {
    return this.db
      .selectFrom('review_round_applications')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('label', '=', label)
      .executeTakeFirst();
  }

  /** What the blind view is built from: the form (JSON text), the unit, counts. */
  async findMaterialSource(applicationId: string) {
    const app = await this.db
      .selectFrom('applications as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .leftJoin('regions as r', 'r.code', 'u.region_code')
      .leftJoin('authorities as au', 'au.code', 'a.authority_code')
      .select([
        'a.id',
        'a.form',
        'u.name as unit_name',
        'u.uscc',
        'u.contact_name',
        'r.name as region_name',
        'au.name as authority_name',
      ])
      .where('a.id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const counts = await this.db
      .selectFrom('applications as a')
      .select((eb) => [
        eb
          .selectFrom('institutions as i')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('i.application_id', '=', 'a.id')
          .as('institutions'),
        eb
          .selectFrom('roster_rows as w')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('w.application_id', '=', 'a.id')
          .as('roster'),
      ])
      .where('a.id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const institutions = await this.db
      .selectFrom('institutions')
      .select(['name', 'uscc'])
      .where('application_id', '=', applicationId)
      .execute();
    return {
      ...app,
      institutionCount: Number(counts.institutions ?? 0),
      rosterCount: Number(counts.roster ?? 0),
      institutions,
    };
  }

  /**
   * The application's evidence as the expert numbers it, oldest first: the city's own records left out, and the
   * served-enterprise roster too — other enterprises' contacts and phones, which scoring does not need (the expert
   * sees how many rows it has).
   */
  listEvidence(applicationId: string) {
    return this.db
      .selectFrom('evidence_files')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('evidence_type', 'not in', [...CITY_FILE_TYPES, ROSTER_TYPE])
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
  }

  findSheet(roundId: string, applicationId: string, expertId: string): Promise<ScoreSheetRow | undefined> {
    return this.db
      .selectFrom('review_score_sheets')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('application_id', '=', applicationId)
      .where('expert_id', '=', expertId)
      .executeTakeFirst();
  }

  listSheets(roundId: string): Promise<ScoreSheetRow[]> {
    return this.db.selectFrom('review_score_sheets').selectAll().where('round_id', '=', roundId).execute();
  }

  /** Stores an assignment's first sheet; false when one is there already (another save won). */
  async insertSheet(row: Insertable<ReviewScoreSheetTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('review_score_sheets')
      .values(row)
      .onConflict((oc) => oc.columns(['round_id', 'application_id', 'expert_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * Changes a sheet that is still `version` in `status` (compare-and-set), raising its version; false when it
   * changed since or is in another status.
   */
  async updateSheet(
    id: string,
    version: number,
    status: ScoreSheetRow['status'],
    row: Updateable<ReviewScoreSheetTable>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('review_score_sheets')
      .set({ ...row, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', status)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertSheetHistory(row: Insertable<ReviewScoreHistoryTable>): Promise<void> {
    await this.db.insertInto('review_score_history').values(row).execute();
  }

  /** Every version of a sheet, oldest first, with the name of who made it. */
  listSheetHistory(sheetId: string) {
    return this.db
      .selectFrom('review_score_history as h')
      .innerJoin('users as u', 'u.id', 'h.by_user_id')
      .selectAll('h')
      .select('u.display_name')
      .where('h.sheet_id', '=', sheetId)
      .orderBy('h.version')
      .execute();
  }

  listDecisions(roundId: string) {
    return this.db
      .selectFrom('review_decisions as d')
      .innerJoin('users as u', 'u.id', 'd.decided_by')
      .selectAll('d')
      .select('u.display_name')
      .where('d.round_id', '=', roundId)
      .execute();
  }

  /** Records (or replaces) the province's decision on an application of a round. */
  async saveDecision(row: Insertable<ReviewDecisionTable>): Promise<void> {
    await this.db
      .insertInto('review_decisions')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['round_id', 'application_id']).doUpdateSet({
          decision: row.decision,
          reason: row.reason,
          decided_by: row.decided_by,
          decided_at: row.decided_at,
        }),
      )
      .execute();
  }
}
