import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { syntheticUscc } from '#contract';
import { chainHash } from '../server/src/audit/audit-chain.js';
import type { Config } from '../server/src/config.js';
import type { Database } from '../server/src/db/schema.js';
import { platformNameKey } from '../server/src/domain/duplicates.js';
import { buildApp, type App } from '../server/src/http/app.js';
import { DEMO_PASSWORD } from '../server/src/seed/seed.js';
import { openSession } from '../server/src/use-cases/steps/open-session.js';
import { makeReadyForRecommendation, submittedApplication } from '../server/test-support/applications.js';
import { TestClient } from '../server/test-support/http.js';
import type { GrowthFixture, SessionCredentials } from './fixture-protocol.js';
import { cityAccounts, credentials, mapLimit, PREP_CONCURRENCY, secondsSince } from './fixture-steps.js';

/**
 * (h) Fills the open batch with N applications quickly. One complete application per city goes the real
 * way over inject (registered, filled, submitted, site check, interview, survey and opinion recorded by
 * the city's official): the templates. The rest are copies of them, made in SQL in chunks, one
 * transaction each: units, users and applications by multi-row inserts (new ids, distinct names,
 * USCCs with valid check characters, platform names and their duplicate keys), then every row that
 * hangs off an application (versions, roster, institutions, evidence, review records) by INSERT …
 * SELECT joined to a map of the chunk's copies. Encrypted phones are copied as they are, so they
 * decrypt with the same key; evidence rows keep the template's storage keys (no file is copied); each copy's
 * submission is appended to the audit log's chain, which still verifies.
 * Copies go round robin over the cities (each ~1/18, 洛阳 ~5.6%) and over the statuses below.
 */

const MEASURED_CITY = '410300';
/** Copies per chunk (one transaction): users have ~17 columns, well under SQLite's 32,766 parameters. */
const CHUNK = 500;
/** Statuses of the copies, in turn: 3 submitted, 1 not recommended, 1 returned. */
const STATUSES = ['submitted', 'submitted', 'submitted', 'not_recommended', 'returned'] as const;
/** Unit numbers for copied units' USCCs, far from the ranges the seed, the tests and the storm fixture use. */
const UNIT_NUMBER_BASE = 40_000_000_000;
/** Applicant sessions opened for the mixed load of (h2). */
const APPLICANT_SESSIONS = 16;
/** Tables whose rows belong to one application (`application_id`) and are copied with it. */
const CHILD_TABLES = [
  'application_versions',
  'evidence_files',
  'institutions',
  'roster_rows',
  'review_findings',
  'site_checks',
  'interviews',
  'surveys',
  'survey_contacts',
  'opinions',
] as const;

interface Template {
  id: string;
  authorityCode: string;
  official: TestClient;
  applicant: TestClient;
}

/** A random version-4 UUID made by the database, one per row. */
function uuidExpression(postgres: boolean): RawBuilder<string> {
  return postgres
    ? sql<string>`gen_random_uuid()::text`
    : sql<string>`lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;
}

/** One complete, submitted and reviewed application per city, over inject. */
async function prepareTemplates(app: App): Promise<Template[]> {
  const { accounts } = await cityAccounts(app);
  return mapLimit(accounts, PREP_CONCURRENCY, async (account) => {
    const official = await new TestClient(app).login(account.username, DEMO_PASSWORD);
    const { id, client } = await submittedApplication(app, account.regionCode);
    await makeReadyForRecommendation(official, id);
    return { id, authorityCode: account.authorityCode, official, applicant: client };
  });
}

/** The bench's own tables: the current chunk's copies and their evidence ids (emptied after each chunk). */
async function createMaps(db: Kysely<Database>): Promise<void> {
  await sql`create table bench_clone_map (template_id text not null, template_user_id text not null, app_id text not null, user_id text not null, n integer not null)`.execute(
    db,
  );
  await sql`create table bench_file_map (old_id text not null, app_id text not null, new_id text not null)`.execute(db);
  await sql`create index bench_file_map_old on bench_file_map (old_id, app_id)`.execute(db);
}

async function dropTables(db: Kysely<Database>, tables: string[]): Promise<void> {
  for (const table of tables) await sql`drop table ${sql.table(table)}`.execute(db);
}

const sourceOf = (table: string) => `bench_source_${table}`;

/**
 * Copies the templates' rows of a child table into a table of the bench's own, so that each chunk's
 * INSERT … SELECT reads a few hundred rows whatever the database already holds. Returns the column
 * list, or null when the templates have no rows there.
 */
async function stageSource(db: Kysely<Database>, table: string, templateIds: string[]): Promise<string[] | null> {
  await sql`create table ${sql.table(sourceOf(table))} as select * from ${sql.table(table)} where application_id in (${sql.join(templateIds)})`.execute(
    db,
  );
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(sourceOf(table))} limit 1`.execute(db);
  if (rows[0]) return Object.keys(rows[0]);
  await dropTables(db, [sourceOf(table)]);
  return null;
}

