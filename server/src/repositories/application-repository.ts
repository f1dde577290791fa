import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
  type Insertable,
  type RawBuilder,
  type Selectable,
} from 'kysely';
import type { ApplicationDraft, ApplicationSortKey } from '#contract';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, type Db } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import type { ApplicationTable, Database, EvidenceFileTable, InstitutionTable, RosterRowTable } from '../db/schema.js';
import { editableStatuses, sourcesOf, targetOf } from '../domain/application-status.js';
import { platformNameKey } from '../domain/duplicates.js';
import type { FileDigests } from '../storage/file-digester.js';
import { decryptFields, encryptFields, FORM_FIELDS, SNAPSHOT_FIELDS } from './personal-fields.js';

export type ApplicationRow = Selectable<ApplicationTable>;
export type EvidenceRow = Selectable<EvidenceFileTable>;
export type InstitutionRow = Selectable<InstitutionTable>;
export type RosterRow = Selectable<RosterRowTable>;

/** Evidence types the city uploads to its own review records, e.g. the sealed 现场核查真实性说明. */
export const CITY_FILE_TYPES = ['site_check_scan'];

export interface ApplicationListFilter {
  batchId?: string;
  authorityCode?: string;
  unitId?: string;
  statuses?: ApplicationRow['status'][];
  ids?: readonly string[];
}

/** One page of the officials' list: every filter, the sort and the page are done by the database. */
export interface ApplicationPageQuery {
  batchId: string;
  authorityCode?: string;
  /** The statuses listed; the counts per status ignore this filter. */
  statuses: readonly ApplicationRow['status'][];
  /** All statuses the counts per status are over. */
  countedStatuses: readonly ApplicationRow['status'][];
  channel?: string;
  category?: string;
  /** Part of the unit's name, the platform's name or the USCC. */
  q?: string;
  /** Whose views decide what is new. */
  viewerId: string;
  sort: ApplicationSortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** What is written beside every form: its duplicate key and what the officials' list filters, searches and sorts on. */
const columnsOf = (form: string) => {
  const f = JSON.parse(form) as Pick<ApplicationDraft, 'platformName' | 'channel' | 'categories'>;
  return {
    platform_name_key: platformNameKey(f.platformName),
    channel: f.channel ?? 'quota',
    categories: f.categories?.length ? `,${f.categories.join(',')},` : '',
    platform_name: f.platformName ?? '',
  };
};

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally (ESCAPE '\\'). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** 1 when the application was submitted or resubmitted since the viewer (`v`) last opened it, or never opened. */
const isNew = sql<number>`case when applications.submitted_at is not null and (v.viewed_at is null or applications.submitted_at > v.viewed_at) then 1 else 0 end`;

/** The sort orders of the list, each a column or expression of the page query. */
const sortExpressions: Record<ApplicationSortKey, (statuses: readonly string[]) => RawBuilder<unknown>> = {
  submittedAt: () => sql`applications.submitted_at`,
  unitName: () => sql`units.name`,
  platformName: () => sql`applications.platform_name`,
  // In the statuses' own order (submitted, returned, recommended …), not their keys' alphabet.
  status: (statuses) =>
    sql`case applications.status ${sql.join(
      statuses.map((status, i) => sql`when ${sql.lit(status)} then ${sql.lit(i)}`),
      sql` `,
    )} end`,
  authority: () => sql`authorities.sort_order`,
};

/** The WHERE of a list query: which applications it is about. */
type Matching = (eb: ExpressionBuilder<Database, 'applications'>) => Expression<SqlBool>;

// Read on every visit of the applicant's home and every review: compiled once.
const applicationsOfUnit = prepared((db: Db, { unitId }: { unitId: string }) =>
  db.selectFrom('applications').selectAll().where('unit_id', '=', unitId),
);
const institutionsOf = prepared((db: Db, { applicationId }: { applicationId: string }) =>
  db.selectFrom('institutions').selectAll().where('application_id', '=', applicationId).orderBy('position'),
);
const evidenceOf = prepared((db: Db, { applicationId }: { applicationId: string }) =>
  db
    .selectFrom('evidence_files')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('evidence_type', 'not in', CITY_FILE_TYPES)
    .orderBy('uploaded_at')
    .orderBy('id'),
);

/** Phones are stored encrypted (personal-fields.ts): written encrypted, read decrypted. */
export class ApplicationRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private readonly plainForm = <T extends { form: string }>(row: T): T => ({
    ...row,
    form: decryptFields(this.cipher, row.form, FORM_FIELDS),
  });

