import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ApplicationView } from '#contract';
import { loadConfig, type Config } from '../server/src/config.js';
import { buildApp, type App } from '../server/src/http/app.js';
import { DEMO_PASSWORD } from '../server/src/seed/seed.js';
import { openSession } from '../server/src/use-cases/steps/open-session.js';
import {
  fillCompletely,
  makeReadyForRecommendation,
  submittedApplication,
} from '../server/test-support/applications.js';
import { makeUscc } from '../server/test-support/fixtures.js';
import { TestClient } from '../server/test-support/http.js';
import { announceListening } from './child-server.js';
import { prepareGrowth } from './growth-fixture.js';
import { cityAccounts, credentials, mapLimit, PREP_CONCURRENCY, secondsSince } from './fixture-steps.js';
import {
  EVENT_LOOP_READ,
  EVENT_LOOP_RESET,
  FIXTURE_ENV,
  PACKAGE_RECOMMEND,
  type DeadlineFixture,
  type EventLoopStats,
  type Fixture,
  type PackageFixture,
  type QuotaFixture,
  type StormCity,
  type StormDraft,
} from './fixture-protocol.js';

/**
 * The server under test for (c), (d), (f) and (h), with data prepared in this process before it listens: the
 * same buildApp as bench/server-under-test.ts, on the DATA_DIR the bench process passes. Preparation
 * goes through app.inject and the test-support helpers (the real routes), except that most of the
 * storm's drafts are cloned in SQL from one filled over inject (see prepareDrafts). The measured
 * requests then come from the bench process over real HTTP.
 *
 *   BENCH_FIXTURE=quota     N submitted applications in 洛阳, each ready for recommendation
 *   BENCH_FIXTURE=deadline  every city with one recommended platform, N complete drafts, and the open
 *                           batch's application and city deadlines moved to a second a few seconds ahead
 *   BENCH_FIXTURE=package   N complete drafts in 洛阳, recommended on request once the bench has uploaded
 *                           their large evidence over HTTP
 *   BENCH_FIXTURE=growth    N applications over every city, most copied in SQL (bench/growth-fixture.ts)
 */

const QUOTA_CITY = { authorityCode: '410300', username: 'luoyang' } as const;
/** Drafts filled over app.inject before the rest are cloned: enough to time the real path. */
const INJECT_FILLED_DRAFTS = 3;
/** (d) Drafts beyond the storm's, submitted by the bench before the window to warm the submit path up. */
const WARMUP_DRAFTS = 20;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/**
 * The fixture registers hundreds of units over inject, all from 127.0.0.1, which the login/register
 * limit of 30 a minute per IP would refuse. Neither route is measured here, so the limit is raised.
 */
function fixtureConfig(): Config {
  return loadConfig(process.env, { loginRateLimitPerMinute: 1_000_000 });
}

/** (c) N applications in 洛阳, submitted and with everything a recommendation needs. */
async function prepareQuota(app: App, count: number): Promise<QuotaFixture> {
  const started = performance.now();
  const city = await new TestClient(app).login(QUOTA_CITY.username, DEMO_PASSWORD);
  const applicationIds = await mapLimit(Array.from({ length: count }), PREP_CONCURRENCY, async () => {
    const { id } = await submittedApplication(app, QUOTA_CITY.authorityCode);
    await makeReadyForRecommendation(city, id);
    return id;
  });
  return {
    kind: 'quota',
    authorityCode: QUOTA_CITY.authorityCode,
    cityUsername: QUOTA_CITY.username,
    applicationIds,
    prepSeconds: secondsSince(started),
  };
}

/** Each city logs in and recommends one platform of its own, so that its package can be submitted. */
async function prepareCities(app: App): Promise<{ cities: StormCity[]; created: number; seconds: number }> {
  const started = performance.now();
  const { accounts, created } = await cityAccounts(app);
  const cities = await mapLimit(accounts, PREP_CONCURRENCY, async (account): Promise<StormCity> => {
    const official = await new TestClient(app).login(account.username, DEMO_PASSWORD);
    const { id } = await submittedApplication(app, account.regionCode);
    await makeReadyForRecommendation(official, id);
    const res = await official.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' });
    if (res.statusCode !== 200) throw new Error(`recommend in ${account.authorityCode}: ${res.statusCode} ${res.body}`);
    return { authorityCode: account.authorityCode, name: account.name, session: credentials(official) };
  });
  return { cities, created, seconds: secondsSince(started) };
}

/** Registers a unit over inject and fills its draft completely (not submitted). */
async function filledDraft(app: App, n: number, regionCode: string): Promise<StormDraft> {
  return (await filledDraftWithClient(app, n, regionCode)).draft;
}

