/**
 * `npm run bench`: measures the Shenbao server against baselines started in the same run, and prints
 * the figures, their ratios and pass/MISSED against the goals. A measurement, not a test: it exits 0
 * when a goal is missed, and non-zero only when the benchmark itself could not run.
 *
 *   BENCH_SECONDS         measured seconds per HTTP load run (default 10)
 *   BENCH_WARMUP_SECONDS  unmeasured warm-up before each load run (default 2)
 *   BENCH_UPLOAD_MB       size of the uploaded file in MiB (default 1024)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PrecheckInput } from '../shared/src/index.js';
import { DEMO_PASSWORD } from '../server/src/seed/seed.js';
import { spawnServer, type ChildServer } from './child-server.js';
import { logIn, measureLoad, myApplicationId, waitForDigests, type LoadResult } from './http-load.js';
import { CpuMeter, RssSampler, type RssFigures } from './proc.js';
import { fmt, printTable, type Row } from './report.js';
import { copyByStream, uploadEvidence, writePdfSource } from './upload.js';

const CONNECTIONS = 64;
const APPLICANT = 'ly-keji';
const MIB = 1024 * 1024;
/** Goals: HTTP routes keep half the bare-framework rate; an upload runs at 70% of a local copy in < 64 MB extra RSS. */
const GOAL_RPS_RATIO = 0.5;
const GOAL_UPLOAD_RATIO = 0.7;
const GOAL_RSS_GROWTH_MB = 64;

/** A complete, eligible precheck for the 2022 rules (the public contract of shared/src/precheck.ts). */
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

const seconds = envNumber('BENCH_SECONDS', 10);
const warmupSeconds = envNumber('BENCH_WARMUP_SECONDS', 2);
const uploadMb = envNumber('BENCH_UPLOAD_MB', 1024);
const uploadBytes = Math.round(uploadMb * MIB);
const uploadLabel = uploadMb % 1024 === 0 ? `${uploadMb / 1024} GB` : `${uploadMb} MB`;

/** The server under test in its own child process, on a fresh data directory with the demo accounts. */
function startShenbao(dataDir: string): Promise<ChildServer> {
  return spawnServer('bench/server-under-test.ts', {
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    MAX_UPLOAD_MB: String(Math.max(4096, uploadMb * 2)),
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
async function withServer<T>(server: Promise<ChildServer>, body: (s: ChildServer) => Promise<T>): Promise<T> {
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
  console.log(`  ${name.padEnd(38)} ${fmt(r.rps).padStart(8)} req/s   p99 ${fmt(r.p99Ms, 1).padStart(6)} ms   ${cpu}${failures}`);
}

interface HttpFigures {
  baseline: LoadResult;
  bareJsonPost: LoadResult;
  precheck: LoadResult;
  read: LoadResult;
}

/** (a) Throughput and p99 at 64 connections: bare Fastify, the precheck, and an authenticated read. */
async function benchHttp(): Promise<HttpFigures> {
  console.log(`\n(a) HTTP load: ${CONNECTIONS} connections, ${seconds} s measured after ${warmupSeconds} s warm-up each`);
  const load = { connections: CONNECTIONS, seconds, warmupSeconds };
  const jsonPost = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(precheckBody) };
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
}

/** (b) One large evidence upload over a socket against a stream copy of the same file on the same disk. */
async function benchUpload(): Promise<UploadFigures> {
  console.log(`\n(b) ${uploadLabel} evidence upload (${fmt(uploadBytes)} bytes) vs. a stream copy on the same filesystem`);
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
    console.log(`  stream copy (baseline)                 ${fmt(copyMbPerS).padStart(8)} MB/s   ${fmt(copySeconds, 2)} s`);

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
      if (stored.sizeBytes !== uploadBytes) throw new Error(`upload stored ${stored.sizeBytes} bytes, sent ${uploadBytes}`);
      const uploadMbPerS = uploadBytes / MIB / outcome.seconds;
      console.log(
        `  POST …/evidence (201, size ok)         ${fmt(uploadMbPerS).padStart(8)} MB/s   ${fmt(outcome.seconds, 2)} s   ` +
          `CPU: server ${fmt(used.other, 2)} s, upload client ${fmt(used.own, 2)} s`,
      );
      // The digests are computed from the stored file by a worker thread after the 201; RSS is watched until then.
      const digestSeconds = await waitForDigests(s.url, session, applicationId, stored.id);
      const rss = await sampler.finish();
      console.log(`  SHA-256 + SM3 recorded ${fmt(digestSeconds, 2)} s after the upload answered (worker thread, from the stored file)`);
      console.log(
        `  server RSS: ${fmt(rss.baselineMb, 1)} MB before (idle ${fmt(rss.idleMinMb, 1)}–${fmt(rss.idleMaxMb, 1)}), ` +
          `peak ${fmt(rss.peakMb, 1)} MB, growth ${fmt(rss.growthMb, 1)} MB (${rss.samples} samples of pid ${s.pid})`,
      );
      return { copyMbPerS, uploadMbPerS, rss };
    });
  });
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
console.log(`Shenbao benchmarks — node ${process.version}, ${cpus.length} CPU cores (${cpus[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / MIB / 1024, 1)} GiB RAM`);
console.log(
  `Each server runs in a child process of its own; autocannon and the upload client run in this process. ` +
    `With ${cpus.length} cores the load generator and the server each get about one core, so absolute figures are machine-bound; the ratios are the point.`,
);

const httpFigures = await benchHttp();
const uploadFigures = await benchUpload();
const uploadRatio = uploadFigures.uploadMbPerS / uploadFigures.copyMbPerS;

console.log('\nResults (req/s with p99 latency in ms in parentheses; MB = MiB)\n');
const rows: Row[] = [
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
];
printTable(rows);
const missed = rows.filter((r) => r.met === false).length;
console.log(missed ? `\n${missed} goal(s) MISSED.` : '\nAll goals met.');