  async findById(id: string) {
    const row = await this.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.plainForm(row);
  }

  async listByUnit(unitId: string) {
    return (await applicationsOfUnit(this.db, { unitId })).map(this.plainForm);
  }

  async findByBatchAndUnit(batchId: string, unitId: string) {
    const row = await this.db
      .selectFrom('applications')
      .selectAll()
      .where('batch_id', '=', batchId)
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    return row && this.plainForm(row);
  }

  /** Inserts unless the unit already has an application in the batch; returns the one that exists. */
  async insertIfAbsent(row: Insertable<ApplicationTable>): Promise<ApplicationRow> {
    await this.db
      .insertInto('applications')
      .values({
        ...row,
        form: encryptFields(this.cipher, row.form, FORM_FIELDS),
        ...columnsOf(row.form),
      })
      .onConflict((oc) => oc.columns(['batch_id', 'unit_id']).doNothing())
      .execute();
    const found = await this.findByBatchAndUnit(row.batch_id, row.unit_id);
    if (!found) throw new Error('application insert failed');
    return found;
  }

  /**
   * Inserts a copied application with its institutions, unless the unit already has an application in
   * the batch; returns whether it was inserted (of concurrent copies exactly one is). Run it in the
   * transaction that audits the copy.
   */
  async insertCopy(row: Insertable<ApplicationTable>, institutions: Insertable<InstitutionTable>[]): Promise<boolean> {
    const r = await this.db
      .insertInto('applications')
      .values({
        ...row,
        form: encryptFields(this.cipher, row.form, FORM_FIELDS),
        ...columnsOf(row.form),
      })
      .onConflict((oc) => oc.columns(['batch_id', 'unit_id']).doNothing())
      .returning('id')
      .execute();
    if (r.length !== 1) return false;
    if (institutions.length) await this.db.insertInto('institutions').values(institutions).execute();
    return true;
  }

  /** The list's rows: application, unit, region and authority, and how long its roster and institutions are (kept beside it). */
  private listSelect() {
    return this.db
      .selectFrom('applications')
      .innerJoin('units', 'units.id', 'applications.unit_id')
      .innerJoin('regions', 'regions.code', 'units.region_code')
      .innerJoin('authorities', 'authorities.code', 'applications.authority_code')
      .select([
        'applications.id',
        'applications.batch_id',
        'applications.status',
        'applications.form',
        'applications.submitted_at',
        'applications.updated_at',
        'applications.authority_code',
        'units.name as unit_name',
        'units.uscc',
        'units.contact_name',
        'units.contact_phone',
        'regions.name as region_name',
        'authorities.name as authority_name',
        'applications.roster_count',
        'applications.institution_count',
      ]);
  }

  private readonly plainRow = <T extends { form: string; contact_phone: string }>(r: T): T => ({
    ...this.plainForm(r),
    contact_phone: this.cipher.decrypt(r.contact_phone),
  });

  async list(filter: ApplicationListFilter) {
    let q = this.listSelect().orderBy('applications.submitted_at', 'desc').orderBy('applications.id');
    if (filter.batchId) q = q.where('applications.batch_id', '=', filter.batchId);
    if (filter.authorityCode) q = q.where('applications.authority_code', '=', filter.authorityCode);
    if (filter.unitId) q = q.where('applications.unit_id', '=', filter.unitId);
    if (filter.statuses?.length) q = q.where('applications.status', 'in', filter.statuses);
    if (filter.ids) {
      if (filter.ids.length === 0) return [];
      q = q.where('applications.id', 'in', filter.ids);
    }
    return (await q.execute()).map(this.plainRow);
  }