async function filledDraftWithClient(
  app: App,
  n: number,
  regionCode: string,
): Promise<{ draft: StormDraft; client: TestClient }> {
  const client = new TestClient(app);
  const register = await client.post('/api/v1/auth/register', {
    username: `bench-unit-${n}`,
    password: 'Passw0rd!',
    unitName: `压测运营单位${n}有限公司`,
    uscc: makeUscc(n, regionCode),
    regionCode,
    contactName: '张三',
    contactPhone: '13800001111',
  });
  if (register.statusCode !== 200) throw new Error(`register bench-unit-${n}: ${register.statusCode} ${register.body}`);
  const mine = await client.get('/api/v1/my/application');
  if (mine.statusCode !== 200) throw new Error(`my application of bench-unit-${n}: ${mine.statusCode} ${mine.body}`);
  const applicationId = mine.json<{ id: string }>().id;
  await fillCompletely(client, applicationId);
  const named = await client.patch(`/api/v1/applications/${applicationId}`, { platformName: `压测平台${n}` });
  if (named.statusCode !== 200) throw new Error(`name platform of bench-unit-${n}: ${named.statusCode} ${named.body}`);
  return { draft: { applicationId, session: credentials(client) }, client };
}

/** (f) N complete drafts in 洛阳 and the city's official session. */
async function preparePackage(
  app: App,
  count: number,
): Promise<{ fixture: PackageFixture; applicants: Map<string, TestClient>; city: TestClient }> {
  const city = await new TestClient(app).login(QUOTA_CITY.username, DEMO_PASSWORD);
  const applicants = new Map<string, TestClient>();
  const drafts: StormDraft[] = [];
  for (let n = 1; n <= count; n++) {
    const { draft, client } = await filledDraftWithClient(app, n, QUOTA_CITY.authorityCode);
    applicants.set(draft.applicationId, client);
    drafts.push(draft);
  }
  return {
    fixture: {
      kind: 'package',
      authorityCode: QUOTA_CITY.authorityCode,
      city: credentials(city),
      drafts,
      filesDir: app.ctx.config.filesDir,
    },
    applicants,
    city,
  };
}

/** (f) Submits each draft as its applicant, then the official records the review and recommends it. */
async function recommendAll(applicants: Map<string, TestClient>, city: TestClient): Promise<number> {
  let recommended = 0;
  for (const [id, applicant] of applicants) {
    const submit = await applicant.post(`/api/v1/applications/${id}/submit`);
    if (submit.statusCode !== 200) throw new Error(`submit ${id}: ${submit.statusCode} ${submit.body}`);
    await makeReadyForRecommendation(city, id);
    const res = await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' });
    if (res.statusCode !== 200) throw new Error(`recommend ${id}: ${res.statusCode} ${res.body}`);
    recommended += 1;
  }
  return recommended;
}

/** Unit numbers for bench USCCs, far from the ranges the demo seed and the test helpers use. */
const UNIT_NUMBER_BASE = 20_000_000_000;

/**
 * Copies a filled draft for `count` new units (one applicant each, spread over the cities): the unit,
 * user, application, institutions, roster rows and evidence rows, with new ids. The evidence rows keep
 * the template's storage keys and digests, so no file is copied and nothing is left to digest. Each
 * clone gets a session the way a login opens one (openSession), since 500 argon2 logins would only
 * measure the fixture.
 */