/** The expression each copied column takes, beside the plain copy `t.<column>`. */
function childOverrides(table: string, postgres: boolean): Record<string, RawBuilder<unknown>> {
  const fileOf = (column: string) =>
    sql`(select f.new_id from bench_file_map f where f.old_id = ${sql.ref(`t.${column}`)} and f.app_id = m.app_id)`;
  const common: Record<string, RawBuilder<unknown>> = { application_id: sql`m.app_id` };
  if (table === 'evidence_files')
    return {
      ...common,
      id: fileOf('id'),
      uploaded_by: sql`case when t.uploaded_by = m.template_user_id then m.user_id else t.uploaded_by end`,
    };
  if (table === 'institutions')
    return { ...common, id: uuidExpression(postgres), agreement_file_id: fileOf('agreement_file_id') };
  if (table === 'site_checks') return { ...common, scan_file_id: fileOf('scan_file_id') };
  if (table === 'application_versions')
    return {
      ...common,
      id: uuidExpression(postgres),
      receipt_no: sql`t.receipt_no || '-' || cast(m.n as text)`,
      submitted_by: sql`m.user_id`,
    };
  return { ...common, id: uuidExpression(postgres) };
}

/**
 * Copies `count` applications from the templates. Returns the ids of the copies' applicant users
 * (the first few, for sessions) and of a submitted copy in the measured city.
 */