  /**
   * One page of the officials' list and its counts, each filter, the search, the sort and the paging done in SQL
   * over the batch's (and authority's, status's) index: the page's rows with whether each is new to the viewer,
   * and per status how many match the other filters, with how many of them are new.
   */
  async listPage(query: ApplicationPageQuery) {
    const matching = (eb: ExpressionBuilder<Database, 'applications'>, statuses: readonly string[]) => {
      const all = [
        eb('applications.batch_id', '=', query.batchId),
        eb('applications.status', 'in', statuses as ApplicationRow['status'][]),
      ];
      if (query.authorityCode) all.push(eb('applications.authority_code', '=', query.authorityCode));
      if (query.channel) all.push(eb('applications.channel', '=', query.channel));
      if (query.category)
        all.push(eb(sql`applications.categories`, 'like', sql`${containing(`,${query.category},`)} escape '\\'`));
      if (query.q) {
        const like = (column: string, text: string) =>
          eb(sql.ref(column), 'like', sql`${containing(text)} escape '\\'`);
        // The unit's name and USCC looked up by its key for each application matched so far: the counts need no
        // join with the units, and no unit outside the batch is read.
        const unit = eb
          .selectFrom('units')
          .select('units.id')
          .whereRef('units.id', '=', 'applications.unit_id')
          .where((u) => u.or([like('units.name', query.q!), like('units.uscc', query.q!.toUpperCase())]));
        all.push(eb.or([eb.exists(unit), like('applications.platform_name', query.q)]));
      }
      return eb.and(all);
    };
    const filtered = Boolean(query.channel || query.category || query.q);
    const [rows, counts] = await Promise.all([
      query.statuses.length === 0 ? [] : this.pageRows(query, (eb) => matching(eb, query.statuses)),
      filtered ? this.countMatching(query, (eb) => matching(eb, query.countedStatuses)) : this.countAll(query),
    ]);
    return {
      rows: rows.map((r) => ({ ...this.plainRow(r), is_new: Number(r.is_new) === 1 })),
      counts: counts.map((c) => ({ status: c.status, count: Number(c.n), fresh: Number(c.fresh) })),
    };
  }

  /**
   * One page of rows: the page's ids first, in order, from the index alone where the order has one (a deep page skips
   * index entries, not rows), then only those rows joined with their unit, region, authority and the viewer's view.
   */
  private async pageRows(query: ApplicationPageQuery, matching: Matching) {
    const sortBy = sortExpressions[query.sort](query.countedStatuses);
    let ids = this.db.selectFrom('applications').select('applications.id').where(matching);
    if (query.sort === 'unitName') ids = ids.innerJoin('units', 'units.id', 'applications.unit_id');
    if (query.sort === 'authority')
      ids = ids.innerJoin('authorities', 'authorities.code', 'applications.authority_code');
    const pageIds = ids
      .orderBy(sortBy, query.order)
      // The tie-break in the same direction: the (batch, submitted_at, id) indexes then give the page in order.
      .orderBy('applications.id', query.order)
      .limit(query.limit)
      .offset(query.offset);
    return this.listSelect()
      .leftJoin('application_views as v', (j) =>
        j.onRef('v.application_id', '=', 'applications.id').on('v.user_id', '=', query.viewerId),
      )
      .select(isNew.as('is_new'))
      .where('applications.id', 'in', pageIds)
      .orderBy(sortBy, query.order)
      .orderBy('applications.id', query.order)
      .execute();
  }

  /** Counts per status of what a filter or search matches, and how many of them are new to the viewer. */
  private countMatching(query: ApplicationPageQuery, matching: Matching) {
    return this.db
      .selectFrom('applications')
      .leftJoin('application_views as v', (j) =>
        j.onRef('v.application_id', '=', 'applications.id').on('v.user_id', '=', query.viewerId),
      )
      .select((eb) => ['applications.status', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(isNew).as('fresh')])
      .where(matching)
      .groupBy('applications.status')
      .execute();
  }