async function cloneDrafts(
  app: App,
  templateId: string,
  count: number,
  firstNumber: number,
  regions: readonly string[],
): Promise<StormDraft[]> {
  const { db } = app.ctx;
  await app.ctx.digests.idle();
  const template = await db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', templateId)
    .executeTakeFirstOrThrow();
  const owner = await db
    .selectFrom('users')
    .selectAll()
    .where('unit_id', '=', template.unit_id)
    .executeTakeFirstOrThrow();
  const unit = await db.selectFrom('units').selectAll().where('id', '=', template.unit_id).executeTakeFirstOrThrow();
  const [institutions, roster, evidence] = await Promise.all([
    db.selectFrom('institutions').selectAll().where('application_id', '=', templateId).orderBy('position').execute(),
    db.selectFrom('roster_rows').selectAll().where('application_id', '=', templateId).orderBy('row_no').execute(),
    db.selectFrom('evidence_files').selectAll().where('application_id', '=', templateId).execute(),
  ]);
  if (evidence.some((e) => !e.sha256 || !e.sm3)) throw new Error('the template draft still has files without digests');
  const form = JSON.parse(template.form) as Record<string, unknown>;
  const now = new Date().toISOString();

  const clones: { applicationId: string; userId: string }[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const n = firstNumber + i;
      const region = regions[i % regions.length]!;
      const unitId = randomUUID();
      const userId = randomUUID();
      const applicationId = randomUUID();
      const unitName = `压测运营单位${n}有限公司`;
      await trx
        .insertInto('units')
        .values({
          id: unitId,
          name: unitName,
          uscc: makeUscc(UNIT_NUMBER_BASE + n, region),
          region_code: region,
          // Encrypted as the template's: it decrypts with the same key.
          contact_name: unit.contact_name,
          contact_phone: unit.contact_phone,
          created_at: now,
        })
        .execute();
      await trx
        .insertInto('users')
        .values({
          ...owner,
          id: userId,
          username: `bench-unit-${n}`,
          display_name: unitName,
          unit_id: unitId,
          created_at: now,
        })
        .execute();
      await trx
        .insertInto('applications')
        .values({
          ...template,
          id: applicationId,
          // The triggers count the copied roster rows and institutions as they are inserted.
          roster_count: 0,
          institution_count: 0,
          unit_id: unitId,
          authority_code: region,
          form: JSON.stringify({ ...form, platformName: `压测平台${n}` }),
          created_at: now,
          updated_at: now,
        })
        .execute();
      const fileIds = new Map(evidence.map((e) => [e.id, randomUUID()]));
      await trx
        .insertInto('evidence_files')
        .values(
          evidence.map((e) => ({ ...e, id: fileIds.get(e.id)!, application_id: applicationId, uploaded_by: userId })),
        )
        .execute();
      await trx
        .insertInto('institutions')
        .values(
          institutions.map((r) => ({
            ...r,
            id: randomUUID(),
            application_id: applicationId,
            agreement_file_id: r.agreement_file_id && fileIds.get(r.agreement_file_id)!,
          })),
        )
        .execute();
      await trx
        .insertInto('roster_rows')
        .values(roster.map((r) => ({ ...r, id: randomUUID(), application_id: applicationId })))
        .execute();
      clones.push({ applicationId, userId });
    }
  });
  const drafts: StormDraft[] = [];
  for (const c of clones) {
    const { sessionId, csrfToken } = await openSession(app.ctx, c.userId);
    drafts.push({ applicationId: c.applicationId, session: { cookie: `sb_session=${sessionId}`, csrfToken } });
  }
  return drafts;
}

