import type { Insertable, Selectable, Updateable } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import type { Db } from '../db/database.js';
import type { AnnualReportTable, AnnualRosterRowTable, RecognitionTable, RectificationTable } from '../db/schema.js';

export type AnnualReportRow = Selectable<AnnualReportTable>;
export type RectificationRow = Selectable<RectificationTable>;
/** A recognition that holds (or held) the title, with the batch it was recognised in. */
export type RecognizedRow = Selectable<RecognitionTable> & { batch_id: string };

/** Statuses of a recognition that has (had) a validity, so that years are reported on. */
const RECOGNIZED = ['recognized', 'in_rectification', 'revoked', 'expired', 'renewed'] as const;

/** Yearly reports and 整改 orders of recognised platforms (issue 16 item 5). */
export class AnnualReportRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private recognized() {
    return this.db
      .selectFrom('recognitions')
      .innerJoin('publicities', 'publicities.id', 'recognitions.publicity_id')
      .selectAll('recognitions')
      .select('publicities.batch_id')
      .where('recognitions.status', 'in', [...RECOGNIZED])
      .where('recognitions.valid_from', 'is not', null);
  }

  /** Recognitions of one unit (the applicant), or of one authority (a city), or all (the province). */
  listRecognized(scope: { unitId: string } | { authorityCode: string } | 'all'): Promise<RecognizedRow[]> {
    let q = this.recognized();
    if (scope !== 'all' && 'unitId' in scope) q = q.where('recognitions.unit_id', '=', scope.unitId);
    if (scope !== 'all' && 'authorityCode' in scope) {
      q = q.where('recognitions.authority_code', '=', scope.authorityCode);
    }
    return q.orderBy('recognitions.certificate_number').execute();
  }

  findRecognized(id: string): Promise<RecognizedRow | undefined> {
    return this.recognized().where('recognitions.id', '=', id).executeTakeFirst();
  }

  findReport(recognitionId: string, year: number): Promise<AnnualReportRow | undefined> {
    return this.db
      .selectFrom('annual_reports')
      .selectAll()
      .where('recognition_id', '=', recognitionId)
      .where('report_year', '=', year)
      .executeTakeFirst();
  }

  listReports(recognitionIds: readonly string[]): Promise<AnnualReportRow[]> {
    if (!recognitionIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('annual_reports')
      .selectAll()
      .where('recognition_id', 'in', [...recognitionIds])
      .execute();
  }

  async insertReport(row: Insertable<AnnualReportTable>): Promise<void> {
    await this.db.insertInto('annual_reports').values(row).execute();
  }

  /** Changes the report if it is still at `version` and in one of `statuses`; false when it changed since. */
  async updateReport(
    id: string,
    expected: { version: number; statuses: readonly AnnualReportRow['status'][] },
    changes: Updateable<AnnualReportTable>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('annual_reports')
      .set({ ...changes, version: expected.version + 1 })
      .where('id', '=', id)
      .where('version', '=', expected.version)
      .where('status', 'in', [...expected.statuses])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The latest 整改 order of each recognition. */
  async latestRectifications(recognitionIds: readonly string[]): Promise<Map<string, RectificationRow>> {
    if (!recognitionIds.length) return new Map();
    const rows = await this.db
      .selectFrom('rectifications')
      .selectAll()
      .where('recognition_id', 'in', [...recognitionIds])
      .orderBy('ordered_at')
      .orderBy('id')
      .execute();
    return new Map(rows.map((r) => [r.recognition_id, r]));
  }

  async insertRectification(row: Insertable<RectificationTable>): Promise<void> {
    await this.db.insertInto('rectifications').values(row).execute();
  }

  /** Changes an open order; false when it was closed since. */
  async updateOpenRectification(id: string, changes: Updateable<RectificationTable>): Promise<boolean> {
    const result = await this.db
      .updateTable('rectifications')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Replaces a report's roster rows (phones encrypted); call it in the transaction that records the workbook. */
  async replaceRoster(reportId: string, rows: readonly Insertable<AnnualRosterRowTable>[]): Promise<void> {
    await this.db.deleteFrom('annual_roster_rows').where('report_id', '=', reportId).execute();
    const encrypted = rows.map((r) => ({ ...r, phone: this.cipher.encrypt(r.phone) }));
    for (let i = 0; i < encrypted.length; i += 500)
      await this.db
        .insertInto('annual_roster_rows')
        .values(encrypted.slice(i, i + 500))
        .execute();
  }

  async rosterCount(reportId: string): Promise<number> {
    const row = await this.db
      .selectFrom('annual_roster_rows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('report_id', '=', reportId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * 复核: the unit's recognition that ends in `lastYear` and still holds the title, with its submitted yearly report
   * on `reportYear` (the year a new application's figures are as of); undefined when there is none.
   */
  renewalSource(unitId: string, lastYear: number, reportYear: number) {
    return this.db
      .selectFrom('recognitions')
      .innerJoin('annual_reports', 'annual_reports.recognition_id', 'recognitions.id')
      .select(['recognitions.id', 'recognitions.certificate_number', 'annual_reports.figures'])
      .where('recognitions.unit_id', '=', unitId)
      .where('recognitions.status', 'in', ['recognized', 'in_rectification'])
      .where('recognitions.valid_to', '>=', `${lastYear}-01-01`)
      .where('recognitions.valid_to', '<=', `${lastYear}-12-31`)
      .where('annual_reports.report_year', '=', reportYear)
      .where('annual_reports.status', '!=', 'draft')
      .executeTakeFirst();
  }
}
