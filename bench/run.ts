/**
 * `npm run bench`: measures the Shenbao server against baselines started in the same run, and prints
 * the figures, their ratios and pass/MISSED against the goals. A measurement, not a test: it exits 0
 * when a goal is missed, and non-zero only when the benchmark itself could not run.
 *
 *   BENCH_SECONDS         measured seconds per HTTP load run (default 10)
 *   BENCH_WARMUP_SECONDS  unmeasured warm-up before each load run (default 2)
 *   BENCH_UPLOAD_MB       size of the uploaded file in MiB (default 1024)
 *   BENCH_QUOTA_APPLICATIONS         parallel recommendations in the quota race (default 50)
 *   BENCH_STORM_DRAFTS               application submissions in the deadline storm (default 500)
 *   BENCH_STORM_SECONDS              seconds of steady firing, centred on the cutoff (default 4)
 *   BENCH_BURST_SECONDS              the same submissions within this many seconds: a burst (default 0.1; 0 skips it)
 *   BENCH_STORM_PACKAGE_INTERVAL_MS  each city resubmits its package this often (default 100)
 *   BENCH_PACKAGE_MB      MiB of evidence in the 刻盘 package of (f) (default 2048)
 *   BENCH_LIGHTHOUSE_RUNS Lighthouse runs per page in (g); the median is reported (default 3)
 *   BENCH_GROWTH_SIZES    applications in the databases of (h), comma-separated (default "100,10000,100000");
 *                         the first is the baseline of the ratios
 *   BENCH_GROWTH_DATABASES databases of (h): "sqlite", "postgres" or both (default "sqlite,postgres")
 *   BENCH_GROWTH_RUNS     timed runs of each request in (h1), after 5 warm-up runs (default 50)
 *   BENCH_MIXED_SIZE      the size of BENCH_GROWTH_SIZES at which (h2) runs its mixed load and, on PostgreSQL,
 *                         1 against 2 server processes behind nginx (default 10000; another value skips h2)
 *   BENCH_STORM3_DRAFTS   application submissions in the deadline storm of (h) against 3 server processes on
 *                         PostgreSQL behind nginx (default 10,000; 0 skips it)
 *   BENCH_STORM3_SECONDS  their window, centred on the cutoff (default 60)
 *   BENCH_DIRECTUS_ROWS   applications in the comparison with Directus 11.3.5 of (h3) (default 1000; 0 skips it); Directus is
 *                         installed once into BENCH_DIRECTUS_DIR (default a folder in the temp dir), never the project
 *   BENCH_PARTS           which parts to run, any of "abcdefgh" (default all)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PrecheckInput } from '#contract';
import { DEMO_PASSWORD } from '../server/src/seed/seed.js';
import { startNginx } from '../server/test-support/nginx.js';
import { startPostgres } from '../server/test-support/postgres.js';
import { spawnServer, type ChildServer } from './child-server.js';
import {
  runDeadlineStorm,
  type DeadlineStormFigures,
  type Outcome,
  type Phase,
  type StormKind,
} from './deadline-storm.js';
import {
  FIXTURE_ENV,
  type DeadlineFixture,
  type FixtureKind,
  type PackageFixture,
  type QuotaFixture,
} from './fixture-protocol.js';
import { logIn, measureLoad, myApplicationId, waitForDigests, type LoadResult } from './http-load.js';
import { CpuMeter, RssSampler, type RssFigures } from './proc.js';
import { runQuotaRace, type QuotaRaceFigures } from './quota-race.js';
import {
  concurrentUploadRow,
  describeConcurrentUploads,
  runConcurrentUploads,
  type ConcurrentUploadFigures,
  type Draft,
} from './concurrent-uploads.js';
import { benchDocuments, documentRows } from './documents.js';
import { benchDirectus, benchGrowth, directusRow, growthRows, type GrowthDatabase } from './growth.js';
import { benchWebApp, webAppRows } from './lighthouse.js';
import {
  bareFileStream,
  describePackage,
  packageRows,
  runPackageBench,
  storedFiles,
  type PackageFigures,
} from './package.js';
import { fmt, printTable, type Row } from './report.js';
import { copyByStream, uploadEvidence, writePdfSource } from './upload.js';

const CONNECTIONS = 64;
const APPLICANT = 'ly-keji';
/** Demo applicants whose drafts, beside APPLICANT's, receive the concurrent uploads of (b). */
const OTHER_APPLICANTS = ['hkq-fuwu', 'ny-chuangye'];
const MIB = 1024 * 1024;
/** Goals: HTTP routes keep half the bare-framework rate; an upload runs at 70% of a local copy in < 64 MB extra RSS. */
const GOAL_RPS_RATIO = 0.5;
const GOAL_UPLOAD_RATIO = 0.7;
const GOAL_RSS_GROWTH_MB = 64;
/** Time the deadline fixture leaves, beyond half the storm window, between writing the deadline and the window: rebuilding the app and the checks. */
const STORM_LEAD_MARGIN_MS = 3000;
/** The same for the storm against 3 processes, which starts two more servers and nginx first. */
const STORM3_LEAD_MARGIN_MS = 20_000;