async function copyApplications(
  db: Kysely<Database>,
  templates: Template[],
  count: number,
  postgres: boolean,
): Promise<{ userIds: string[]; cityReviewId: string | null }> {
  const templateIds = templates.map((t) => t.id);
  const apps = await db.selectFrom('applications').selectAll().where('id', 'in', templateIds).execute();
  const units = await db
    .selectFrom('units')
    .selectAll()
    .where(
      'id',
      'in',
      apps.map((a) => a.unit_id),
    )
    .execute();
  const owners = await db
    .selectFrom('users')
    .selectAll()
    .where(
      'unit_id',
      'in',
      apps.map((a) => a.unit_id),
    )
    .execute();
  const files = await db
    .selectFrom('evidence_files')
    .select(['id', 'application_id'])
    .where('application_id', 'in', templateIds)
    .execute();
  const officials = await db.selectFrom('users').select(['id', 'authority_code']).where('role', '=', 'city').execute();
  const byTemplate = templates.map((t) => {
    const app = apps.find((a) => a.id === t.id)!;
    const unit = units.find((u) => u.id === app.unit_id)!;
    const owner = owners.find((u) => u.unit_id === app.unit_id)!;
    const official = officials.find((o) => o.authority_code === t.authorityCode)!;
    const form = JSON.parse(app.form) as Record<string, unknown>;
    return { app, unit, owner, official, form, files: files.filter((f) => f.application_id === t.id) };
  });
  const columns = new Map<string, string[]>();
  for (const table of CHILD_TABLES) {
    const cols = await stageSource(db, table, templateIds);
    if (cols) columns.set(table, cols);
  }

  await createMaps(db);
  // SQLite's default page cache (2 MB) makes each chunk's index inserts read pages back as the tables grow.
  if (!postgres) await sql`pragma cache_size = -262144`.execute(db);
  const userIds: string[] = [];
  let cityReviewId: string | null = null;
  const submittedBase = Date.parse(apps[0]!.submitted_at ?? new Date().toISOString());
  for (let first = 0; first < count; first += CHUNK) {
    const size = Math.min(CHUNK, count - first);
    await db.transaction().execute(async (trx) => {
      const unitRows = [];
      const userRows = [];
      const appRows = [];
      const mapRows = [];
      const fileRows = [];
      const returns = [];
      const rejections = [];
      for (let i = first; i < first + size; i++) {
        const t = byTemplate[i % byTemplate.length]!;
        const n = i + 1;
        const status = STATUSES[Math.floor(i / byTemplate.length) % STATUSES.length]!;
        const unitId = randomUUID();
        const userId = randomUUID();
        const appId = randomUUID();
        const now = new Date(submittedBase - n * 1000).toISOString();
        const unitName = `增长压测运营单位${n}有限公司`;
        const platformName = `增长压测服务平台${n}`;
        unitRows.push({
          ...t.unit,
          id: unitId,
          name: unitName,
          uscc: syntheticUscc(UNIT_NUMBER_BASE + n, t.unit.region_code),
          created_at: now,
        });
        userRows.push({
          ...t.owner,
          id: userId,
          username: `growth-unit-${n}`,
          display_name: unitName,
          unit_id: unitId,
          created_at: now,
        });
        appRows.push({
          ...t.app,
          // The triggers count the copied roster rows and institutions as they are inserted.
          roster_count: 0,
          institution_count: 0,
          id: appId,
          unit_id: unitId,
          status,
          form: JSON.stringify({ ...t.form, platformName }),
          platform_name: platformName,
          platform_name_key: platformNameKey(platformName),
          submitted_at: now,
          created_at: now,
          updated_at: now,
        });
        mapRows.push({ template_id: t.app.id, template_user_id: t.owner.id, app_id: appId, user_id: userId, n });
        for (const f of t.files) fileRows.push({ old_id: f.id, app_id: appId, new_id: randomUUID() });
        if (status === 'returned')
          returns.push({
            id: randomUUID(),
            application_id: appId,
            version: t.app.version,
            summary: '材料不全',
            remarks: '请补充近三年服务记录。',
            returned_by: t.official.id,
            returned_at: now,
          });
        if (status === 'not_recommended')
          rejections.push({
            application_id: appId,
            reason: '不符合申报条件。',
            rejected_by: t.official.id,
            rejected_at: now,
          });
        if (userIds.length < APPLICANT_SESSIONS) userIds.push(userId);
        if (!cityReviewId && status === 'submitted' && t.app.authority_code === MEASURED_CITY) cityReviewId = appId;
      }
      await trx.insertInto('units').values(unitRows).execute();
      await trx.insertInto('users').values(userRows).execute();
      await trx.insertInto('applications').values(appRows).execute();
      await insertRaw(trx, 'bench_clone_map', mapRows);
      for (let f = 0; f < fileRows.length; f += CHUNK * 4)
        await insertRaw(trx, 'bench_file_map', fileRows.slice(f, f + CHUNK * 4));
      if (returns.length) await trx.insertInto('application_returns').values(returns).execute();
      if (rejections.length) await trx.insertInto('application_rejections').values(rejections).execute();
      for (const [table, cols] of columns) {
        const overrides = childOverrides(table, postgres);
        const values = cols.map((c) => overrides[c] ?? sql.ref(`t.${c}`));
        await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) select ${sql.join(values)} from ${sql.table(sourceOf(table))} t join bench_clone_map m on m.template_id = t.application_id`.execute(
          trx,
        );
      }
      await sql`delete from bench_file_map`.execute(trx);
      await sql`delete from bench_clone_map`.execute(trx);
      await appendSubmissions(trx, appRows);
    });
  }
  await dropTables(db, ['bench_file_map', 'bench_clone_map', ...[...columns.keys()].map(sourceOf)]);
  return { userIds, cityReviewId };
}

/**
 * The audit log as the copies' submissions would have written it: one `application.submit` entry each, chained
 * (seq and SM3 hash after the head's) as AuditRepository.record appends, so the log grows with the data and still
 * verifies.
 */
async function appendSubmissions(
  trx: Transaction<Database>,
  apps: readonly { id: string; version: number; submitted_at: string | null }[],
): Promise<void> {
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let { seq, hash } = head;
  const rows = apps.map((a) => {
    seq += 1;
    const entry = {
      id: randomUUID(),
      seq,
      at: a.submitted_at!,
      actor_user_id: null,
      actor_name: 'bench',
      ip: '127.0.0.1',
      action: 'application.submit',
      target_type: 'application',
      target_id: a.id,
      detail: JSON.stringify({ version: a.version }),
    };
    hash = chainHash(hash, entry);
    return { ...entry, hash };
  });
  await trx.insertInto('audit_log').values(rows).execute();
  await trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
}

/** A multi-row insert into one of the bench's own map tables (not in the app's schema types). */
async function insertRaw(trx: Transaction<Database>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!);
  const values = rows.map((r) => sql`(${sql.join(cols.map((c) => r[c]))})`);
  await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
    trx,
  );
}

/**
 * Prepares the data on a first app, then builds the app that listens afresh on the same database, so
 * that nothing the preparation warmed or cached in memory helps the measured requests.
 */
export async function prepareGrowth(config: Config, total: number): Promise<{ app: App; fixture: GrowthFixture }> {
  const started = performance.now();
  const postgres = config.databaseUrl !== null;
  const prepApp = await buildApp({ config });
  const templates = await prepareTemplates(prepApp);
  const templateSeconds = secondsSince(started);
  const { db } = prepApp.ctx;
  await prepApp.ctx.digests.idle();
  const existing = Number(
    (
      await db
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const copyStarted = performance.now();
  const copied = Math.max(0, total - existing);
  const { userIds, cityReviewId } = await copyApplications(db, templates, copied, postgres);
  // PostgreSQL's autovacuum would gather statistics on the new rows and mark their pages all-visible (what an
  // index-only scan needs) within a minute; the planner and the visibility map get them now.
  if (postgres) await sql`vacuum analyze`.execute(db);
  const copySeconds = secondsSince(copyStarted);
  const applicants: SessionCredentials[] = [];
  for (const userId of userIds) {
    const { sessionId, csrfToken } = await openSession(prepApp.ctx, userId);
    applicants.push({ cookie: `sb_session=${sessionId}`, csrfToken });
  }
  if (!applicants.length) applicants.push(...templates.map((t) => credentials(t.applicant)));
  const province = credentials(await new TestClient(prepApp).login('province', DEMO_PASSWORD));
  const auditor = credentials(await new TestClient(prepApp).login('auditadmin', DEMO_PASSWORD));
  const cityTemplate = templates.find((t) => t.authorityCode === MEASURED_CITY)!;
  const count = async (authority?: string) => {
    let q = db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n'));
    if (authority) q = q.where('authority_code', '=', authority);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const applications = await count();
  const cityApplications = await count(MEASURED_CITY);
  await prepApp.close();

  const app = await buildApp({ config });
  return {
    app,
    fixture: {
      kind: 'growth',
      database: postgres ? 'postgres' : 'sqlite',
      applications,
      cityApplications,
      authorityCode: MEASURED_CITY,
      reviewId: cityReviewId ?? cityTemplate.id,
      city: credentials(cityTemplate.official),
      province,
      auditor,
      applicants,
      prep: { templates: templates.length, templateSeconds, copied, copySeconds, totalSeconds: secondsSince(started) },
    },
  };
}