/** Checks over inject, as the applicant, that a draft is eligible and complete: a clone that is not would only measure refusals. */
async function assertSubmittable(app: App, draft: StormDraft): Promise<void> {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/applications/${draft.applicationId}`,
    headers: { cookie: draft.session.cookie },
  });
  if (res.statusCode !== 200) throw new Error(`GET draft ${draft.applicationId}: ${res.statusCode} ${res.body}`);
  const view = res.json<ApplicationView>();
  const problems = [...view.eligibility.failures, ...view.incomplete];
  if (view.status !== 'draft' || problems.length)
    throw new Error(`draft ${draft.applicationId} is not submittable: ${view.status} ${JSON.stringify(problems)}`);
}

async function prepareDrafts(app: App, count: number, regions: readonly string[]) {
  const byInject = Math.min(INJECT_FILLED_DRAFTS, count);
  const injectStarted = performance.now();
  // One at a time, so that the time per draft is the real path's alone.
  const filled = await mapLimit(Array.from({ length: byInject }), 1, (_, i) =>
    filledDraft(app, i + 1, regions[i % regions.length]!),
  );
  const injectMsPerDraft = byInject ? (1000 * secondsSince(injectStarted)) / byInject : 0;

  const cloneStarted = performance.now();
  const cloned =
    filled[0] && count > byInject
      ? await cloneDrafts(app, filled[0].applicationId, count - byInject, byInject + 1, regions)
      : [];
  const cloneSeconds = secondsSince(cloneStarted);
  if (cloned.length) {
    await assertSubmittable(app, cloned[0]!);
    await assertSubmittable(app, cloned[cloned.length - 1]!);
  }
  return {
    drafts: [...filled, ...cloned],
    filledByInject: byInject,
    injectMsPerDraft,
    cloned: cloned.length,
    cloneSeconds,
  };
}

/** A whole second in China Standard Time, written like the batch configuration writes deadlines. */
function cstSecond(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000 + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * (d) Prepares the data on a first app, moves the deadlines of the drafts' batch to a second `leadMs`
 * ahead, and closes that app: ReferenceRepository caches parsed batches and drops the cache only on
 * its own writes, so the server that listens is built afterwards on the same DATA_DIR and reads the
 * new deadlines fresh.
 */
async function prepareDeadline(
  config: Config,
  draftCount: number,
  leadMs: number,
): Promise<{ app: App; fixture: DeadlineFixture }> {
  const started = performance.now();
  const prepApp = await buildApp({ config });
  const { cities, created, seconds: citiesSeconds } = await prepareCities(prepApp);
  const drafts = await prepareDrafts(
    prepApp,
    draftCount + WARMUP_DRAFTS,
    cities.map((c) => c.authorityCode),
  );
  const warmupDrafts = drafts.drafts.splice(draftCount);
  const batchId = (await prepApp.ctx.applications.findById(drafts.drafts[0]?.applicationId ?? ''))?.batch_id;
  const batch = batchId
    ? await prepApp.ctx.references.findBatch(batchId)
    : (await prepApp.ctx.references.listBatches()).find((b) => b.isDemo);
  if (!batch) throw new Error('no open batch to move the deadlines of');

  const deadlineSecond = Math.ceil((Date.now() + leadMs) / 1000);
  const deadline = cstSecond(deadlineSecond);
  await prepApp.ctx.db
    .updateTable('batches')
    .set({ config: JSON.stringify({ ...batch.config, applicationDeadline: deadline, cityDeadline: deadline }) })
    .where('id', '=', batch.id)
    .execute();
  await prepApp.close();

  const app = await buildApp({ config });
  const check = await app.inject({
    method: 'GET',
    url: '/api/v1/city/package',
    headers: { cookie: cities[0]!.session.cookie },
  });
  const pkg = check.json<{ batchId: string; deadline: string }>();
  if (check.statusCode !== 200 || pkg.batchId !== batch.id || pkg.deadline !== deadline) {
    throw new Error(
      `the rebuilt server does not use the moved deadline: ${check.statusCode} ${check.body.slice(0, 300)}`,
    );
  }
  const totalSeconds = secondsSince(started);
  return {
    app,
    fixture: {
      kind: 'deadline',
      batchId: batch.id,
      deadline,
      deadlineSecondMs: deadlineSecond * 1000,
      cities,
      drafts: drafts.drafts,
      warmupDrafts,
      prep: {
        citiesCreated: created,
        citiesSeconds,
        filledByInject: drafts.filledByInject,
        injectMsPerDraft: drafts.injectMsPerDraft,
        cloned: drafts.cloned,
        cloneSeconds: drafts.cloneSeconds,
        totalSeconds,
      },
    },
  };
}

// Preparation can take a while; if the bench process goes away meanwhile, so does this one.
const abandoned = () => process.exit(1);
process.once('disconnect', abandoned);

const config = fixtureConfig();
const kind = process.env[FIXTURE_ENV.kind];
let app: App;
let fixture: Fixture;
let onPackageRecommend: (() => Promise<number>) | null = null;
if (kind === 'quota') {
  app = await buildApp({ config });
  fixture = await prepareQuota(app, envInt(FIXTURE_ENV.applications, 50));
} else if (kind === 'deadline') {
  ({ app, fixture } = await prepareDeadline(config, envInt(FIXTURE_ENV.drafts, 500), envInt(FIXTURE_ENV.leadMs, 5000)));
} else if (kind === 'package') {
  app = await buildApp({ config });
  const prepared = await preparePackage(app, envInt(FIXTURE_ENV.platforms, 2));
  fixture = prepared.fixture;
  onPackageRecommend = () => recommendAll(prepared.applicants, prepared.city);
} else if (kind === 'growth') {
  ({ app, fixture } = await prepareGrowth(config, envInt(FIXTURE_ENV.total, 100)));
} else {
  throw new Error(`${FIXTURE_ENV.kind} must be "quota", "deadline", "package" or "growth", got "${kind ?? ''}"`);
}
await app.listen({ port: config.port, host: config.host });
process.off('disconnect', abandoned);

// How long the server's event loop was blocked during a measured window (better-sqlite3 runs every query synchronously on it).
// The histogram records each sampling interval as it elapsed, so the interval itself is taken off.
const LOOP_SAMPLE_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
loopDelay.enable();
process.on('message', (message) => {
  if (message === EVENT_LOOP_RESET) {
    loopDelay.reset();
    process.send?.(null);
  } else if (message === EVENT_LOOP_READ) {
    const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS);
    process.send?.({
      meanMs: ms(loopDelay.mean),
      p99Ms: ms(loopDelay.percentile(99)),
      maxMs: ms(loopDelay.max),
    } satisfies EventLoopStats);
  } else if (message === PACKAGE_RECOMMEND && onPackageRecommend) {
    onPackageRecommend().then(
      (n) => process.send?.(n),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  }
});
announceListening<Fixture>(app, fixture);