/** A complete, eligible precheck for the 2022 rules (the public contract of contract/src/precheck.ts). */
const precheckBody: PrecheckInput = {
  batchYear: 2022,
  platformName: '洛阳中小企业综合服务平台',
  operatorName: '洛阳智汇企业服务有限公司',
  uscc: '91410300MA44X7TG1J',
  categories: ['信息服务', '融资服务'],
  registeredOn: '2018-05-10',
  totalAssetsWan: 350,
  serviceStaff: 20,
  institutions: 5,
  preferentialSharePercent: 25,
  enterprisesServedLastYear: 80,
};

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

function envCount(name: string, fallback: number): number {
  const n = envNumber(name, fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return n;
}

const seconds = envNumber('BENCH_SECONDS', 10);
const warmupSeconds = envNumber('BENCH_WARMUP_SECONDS', 2);
const uploadMb = envNumber('BENCH_UPLOAD_MB', 1024);
const uploadBytes = Math.round(uploadMb * MIB);
const uploadLabel = uploadMb % 1024 === 0 ? `${uploadMb / 1024} GB` : `${uploadMb} MB`;
const quotaApplications = envCount('BENCH_QUOTA_APPLICATIONS', 50);
const stormDrafts = envCount('BENCH_STORM_DRAFTS', 500);
const stormSeconds = envNumber('BENCH_STORM_SECONDS', 4);
const burstSeconds = envNumber('BENCH_BURST_SECONDS', 0.1);
const stormPackageIntervalMs = envNumber('BENCH_STORM_PACKAGE_INTERVAL_MS', 100);
if (stormSeconds <= 0 || stormPackageIntervalMs <= 0)
  throw new Error('BENCH_STORM_SECONDS and BENCH_STORM_PACKAGE_INTERVAL_MS must be positive');
const packageMb = envCount('BENCH_PACKAGE_MB', 2048);
const lighthouseRuns = envCount('BENCH_LIGHTHOUSE_RUNS', 3);
const growthSizes = (process.env.BENCH_GROWTH_SIZES || '100,10000,100000').split(',').map(Number);
if (growthSizes.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`BENCH_GROWTH_SIZES must be positive integers, got "${process.env.BENCH_GROWTH_SIZES}"`);
const growthDatabases = (process.env.BENCH_GROWTH_DATABASES || 'sqlite,postgres').split(',') as GrowthDatabase[];
if (growthDatabases.some((d) => d !== 'sqlite' && d !== 'postgres'))
  throw new Error(`BENCH_GROWTH_DATABASES takes "sqlite" and "postgres", got "${process.env.BENCH_GROWTH_DATABASES}"`);
const growthRuns = envCount('BENCH_GROWTH_RUNS', 50);
const mixedSize = envCount('BENCH_MIXED_SIZE', 10_000);
const storm3Drafts = envNumber('BENCH_STORM3_DRAFTS', 10_000);
const storm3Seconds = envNumber('BENCH_STORM3_SECONDS', 60);
const directusRows = envNumber('BENCH_DIRECTUS_ROWS', 1000);
if (!Number.isInteger(storm3Drafts) || storm3Seconds <= 0)
  throw new Error('BENCH_STORM3_DRAFTS must be an integer and BENCH_STORM3_SECONDS positive');
const parts = new Set((process.env.BENCH_PARTS || 'abcdefgh').toLowerCase());
for (const p of parts)
  if (!'abcdefgh'.includes(p))
    throw new Error(`BENCH_PARTS takes letters from "abcdefgh", got "${process.env.BENCH_PARTS}"`);

/** The server under test in its own child process, on a fresh data directory with the demo accounts. */
function startShenbao(dataDir: string): Promise<ChildServer> {
  return spawnServer('bench/server-under-test.ts', {
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    MAX_UPLOAD_MB: String(Math.max(4096, uploadMb * 2)),
    BENCH_EVIDENCE_MAX_MB: String(Math.max(4096, Math.ceil(uploadMb * 2))),
  });
}

/** The server under test with data prepared in its own process before it listens (bench/fixture-server.ts). */
function startFixture<F>(kind: FixtureKind, dataDir: string, env: Record<string, string>): Promise<ChildServer<F>> {
  return spawnServer<F>('bench/fixture-server.ts', {
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    [FIXTURE_ENV.kind]: kind,
    ...env,
  });
}

/** Runs `body` with a temporary directory that is removed afterwards, whatever happens. */
async function withTempDir<T>(prefix: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `body` against a started child server that is stopped afterwards, whatever happens. */
async function withServer<T, F = null>(
  server: Promise<ChildServer<F>>,
  body: (s: ChildServer<F>) => Promise<T>,
): Promise<T> {
  const s = await server;
  try {
    return await body(s);
  } finally {
    await s.stop();
  }
}

function describeLoad(name: string, r: LoadResult): void {
  const failures = r.failures ? `  WARNING: ${fmt(r.failures)} non-2xx/errors/timeouts (not counted)` : '';
  const cpu = `CPU: server ${fmt(r.serverCpuPercent)}%, load generator ${fmt(r.loadGeneratorCpuPercent)}%`;
  console.log(
    `  ${name.padEnd(38)} ${fmt(r.rps).padStart(8)} req/s   p99 ${fmt(r.p99Ms, 1).padStart(6)} ms   ${cpu}${failures}`,
  );
}

interface HttpFigures {
  baseline: LoadResult;
  bareJsonPost: LoadResult;
  precheck: LoadResult;
  read: LoadResult;
}

/** (a) Throughput and p99 at 64 connections: bare Fastify, the precheck, and an authenticated read. */
async function benchHttp(): Promise<HttpFigures> {
  console.log(
    `\n(a) HTTP load: ${CONNECTIONS} connections, ${seconds} s measured after ${warmupSeconds} s warm-up each`,
  );
  const load = { connections: CONNECTIONS, seconds, warmupSeconds };
  const jsonPost = {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(precheckBody),
  };
  const [baseline, bareJsonPost] = await withServer(spawnServer('bench/hello-server.ts'), async (s) => [
    await measureLoad(s, { path: '/' }, load),
    await measureLoad(s, { path: '/echo', ...jsonPost }, load),
  ]);
  describeLoad('bare Fastify hello-world (baseline)', baseline);
  describeLoad('bare Fastify JSON POST (context)', bareJsonPost);

  return withTempDir('shenbao-bench-http-', (dataDir) =>
    withServer(startShenbao(dataDir), async (s) => {
      const precheck = await measureLoad(s, { path: '/api/v1/precheck', ...jsonPost }, load);
      describeLoad('POST /api/v1/precheck', precheck);
      const session = await logIn(s.url, APPLICANT, DEMO_PASSWORD);
      const read = await measureLoad(s, { path: '/api/v1/my/application', headers: { cookie: session.cookie } }, load);
      describeLoad('GET /api/v1/my/application (session)', read);
      return { baseline, bareJsonPost, precheck, read };
    }),
  );
}

interface UploadFigures {
  copyMbPerS: number;
  uploadMbPerS: number;
  rss: RssFigures;
  concurrent: ConcurrentUploadFigures;
}

/**
 * (b) One large evidence upload over a socket against a stream copy of the same file on the same disk;
 * then, on the same server, 64 files uploaded at once, whose recorded digests are checked.
 */
async function benchUpload(): Promise<UploadFigures> {
  console.log(
    `\n(b) ${uploadLabel} evidence upload (${fmt(uploadBytes)} bytes) vs. a stream copy on the same filesystem`,
  );
  return withTempDir('shenbao-bench-upload-', async (root) => {
    const source = path.join(root, 'source.pdf');
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    await writePdfSource(source, uploadBytes);

    const copy = path.join(dataDir, 'copy-baseline.pdf');
    const copySeconds = await copyByStream(source, copy);
    // Removing the copy drops its dirty pages, so their write-back cannot slow the upload down.
    fs.rmSync(copy);
    const copyMbPerS = uploadBytes / MIB / copySeconds;
    console.log(
      `  stream copy (baseline)                 ${fmt(copyMbPerS).padStart(8)} MB/s   ${fmt(copySeconds, 2)} s`,
    );

    return withServer(startShenbao(dataDir), async (s) => {
      const session = await logIn(s.url, APPLICANT, DEMO_PASSWORD);
      const applicationId = await myApplicationId(s.url, session);
      const sampler = new RssSampler(s.pid);
      await sleep(1000);
      await sampler.openWindow();
      const cpu = new CpuMeter(s.pid);
      const outcome = await uploadEvidence(s.url, session, applicationId, source, uploadBytes);
      const used = cpu.read();

      if (outcome.status !== 201) throw new Error(`upload answered ${outcome.status}: ${outcome.body.slice(0, 500)}`);
      const stored = JSON.parse(outcome.body) as { id: string; sizeBytes: number };
      if (stored.sizeBytes !== uploadBytes)
        throw new Error(`upload stored ${stored.sizeBytes} bytes, sent ${uploadBytes}`);
      const uploadMbPerS = uploadBytes / MIB / outcome.seconds;
      console.log(
        `  POST …/evidence (201, size ok)         ${fmt(uploadMbPerS).padStart(8)} MB/s   ${fmt(outcome.seconds, 2)} s   ` +
          `CPU: server ${fmt(used.other, 2)} s, upload client ${fmt(used.own, 2)} s`,
      );
      // The digests are computed from the stored file by a worker thread after the 201; RSS is watched until then.
      const digestSeconds = await waitForDigests(s.url, session, applicationId, stored.id);
      const rss = await sampler.finish();
      console.log(
        `  SHA-256 + SM3 recorded ${fmt(digestSeconds, 2)} s after the upload answered (worker thread, from the stored file)`,
      );
      console.log(
        `  server RSS: ${fmt(rss.baselineMb, 1)} MB before (idle ${fmt(rss.idleMinMb, 1)}–${fmt(rss.idleMaxMb, 1)}), ` +
          `peak ${fmt(rss.peakMb, 1)} MB, growth ${fmt(rss.growthMb, 1)} MB (${rss.samples} samples of pid ${s.pid})`,
      );

      const drafts: Draft[] = [{ session, applicationId }];
      for (const username of OTHER_APPLICANTS) {
        const other = await logIn(s.url, username, DEMO_PASSWORD);
        drafts.push({ session: other, applicationId: await myApplicationId(s.url, other) });
      }
      const concurrent = await runConcurrentUploads(s.url, dataDir, root, drafts);
      describeConcurrentUploads(concurrent);
      return { copyMbPerS, uploadMbPerS, rss, concurrent };
    });
  });
}

/** (c) Parallel recommendations into one city's quota from its official, over real HTTP. */
async function benchQuotaRace(): Promise<QuotaRaceFigures> {
  console.log(
    `\n(c) Quota race: ${quotaApplications} parallel recommendations into 洛阳's quota by its official, one connection each`,
  );
  return withTempDir('shenbao-bench-quota-', (dataDir) =>
    withServer(
      startFixture<QuotaFixture>('quota', dataDir, { [FIXTURE_ENV.applications]: String(quotaApplications) }),
      async (s) => {
        const r = await runQuotaRace(s);
        const other = [...r.other].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
        console.log(
          `  fixture: ${r.requests} applications registered, filled, submitted and made ready over inject in ${fmt(r.prepSeconds, 1)} s`,
        );
        console.log(`  quota before: ${r.freeSlots} of ${r.limit} slots free`);
        console.log(
          `  answers: accepted ${r.accepted}, 409 QUOTA_EXHAUSTED ${r.exhausted}, 5xx ${r.serverErrors}, other: ${other}`,
        );
        console.log(`  quota after: ${r.usedAfter} of ${r.limit} slots used`);
        console.log(
          `  latency: p50 ${fmt(r.p50Ms, 1)} ms, p99 ${fmt(r.p99Ms, 1)} ms, max ${fmt(r.maxMs, 1)} ms; server CPU ${fmt(r.serverCpuSeconds * 1000)} ms for the ${r.requests} requests`,
        );
        return r;
      },
    ),
  );
}

const KIND_LABELS: Record<StormKind, string> = { application: 'application submit', package: 'package submit' };
const PHASE_LABELS: Record<Phase, string> = { before: 'before cutoff', straddle: 'straddling', after: 'after cutoff' };
const OUTCOME_LABELS: Record<Outcome, string> = {
  accepted: 'accepted',
  deadline: 'refused:deadline',
  state: 'refused:state',
  serverError: '5xx',
  unexpected: 'other',
};

/** Milliseconds relative to the cutoff instant, signed, for the console. */
const relative = (ms: number | null, cutoffMs: number) =>
  ms === null ? '—' : `cutoff ${ms < cutoffMs ? '−' : '+'} ${fmt(Math.abs(ms - cutoffMs))} ms`;

function describeStorm(r: DeadlineStormFigures): void {
  const p = r.prep;
  console.log(
    `  fixture (${fmt(p.totalSeconds, 1)} s): ${r.cities} cities (${p.citiesCreated} official accounts created) each recommended one platform over inject in ${fmt(p.citiesSeconds, 1)} s; ` +
      `${p.filledByInject} drafts filled over inject at ${fmt(p.injectMsPerDraft)} ms each (all ${fmt(p.filledByInject + p.cloned)} that way: ~${fmt((p.injectMsPerDraft * (p.filledByInject + p.cloned)) / 1000)} s), ` +
      `${fmt(p.cloned)} cloned in SQL in ${fmt(p.cloneSeconds, 1)} s`,
  );
  console.log(
    `  deadline ${r.deadline} (application and city); inclusive to the second, so the cutoff is the instant one second later`,
  );
  console.log(
    `  ${r.requests} requests in ${r.windowSeconds} s, at most ${r.maxInFlight} in flight, latest sent ${fmt(r.maxFireLagMs)} ms behind schedule`,
  );
  const header = ['request', 'window vs cutoff', ...Object.values(OUTCOME_LABELS)];
  const lines: string[][] = [];
  for (const kind of Object.keys(KIND_LABELS) as StormKind[]) {
    for (const phase of Object.keys(PHASE_LABELS) as Phase[]) {
      const counts = r.tally[kind][phase];
      lines.push([
        KIND_LABELS[kind],
        PHASE_LABELS[phase],
        ...(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => fmt(counts[o])),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const l of [header, ...lines])
    console.log(`    ${l.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')}`);
  for (const kind of Object.keys(KIND_LABELS) as StormKind[]) {
    const b = r.boundary[kind];
    console.log(
      `  ${KIND_LABELS[kind]}: last acceptance stamped ${relative(b.lastAcceptedStampMs, r.cutoffMs)}, first deadline refusal answered by ${relative(b.firstDeadlineRefusalMs, r.cutoffMs)}`,
    );
  }
  if (r.unstamped)
    console.log(`  WARNING: ${r.unstamped} acceptances carried no submittedAt (judged by their window only)`);
  if (r.unexpected.size)
    console.log(`  WARNING: other answers: ${[...r.unexpected].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  console.log(
    `  province board: ${r.board.submitted} packages submitted (${r.board.acceptedResponses} accepted answers), ${r.board.submittedAfterCutoff} with a submission time at or after the cutoff`,
  );
  console.log(
    `  latency: p50 ${fmt(r.p50Ms, 1)} ms, p99 ${fmt(r.p99Ms, 1)} ms (applications ${fmt(r.p99ByKind.application, 1)}, packages ${fmt(r.p99ByKind.package, 1)})`,
  );
  console.log(
    `  over ${fmt(r.durationSeconds, 2)} s: CPU server ${fmt(r.serverCpuSeconds, 2)} s, load generator ${fmt(r.clientCpuSeconds, 2)} s; ` +
      `server event-loop delay mean ${fmt(r.eventLoop.meanMs, 1)} ms, p99 ${fmt(r.eventLoop.p99Ms, 1)} ms, max ${fmt(r.eventLoop.maxMs, 1)} ms`,
  );
}

/** (d) Application and package submissions fired continuously across the deadline, over `windowSeconds`. */
async function benchDeadlineStorm(title: string, windowSeconds: number): Promise<DeadlineStormFigures> {
  console.log(
    `\n${title}: ${stormDrafts} application submissions and every city's package every ${fmt(stormPackageIntervalMs)} ms, ` +
      `fired open-loop over ${windowSeconds} s centred on the cutoff`,
  );
  const leadMs = Math.round((windowSeconds * 1000) / 2 + STORM_LEAD_MARGIN_MS);
  return withTempDir('shenbao-bench-storm-', (dataDir) =>
    withServer(
      startFixture<DeadlineFixture>('deadline', dataDir, {
        [FIXTURE_ENV.drafts]: String(stormDrafts),
        [FIXTURE_ENV.leadMs]: String(leadMs),
      }),
      async (s) => {
        const r = await runDeadlineStorm(s, { windowSeconds, packageIntervalMs: stormPackageIntervalMs });
        describeStorm(r);
        return r;
      },
    ),
  );
}

/**
 * (h) The deadline storm through nginx to 3 server processes on one PostgreSQL database: the fixture's
 * server and two more started on the same database once the deadline is written.
 */
async function benchStorm3(): Promise<DeadlineStormFigures> {
  console.log(
    `\n(h) Deadline storm against 3 processes on PostgreSQL behind nginx: ${fmt(storm3Drafts)} application submissions ` +
      `and every city's package every ${fmt(stormPackageIntervalMs)} ms, fired open-loop over ${storm3Seconds} s centred on the cutoff`,
  );
  const leadMs = Math.round((storm3Seconds * 1000) / 2 + STORM3_LEAD_MARGIN_MS);
  const cluster = await startPostgres();
  try {
    return await withTempDir('shenbao-bench-storm3-', async (dataDir) => {
      const databaseUrl = await cluster.createDatabase();
      const fixture = startFixture<DeadlineFixture>('deadline', dataDir, {
        DATABASE_URL: databaseUrl,
        [FIXTURE_ENV.drafts]: String(storm3Drafts),
        [FIXTURE_ENV.leadMs]: String(leadMs),
      });
      return withServer(fixture, async (s) => {
        const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NODE_ENV: 'development', LOG_LEVEL: 'silent' };
        const others = await Promise.all(
          [0, 1].map(() => spawnServer('bench/server-under-test.ts', { ...env, PORT: '0', HOST: '127.0.0.1' })),
        );
        try {
          const nginx = await startNginx({ upstreams: [s.url, ...others.map((o) => o.url)] });
          try {
            const r = await runDeadlineStorm(
              { ...s, url: nginx.url },
              { windowSeconds: storm3Seconds, packageIntervalMs: stormPackageIntervalMs },
            );
            describeStorm(r);
            console.log("  (server CPU and event-loop figures are the first process's)");
            return r;
          } finally {
            await nginx.stop();
          }
        } finally {
          await Promise.all(others.map((o) => o.stop()));
        }
      });
    });
  } finally {
    cluster.stop();
  }
}

/** (f) The city's 刻盘 package of BENCH_PACKAGE_MB of evidence, downloaded against a raw read of the same files. */
async function benchPackage(): Promise<PackageFigures> {
  console.log(
    `\n(f) 刻盘 package with ${fmt(packageMb)} MiB of evidence: the download and the zip writer against a raw read of the same stored files`,
  );
  return withTempDir('shenbao-bench-package-', async (root) => {
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    let filesDir = '';
    const measured = await withServer(
      startFixture<PackageFixture>('package', dataDir, { [FIXTURE_ENV.platforms]: '2', MAX_UPLOAD_MB: '1024' }),
      (s) => {
        filesDir = s.fixture.filesDir;
        return runPackageBench(s, root, packageMb);
      },
    );
    const list = path.join(root, 'files.json');
    fs.writeFileSync(list, JSON.stringify(storedFiles(filesDir)));
    const bare = await withServer(spawnServer('bench/hello-server.ts', { BENCH_FILE_LIST: list }), (s) =>
      bareFileStream(s, root),
    );
    const figures = { ...measured, bare };
    describePackage(figures);
    return figures;
  });
}

function countRow(benchmark: string, value: number, baseline: string, goal: number, extra = ''): Row {
  return {
    benchmark,
    value: `${fmt(value)}${extra}`,
    baseline,
    ratio: null,
    goal: `= ${fmt(goal)}`,
    met: value === goal,
  };
}

function quotaRows(q: QuotaRaceFigures): Row[] {
  const otherAnswers = [...q.other.values()].reduce((a, b) => a + b, 0);
  const stored = q.usedAfter - (q.limit - q.freeSlots);
  return [
    {
      ...countRow(
        `quota race: accepted of ${q.requests}`,
        q.accepted,
        `${q.freeSlots} free slots`,
        q.freeSlots,
        ` (stored ${stored})`,
      ),
      met: q.accepted === q.freeSlots && stored === q.accepted,
    },
    countRow('quota race: QUOTA_EXHAUSTED', q.exhausted, `${q.requests} requests`, q.requests - q.freeSlots),
    {
      ...countRow('quota race: 5xx (other answers)', q.serverErrors, '—', 0, ` (${otherAnswers})`),
      met: q.serverErrors === 0 && otherAnswers === 0,
    },
    {
      benchmark: 'quota race p99 ms',
      value: `${fmt(q.p99Ms)} (max ${fmt(q.maxMs)})`,
      baseline: '—',
      ratio: null,
      goal: '—',
      met: null,
    },
  ];
}

function stormRows(name: string, d: DeadlineStormFigures): Row[] {
  const sum = (outcome: Outcome, phases: readonly Phase[] = ['before', 'straddle', 'after']) =>
    (['application', 'package'] as const).reduce(
      (n, k) => n + phases.reduce((m, p) => m + d.tally[k][p][outcome], 0),
      0,
    );
  const unexpected = [...d.unexpected.values()].reduce((a, b) => a + b, 0);
  return [
    {
      ...countRow(`${name}: 5xx (other answers)`, d.serverErrors, `${fmt(d.requests)} requests`, 0, ` (${unexpected})`),
      met: d.serverErrors === 0 && unexpected === 0,
    },
    countRow(`${name}: accepted after cutoff`, d.acceptedAfter, `${fmt(sum('accepted'))} accepted`, 0),
    countRow(
      `${name}: refused for deadline before`,
      d.refusedBefore,
      `${fmt(sum('deadline'))} refused`,
      0,
      ` (${fmt(d.refusedBeforeByKind.application)} app, ${fmt(d.refusedBeforeByKind.package)} pkg)`,
    ),
    {
      benchmark: `${name}: straddling (ambiguous)`,
      value: fmt(d.ambiguous),
      baseline: `${fmt(d.requests)} requests`,
      ratio: null,
      goal: '—',
      met: null,
    },
    {
      benchmark: `${name} p99 ms (in flight)`,
      value: `${fmt(d.p99Ms)} (${fmt(d.maxInFlight)})`,
      baseline: '—',
      ratio: null,
      goal: '—',
      met: null,
    },
  ];
}

function rpsRow(benchmark: string, r: LoadResult, baseline: LoadResult): Row {
  const ratio = r.rps / baseline.rps;
  return {
    benchmark,
    value: `${fmt(r.rps)} (${fmt(r.p99Ms)})`,
    baseline: `${fmt(baseline.rps)} (${fmt(baseline.p99Ms)})`,
    ratio,
    goal: `≥ ${GOAL_RPS_RATIO.toFixed(2)}`,
    met: ratio >= GOAL_RPS_RATIO && r.failures === 0,
  };
}

const cpus = os.cpus();
console.log(
  `Shenbao benchmarks — node ${process.version}, ${cpus.length} CPU cores (${cpus[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / MIB / 1024, 1)} GiB RAM`,
);
console.log(
  `Each server runs in a child process of its own; autocannon and the upload client run in this process. ` +
    `With ${cpus.length} cores the load generator and the server each get about one core, so absolute figures are machine-bound; the ratios are the point.`,
);
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
console.log(
  `Load average (1 / 5 / 15 min) at start: ${loadAverage()}; anything else running on the machine skews the figures.`,
);

const httpFigures = parts.has('a') ? await benchHttp() : null;
const uploadFigures = parts.has('b') ? await benchUpload() : null;
const quotaFigures = parts.has('c') ? await benchQuotaRace() : null;
const stormFigures = parts.has('d') ? await benchDeadlineStorm('(d) Deadline storm', stormSeconds) : null;
const burstFigures =
  parts.has('d') && burstSeconds > 0 ? await benchDeadlineStorm('(d) Deadline burst', burstSeconds) : null;
const documentFigures = parts.has('e') ? await benchDocuments() : null;
const packageFigures = parts.has('f') ? await benchPackage() : null;
const webAppFigures = parts.has('g') ? await benchWebApp(lighthouseRuns) : null;
const growthFigures = parts.has('h')
  ? await benchGrowth({
      databases: growthDatabases,
      sizes: growthSizes,
      runs: growthRuns,
      warmupRuns: 5,
      mixedSize,
      load: { connections: CONNECTIONS, seconds, warmupSeconds },
    })
  : null;
const storm3Figures = parts.has('h') && storm3Drafts > 0 ? await benchStorm3() : null;
const directusFigures =
  parts.has('h') && directusRows > 0
    ? await benchDirectus(directusRows, { connections: CONNECTIONS, seconds, warmupSeconds })
    : null;

console.log('\nResults (req/s with p99 latency in ms in parentheses; MB = MiB)\n');
const rows: Row[] = [];
if (httpFigures) {
  rows.push(
    rpsRow('precheck req/s (p99 ms)', httpFigures.precheck, httpFigures.baseline),
    rpsRow('authenticated read req/s (p99 ms)', httpFigures.read, httpFigures.baseline),
    {
      benchmark: 'context: bare JSON POST req/s',
      value: `${fmt(httpFigures.bareJsonPost.rps)} (${fmt(httpFigures.bareJsonPost.p99Ms)})`,
      baseline: `${fmt(httpFigures.baseline.rps)} (${fmt(httpFigures.baseline.p99Ms)})`,
      ratio: httpFigures.bareJsonPost.rps / httpFigures.baseline.rps,
      goal: '—',
      met: null,
    },
  );
}
if (uploadFigures) {
  const uploadRatio = uploadFigures.uploadMbPerS / uploadFigures.copyMbPerS;
  rows.push(
    {
      benchmark: `${uploadLabel} upload MB/s`,
      value: fmt(uploadFigures.uploadMbPerS),
      baseline: `${fmt(uploadFigures.copyMbPerS)} (copy)`,
      ratio: uploadRatio,
      goal: `≥ ${GOAL_UPLOAD_RATIO.toFixed(2)}`,
      met: uploadRatio >= GOAL_UPLOAD_RATIO,
    },
    {
      benchmark: 'upload peak RSS growth MB',
      value: `${fmt(uploadFigures.rss.growthMb, 1)} (peak ${fmt(uploadFigures.rss.peakMb, 1)})`,
      baseline: `${fmt(uploadFigures.rss.baselineMb, 1)} (idle RSS)`,
      ratio: null,
      goal: `< ${GOAL_RSS_GROWTH_MB}`,
      met: uploadFigures.rss.growthMb < GOAL_RSS_GROWTH_MB,
    },
    concurrentUploadRow(uploadFigures.concurrent),
  );
}
if (quotaFigures) rows.push(...quotaRows(quotaFigures));
if (stormFigures) rows.push(...stormRows(`storm ${stormSeconds} s`, stormFigures));
if (burstFigures) rows.push(...stormRows(`burst ${burstSeconds} s`, burstFigures));
if (documentFigures) rows.push(...documentRows(documentFigures));
if (packageFigures) rows.push(...packageRows(packageFigures));
if (webAppFigures) rows.push(...webAppRows(webAppFigures));
if (growthFigures) rows.push(...growthRows(growthFigures));
if (storm3Figures) rows.push(...stormRows(`storm 3 processes ${storm3Seconds} s`, storm3Figures));
if (directusFigures) rows.push(directusRow(directusFigures));
printTable(rows);
console.log(`\nLoad average (1 / 5 / 15 min) at the end: ${loadAverage()}`);
const missed = rows.filter((r) => r.met === false).length;
console.log(missed ? `\n${missed} goal(s) MISSED.` : '\nAll goals met.');