  /**
   * Counts per status of the whole batch (or the authority's part of it) from `application_counts`, and how many are
   * new to the viewer: all of them but those the viewer has opened since their last submission (a reviewable
   * application has been submitted, so it has a submitted_at) — a few rows of counts and the viewer's own views,
   * however large the batch.
   */
  private async countAll(query: ApplicationPageQuery) {
    let totals = this.db
      .selectFrom('application_counts')
      .select((eb) => ['status', eb.fn.sum<number>('n').as('n')])
      .where('batch_id', '=', query.batchId)
      .where('status', 'in', [...query.countedStatuses])
      .groupBy('status');
    let seen = this.db
      .selectFrom('application_views as v')
      // CROSS JOIN: SQLite then keeps the viewer's views as the outer loop (without statistics it would walk the
      // batch and look each application's view up); PostgreSQL plans it as the inner join it is.
      .crossJoin('applications')
      .select((eb) => ['applications.status', eb.fn.countAll<number>().as('n')])
      .whereRef('applications.id', '=', 'v.application_id')
      .where('v.user_id', '=', query.viewerId)
      .where('applications.batch_id', '=', query.batchId)
      .where('applications.status', 'in', [...query.countedStatuses])
      .whereRef('applications.submitted_at', '<=', 'v.viewed_at')
      .groupBy('applications.status');
    if (query.authorityCode) {
      totals = totals.where('authority_code', '=', query.authorityCode);
      seen = seen.where('applications.authority_code', '=', query.authorityCode);
    }
    const [all, opened] = await Promise.all([totals.execute(), seen.execute()]);
    const openedOf = new Map<string, number>(opened.map((o) => [o.status, Number(o.n)]));
    return all
      .filter((t) => Number(t.n) > 0)
      .map((t) => ({
        status: t.status as ApplicationRow['status'],
        n: Number(t.n),
        fresh: Number(t.n) - (openedOf.get(t.status) ?? 0),
      }));
  }

  /**
   * The applications of the batch (in `statuses`) that share their platform name key with another: the only ones
   * duplicate detection needs to look at, grouped on the (batch, name key, status) index without reading a row.
   * Two applications of one batch never share a USCC — a unit's USCC is unique and a unit applies once per batch
   * (`applications_batch_unit`) — so the USCC is returned for the rule but never grouped on.
   */
  async listDuplicateCandidates(batchId: string, statuses: readonly ApplicationRow['status'][]) {
    const sharedName = this.db
      .selectFrom('applications as d')
      .select('d.platform_name_key')
      .where('d.batch_id', '=', batchId)
      .where('d.status', 'in', [...statuses])
      .where('d.platform_name_key', 'is not', null)
      .groupBy('d.platform_name_key')
      .having((eb) => eb.fn.countAll(), '>', 1);
    return this.db
      .selectFrom('applications')
      .innerJoin('units', 'units.id', 'applications.unit_id')
      .select(['applications.id', 'units.uscc', 'applications.platform_name_key'])
      .where('applications.batch_id', '=', batchId)
      .where('applications.status', 'in', [...statuses])
      .where('applications.platform_name_key', 'in', sharedName)
      .execute();
  }

  /**
   * For the applications `ids` of the batch, the others (in `statuses`) sharing their platform name key (never a USCC:
   * see listDuplicateCandidates): duplicates of one page, found through the (batch, name key, status) index.
   */
  async listDuplicatesOf(batchId: string, statuses: readonly ApplicationRow['status'][], ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('applications as a')
      .innerJoin('applications as o', (j) =>
        j.onRef('o.platform_name_key', '=', 'a.platform_name_key').on('o.batch_id', '=', batchId),
      )
      .select(['a.id', 'o.id as other_id'])
      .where('a.id', 'in', ids)
      .where('o.status', 'in', [...statuses])
      .whereRef('o.id', '!=', 'a.id')
      .execute();
  }

  /** Saves the draft only while it is still editable; returns false when the status forbids it. */
  async updateForm(id: string, form: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('applications')
      .set({
        form: encryptFields(this.cipher, form, FORM_FIELDS),
        ...columnsOf(form),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('status', 'in', [...editableStatuses])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db.updateTable('applications').set({ updated_at: now.toISOString() }).where('id', '=', id).execute();
  }

  listInstitutions(applicationId: string) {
    return institutionsOf(this.db, { applicationId });
  }

  /**
   * Replaces the list; agreement files that an institution pointed to and none points to now (its row
   * was removed, or given another agreement) are deleted with it. Returns their storage keys, for the
   * caller to remove after the commit. Files uploaded for rows not saved yet are left alone.
   */
  async replaceInstitutions(applicationId: string, rows: Insertable<InstitutionTable>[]): Promise<string[]> {
    return atomic(this.db, async (trx) => {
      const before = await trx
        .selectFrom('institutions')
        .select('agreement_file_id')
        .where('application_id', '=', applicationId)
        .execute();
      const kept = new Set(rows.map((r) => r.agreement_file_id));
      const dropped = [...new Set(before.map((r) => r.agreement_file_id))].filter(
        (id): id is string => !!id && !kept.has(id),
      );
      await trx.deleteFrom('institutions').where('application_id', '=', applicationId).execute();
      if (rows.length) await trx.insertInto('institutions').values(rows).execute();
      if (!dropped.length) return [];
      const files = await trx
        .selectFrom('evidence_files')
        .select('storage_key')
        .where('application_id', '=', applicationId)
        .where('id', 'in', dropped)
        .execute();
      await trx
        .deleteFrom('evidence_files')
        .where('application_id', '=', applicationId)
        .where('id', 'in', dropped)
        .execute();
      return files.map((f) => f.storage_key);
    });
  }

  async countRoster(applicationId: string): Promise<number> {
    const r = await this.db
      .selectFrom('roster_rows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('application_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async listRoster(applicationId: string) {
    const rows = await this.db
      .selectFrom('roster_rows')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('row_no')
      .execute();
    return rows.map((r) => ({ ...r, phone: this.cipher.decrypt(r.phone) }));
  }

  /**
   * Replaces the roster and its workbook in one transaction: an import is all or nothing. Returns the
   * storage keys of the workbooks it replaced, for the caller to remove after the commit.
   */
  async replaceRoster(
    applicationId: string,
    plainRows: Insertable<RosterRowTable>[],
    file: Insertable<EvidenceFileTable>,
  ): Promise<string[]> {
    const rows = plainRows.map((r) => ({ ...r, phone: this.cipher.encrypt(r.phone) }));
    return atomic(this.db, async (trx) => {
      await trx.deleteFrom('roster_rows').where('application_id', '=', applicationId).execute();
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('roster_rows')
          .values(rows.slice(i, i + 500))
          .execute();
      const replaced = await trx
        .selectFrom('evidence_files')
        .select('storage_key')
        .where('application_id', '=', applicationId)
        .where('evidence_type', '=', file.evidence_type)
        .execute();
      await trx
        .deleteFrom('evidence_files')
        .where('application_id', '=', applicationId)
        .where('evidence_type', '=', file.evidence_type)
        .execute();
      await trx.insertInto('evidence_files').values(file).execute();
      return replaced.map((r) => r.storage_key);
    });
  }

  /** The applicant's evidence; files the city attaches to its own records (CITY_FILE_TYPES) are not part of it. */
  listEvidence(applicationId: string) {
    return evidenceOf(this.db, { applicationId });
  }

  /** One of the applicant's evidence files (never a city record's file). */
  findEvidence(applicationId: string, fileId: string) {
    return this.db
      .selectFrom('evidence_files')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('id', '=', fileId)
      .where('evidence_type', 'not in', CITY_FILE_TYPES)
      .executeTakeFirst();
  }

  /** Any stored file of the application, the city's record files included. */
  findFile(applicationId: string, fileId: string) {
    return this.db
      .selectFrom('evidence_files')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('id', '=', fileId)
      .executeTakeFirst();
  }

  async setDigests(fileId: string, digests: FileDigests): Promise<void> {
    await this.db.updateTable('evidence_files').set(digests).where('id', '=', fileId).execute();
  }

  listUndigested() {
    return this.db.selectFrom('evidence_files').select(['id', 'storage_key']).where('crc32', 'is', null).execute();
  }

  /** An evidence file (never a city record's file) of any of the unit's applications, with the application's batch. */
  findUnitEvidence(unitId: string, fileId: string) {
    return this.db
      .selectFrom('evidence_files')
      .innerJoin('applications', 'applications.id', 'evidence_files.application_id')
      .selectAll('evidence_files')
      .select('applications.batch_id')
      .where('applications.unit_id', '=', unitId)
      .where('evidence_files.id', '=', fileId)
      .where('evidence_files.evidence_type', 'not in', CITY_FILE_TYPES)
      .executeTakeFirst();
  }

  /**
   * Records a file already stored for another application as evidence of `applicationId`: a new row
   * pointing to the same blob, with its digests, copied in one statement from the source row as it is
   * now (a source deleted meanwhile copies nothing) and only while the application does not already
   * hold that blob. Returns whether the row was inserted.
   */
  async insertReusedEvidence(
    sourceFileId: string,
    row: { id: string; application_id: string; uploaded_by: string; uploaded_at: string },
  ): Promise<boolean> {
    const r = await this.db
      .insertInto('evidence_files')
      .columns([
        'id',
        'application_id',
        'evidence_type',
        'original_name',
        'media_type',
        'size_bytes',
        'sha256',
        'sm3',
        'crc32',
        'storage_key',
        'uploaded_by',
        'uploaded_at',
        'checked_at',
        'check_failed_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('evidence_files as src')
          .select((s) => [
            s.val(row.id).as('id'),
            s.val(row.application_id).as('application_id'),
            'src.evidence_type',
            'src.original_name',
            'src.media_type',
            'src.size_bytes',
            'src.sha256',
            'src.sm3',
            'src.crc32',
            'src.storage_key',
            s.val(row.uploaded_by).as('uploaded_by'),
            s.val(row.uploaded_at).as('uploaded_at'),
            'src.checked_at',
            'src.check_failed_at',
          ])
          .where('src.id', '=', sourceFileId)
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('evidence_files as held')
                  .select('held.id')
                  .where('held.application_id', '=', row.application_id)
                  .whereRef('held.storage_key', '=', 'src.storage_key'),
              ),
            ),
          ),
      )
      .returning('id')
      .execute();
    return r.length === 1;
  }

  async insertEvidence(row: Insertable<EvidenceFileTable>): Promise<void> {
    await this.db.insertInto('evidence_files').values(row).execute();
  }

  async deleteEvidence(applicationId: string, fileId: string): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx
        .updateTable('institutions')
        .set({ agreement_file_id: null })
        .where('application_id', '=', applicationId)
        .where('agreement_file_id', '=', fileId)
        .execute();
      await trx
        .deleteFrom('evidence_files')
        .where('application_id', '=', applicationId)
        .where('id', '=', fileId)
        .execute();
    });
  }

  /**
   * Moves the application to `submitted` and records the version, atomically and only from an editable
   * status: of two concurrent submissions exactly one does it; the other finds it already submitted.
   */
  async markSubmitted(
    id: string,
    version: { id: string; receiptNo: string; snapshot: string; submittedBy: string },
    now: Date,
  ): Promise<boolean> {
    return atomic(this.db, async (trx) => {
      const at = now.toISOString();
      const r = await trx
        .updateTable('applications')
        .set((eb) => ({ status: targetOf('submit'), version: eb('version', '+', 1), submitted_at: at, updated_at: at }))
        .where('id', '=', id)
        .where('status', 'in', sourcesOf('submit'))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      const app = await trx.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      await trx
        .insertInto('application_versions')
        .values({
          id: version.id,
          application_id: id,
          version: app.version,
          receipt_no: version.receiptNo,
          snapshot: encryptFields(this.cipher, version.snapshot, SNAPSHOT_FIELDS),
          submitted_at: at,
          submitted_by: version.submittedBy,
        })
        .execute();
      return true;
    });
  }

  async latestVersion(applicationId: string) {
    const row = await this.db
      .selectFrom('application_versions')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    return row && { ...row, snapshot: decryptFields(this.cipher, row.snapshot, SNAPSHOT_FIELDS) };
  }
}
