import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startNginx } from '../server/test-support/nginx.js';
import { startPostgres, type PostgresCluster } from '../server/test-support/postgres.js';
import type { ApplicationListItem } from '#contract';
import { spawnServer, type ChildServer } from './child-server.js';
import { startDirectus, type ListRow } from './directus.js';
import { FIXTURE_ENV, type GrowthFixture, type SessionCredentials } from './fixture-protocol.js';
import { measureLoad, type LoadResult } from './http-load.js';
import { fmt, type Row } from './report.js';
import { percentile } from './timed-request.js';

/**
 * (h) Costs that grow with the data: the same requests timed one after another on databases of 100,
 * 10,000 and 100,000 applications (h1), and at one size applicants' reads under two officials paging
 * through the lists, and one against two server processes behind nginx (h2).
 */

export type GrowthDatabase = 'sqlite' | 'postgres';

export interface GrowthOptions {
  databases: GrowthDatabase[];
  sizes: number[];
  /** Timed runs of each request, after `warmupRuns` untimed ones. */
  runs: number;
  warmupRuns: number;
  /** The size (one of `sizes`) at which h2 runs. */
  mixedSize: number;
  load: { connections: number; seconds: number; warmupSeconds: number };
}

/** Goals: every page and single-application request within 2× its time at the smallest size; applicants' p99 under 50 ms while officials page. */
const GOAL_GROWTH_RATIO = 2;
const GOAL_MIXED_P99_MS = 50;
const PAGE_SIZE = 20;
const DEEP_PAGE = 500;
/** The search of the city list: part of every copied platform's name, so the page is full at every size. */
const SEARCH = '压测服务平台';

interface GrowthRequest {
  name: string;
  method: 'GET' | 'PUT';
  path: string;
  session: SessionCredentials;
  body?: unknown;
}

interface Timing {
  medianMs: number;
  p99Ms: number;
  bytes: number;
}

interface SizeFigures {
  size: number;
  fixture: GrowthFixture;
  timings: Map<string, Timing>;
}

interface MixedFigures {
  alone: LoadResult;
  withOfficials: LoadResult;
  officialPages: number;
  officialP99Ms: number;
}

interface ScaleFigures {
  one: LoadResult;
  two: LoadResult;
}

export interface GrowthFigures {
  database: GrowthDatabase;
  sizes: SizeFigures[];
  mixed: MixedFigures | null;
  scale: ScaleFigures | null;
}

interface Answer {
  status: number;
  body: Buffer;
  ms: number;
}

function send(agent: http.Agent, baseUrl: string, r: GrowthRequest): Promise<Answer> {
  const payload = r.body === undefined ? null : Buffer.from(JSON.stringify(r.body));
  const headers: http.OutgoingHttpHeaders = { cookie: r.session.cookie };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
    headers['x-csrf-token'] = r.session.csrfToken;
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(r.path, baseUrl), { method: r.method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', reject);
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }),
      );
    });
    req.once('error', reject);
    req.end(payload ?? undefined);
  });
}

async function sendOk(agent: http.Agent, baseUrl: string, r: GrowthRequest): Promise<Answer> {
  const a = await send(agent, baseUrl, r);
  if (a.status !== 200)
    throw new Error(`${r.method} ${r.path} answered ${a.status}: ${a.body.toString().slice(0, 300)}`);
  return a;
}

/** Times a request `runs` times one after another (one keep-alive connection), after `warmupRuns` untimed ones. */
async function time(baseUrl: string, r: GrowthRequest, runs: number, warmupRuns: number): Promise<Timing> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < warmupRuns; i++) await sendOk(agent, baseUrl, r);
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const a = await sendOk(agent, baseUrl, r);
      ms.push(a.ms);
      bytes = a.body.length;
    }
    return { medianMs: percentile(ms, 50), p99Ms: percentile(ms, 99), bytes };
  } finally {
    agent.destroy();
  }
}

const listPath = (page: number, extra = '') => `/api/v1/applications?page=${page}&pageSize=${PAGE_SIZE}${extra}`;

/** The measured requests; the deep page is page 500 of the province list, or its last page when it has fewer. */
function growthRequests(f: GrowthFixture): GrowthRequest[] {
  const lastPage = Math.max(1, Math.ceil(f.applications / PAGE_SIZE));
  const deep = Math.min(DEEP_PAGE, lastPage);
  return [
    { name: 'city list page 1 (洛阳)', method: 'GET', path: listPath(1), session: f.city },
    {
      name: 'city list search',
      method: 'GET',
      path: listPath(1, `&q=${encodeURIComponent(SEARCH)}`),
      session: f.city,
    },
    {
      name: 'city: open one review',
      method: 'GET',
      path: `/api/v1/applications/${f.reviewId}/review`,
      session: f.city,
    },
    {
      name: 'city: save one finding (site check)',
      method: 'PUT',
      path: `/api/v1/applications/${f.reviewId}/site-check`,
      session: f.city,
      body: {
        checkedOn: '2022-12-01',
        officials: ['张科长', '李主任'],
        findings: '材料与现场一致',
        conclusion: 'consistent',
      },
    },
    { name: 'province list page 1', method: 'GET', path: listPath(1), session: f.province },
    { name: `province list deep page`, method: 'GET', path: listPath(deep), session: f.province },
    { name: 'province board', method: 'GET', path: '/api/v1/province/board', session: f.province },
    {
      name: 'audit log page 1',
      method: 'GET',
      path: `/api/v1/audit-log?page=1&pageSize=${PAGE_SIZE}`,
      session: f.auditor,
    },
  ];
}

/** Pages through the list as one official, page after page and round again, until `stop` resolves. */
async function pageThrough(baseUrl: string, session: SessionCredentials, pages: number, stop: Promise<void>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let done = false;
  void stop.then(() => (done = true));
  const ms: number[] = [];
  for (let page = 1; !done; page = (page % pages) + 1)
    ms.push((await sendOk(agent, baseUrl, { name: 'page', method: 'GET', path: listPath(page), session })).ms);
  agent.destroy();
  return ms;
}

/** Applicants' reads at 64 connections, alone and while the city's and the province's officials page through their lists. */
async function mixedLoad(s: ChildServer<GrowthFixture>, load: GrowthOptions['load']): Promise<MixedFigures> {
  const f = s.fixture;
  const target = { path: '/api/v1/my/application', headers: { cookie: f.applicants[0]!.cookie } };
  const alone = await measureLoad(s, target, load);
  let release = () => {};
  const stop = new Promise<void>((resolve) => (release = resolve));
  const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));
  const officials = Promise.all([
    pageThrough(s.url, f.city, pages(f.cityApplications), stop),
    pageThrough(s.url, f.province, pages(f.applications), stop),
  ]);
  const withOfficials = await measureLoad(s, target, load).finally(release);
  const official = (await officials).flat();
  return { alone, withOfficials, officialPages: official.length, officialP99Ms: percentile(official, 99) };
}

/** The authenticated read through nginx to the fixture's server alone, then to it and a second process on the same database. */
async function scaleOut(
  s: ChildServer<GrowthFixture>,
  env: Record<string, string>,
  load: GrowthOptions['load'],
): Promise<ScaleFigures> {
  const target = { path: '/api/v1/my/application', headers: { cookie: s.fixture.applicants[0]!.cookie } };
  const through = async (upstreams: string[]) => {
    const nginx = await startNginx({ upstreams });
    try {
      // The CPU figures are the first process's.
      return await measureLoad({ url: nginx.url, pid: s.pid }, target, load);
    } finally {
      await nginx.stop();
    }
  };
  const one = await through([s.url]);
  const second = await spawnServer('bench/server-under-test.ts', env);
  try {
    return { one, two: await through([s.url, second.url]) };
  } finally {
    await second.stop();
  }
}

function describeSize(database: GrowthDatabase, s: SizeFigures): void {
  const p = s.fixture.prep;
  console.log(
    `  ${database}, ${fmt(s.fixture.applications)} applications (洛阳 ${fmt(s.fixture.cityApplications)}): ` +
      `${p.templates} templates over inject in ${fmt(p.templateSeconds, 1)} s, ${fmt(p.copied)} copied in SQL in ${fmt(p.copySeconds, 1)} s`,
  );
  for (const [name, t] of s.timings)
    console.log(
      `    ${name.padEnd(36)} median ${fmt(t.medianMs, 1).padStart(7)} ms   p99 ${fmt(t.p99Ms, 1).padStart(7)} ms   ${fmt(t.bytes).padStart(9)} bytes`,
    );
}

function describeLoadLine(name: string, r: LoadResult): void {
  const failures = r.failures ? `  WARNING: ${fmt(r.failures)} non-2xx/errors/timeouts` : '';
  console.log(
    `    ${name.padEnd(48)} ${fmt(r.rps).padStart(8)} req/s   p99 ${fmt(r.p99Ms, 1).padStart(6)} ms${failures}`,
  );
}

async function benchDatabase(
  database: GrowthDatabase,
  cluster: PostgresCluster | null,
  o: GrowthOptions,
): Promise<GrowthFigures> {
  const figures: GrowthFigures = { database, sizes: [], mixed: null, scale: null };
  for (const size of o.sizes) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-bench-growth-'));
    try {
      const env: Record<string, string> = {
        DATA_DIR: dataDir,
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
        PORT: '0',
        HOST: '127.0.0.1',
        ...(cluster && { DATABASE_URL: await cluster.createDatabase() }),
      };
      const s = await spawnServer<GrowthFixture>('bench/fixture-server.ts', {
        ...env,
        [FIXTURE_ENV.kind]: 'growth',
        [FIXTURE_ENV.total]: String(size),
      });
      try {
        const timings = new Map<string, Timing>();
        for (const r of growthRequests(s.fixture)) timings.set(r.name, await time(s.url, r, o.runs, o.warmupRuns));
        const sizeFigures = { size, fixture: s.fixture, timings };
        figures.sizes.push(sizeFigures);
        describeSize(database, sizeFigures);
        if (size === o.mixedSize) {
          figures.mixed = await mixedLoad(s, o.load);
          console.log(
            `    h2 mixed load at ${fmt(s.fixture.applications)} applications (${o.load.connections} connections):`,
          );
          describeLoadLine('applicants GET /api/v1/my/application alone', figures.mixed.alone);
          describeLoadLine('  while 2 officials page through lists', figures.mixed.withOfficials);
          console.log(
            `    officials fetched ${fmt(figures.mixed.officialPages)} list pages meanwhile, p99 ${fmt(figures.mixed.officialP99Ms, 1)} ms`,
          );
          if (cluster) {
            figures.scale = await scaleOut(s, env, o.load);
            describeLoadLine('authenticated read, 1 process behind nginx', figures.scale.one);
            describeLoadLine('authenticated read, 2 processes behind nginx', figures.scale.two);
          }
        }
      } finally {
        await s.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return figures;
}

/** Runs h1 and h2 on each database; PostgreSQL on a throw-away cluster started (and stopped) here. */
export async function benchGrowth(o: GrowthOptions): Promise<GrowthFigures[]> {
  console.log(
    `\n(h) Growth: ${o.sizes.map((n) => fmt(n)).join(' / ')} applications on ${o.databases.join(' and ')}; ` +
      `each request ${o.runs} times in a row after ${o.warmupRuns} warm-up runs (median and p99); h2 at ${fmt(o.mixedSize)}`,
  );
  const out: GrowthFigures[] = [];
  for (const database of o.databases) {
    const cluster = database === 'postgres' ? await startPostgres() : null;
    try {
      out.push(await benchDatabase(database, cluster, o));
    } finally {
      cluster?.stop();
    }
  }
  return out;
}

export function growthRows(all: GrowthFigures[]): Row[] {
  const rows: Row[] = [];
  for (const g of all) {
    const [base, ...larger] = g.sizes;
    if (base)
      for (const s of larger)
        for (const [name, t] of s.timings) {
          const b = base.timings.get(name)!;
          const ratio = t.medianMs / b.medianMs;
          rows.push({
            benchmark: `h1 ${g.database} ${name} @ ${fmt(s.fixture.applications)} ms`,
            value: `${fmt(t.medianMs, 1)} (p99 ${fmt(t.p99Ms, 1)}, ${fmt(t.bytes)} B)`,
            baseline: `${fmt(b.medianMs, 1)} @ ${fmt(base.fixture.applications)}`,
            ratio,
            goal: `≤ ${GOAL_GROWTH_RATIO.toFixed(2)}`,
            met: ratio <= GOAL_GROWTH_RATIO,
          });
        }
    if (g.mixed)
      rows.push({
        benchmark: `h2 ${g.database} applicants' read p99 ms, 2 officials paging`,
        value: `${fmt(g.mixed.withOfficials.p99Ms)} (${fmt(g.mixed.withOfficials.rps)} req/s)`,
        baseline: `${fmt(g.mixed.alone.p99Ms)} (${fmt(g.mixed.alone.rps)} req/s) alone`,
        ratio: null,
        goal: `< ${GOAL_MIXED_P99_MS}`,
        // autocannon leaves out requests still unanswered when the run ends: none answered is no pass.
        met:
          g.mixed.withOfficials.rps > 0 &&
          g.mixed.withOfficials.p99Ms < GOAL_MIXED_P99_MS &&
          g.mixed.withOfficials.failures === 0,
      });
    if (g.scale)
      rows.push({
        benchmark: `h2 ${g.database} authenticated read req/s, 2 processes`,
        value: `${fmt(g.scale.two.rps)} (${fmt(g.scale.two.p99Ms)})`,
        baseline: `${fmt(g.scale.one.rps)} (${fmt(g.scale.one.p99Ms)}) 1 process`,
        ratio: g.scale.two.rps / g.scale.one.rps,
        goal: '—',
        met: null,
      });
  }
  return rows;
}

export interface DirectusFigures {
  rows: number;
  ours: LoadResult;
  directus: LoadResult;
}

/** Goal: the city list at least 3× Directus's req/s on the same rows and page size. */
const GOAL_DIRECTUS_RATIO = 3;

/**
 * h3: the city list against Directus 11.3.5 serving the same rows (every application as the province's list shows it)
 * as a generic data API: one filtered, sorted page of 20 with its count, 64 connections, SQLite on both.
 */
export async function benchDirectus(size: number, load: GrowthOptions['load']): Promise<DirectusFigures> {
  console.log(`\n(h3) City list against Directus 11.3.5 on the same ${fmt(size)} applications (SQLite, page of 20)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-bench-directus-'));
  try {
    const s = await spawnServer<GrowthFixture>('bench/fixture-server.ts', {
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      [FIXTURE_ENV.kind]: 'growth',
      [FIXTURE_ENV.total]: String(size),
    });
    try {
      const agent = new http.Agent({ keepAlive: true });
      const rows: ListRow[] = [];
      for (let page = 1; ; page++) {
        const path = `/api/v1/applications?page=${page}&pageSize=100`;
        const answer = await sendOk(agent, s.url, { name: 'rows', method: 'GET', path, session: s.fixture.province });
        const items = (JSON.parse(answer.body.toString()) as { items: ApplicationListItem[] }).items;
        rows.push(
          ...items.map((i) => ({
            id: i.id,
            authority_code: i.authorityCode,
            status: i.status,
            unit_name: i.unitName,
            platform_name: i.platformName,
            uscc: i.uscc,
            channel: i.channel,
            submitted_at: i.submittedAt ?? '',
          })),
        );
        if (items.length < 100) break;
      }
      agent.destroy();
      const ours = await measureLoad(s, { path: listPath(1), headers: { cookie: s.fixture.city.cookie } }, load);
      const directus = await startDirectus(rows);
      try {
        const theirs = await measureLoad(
          { url: directus.url, pid: directus.pid },
          { path: directus.listPath(s.fixture.authorityCode), headers: directus.headers },
          load,
        );
        describeLoadLine('city list page 1 (洛阳), ours', ours);
        describeLoadLine('the same page from Directus', theirs);
        return { rows: rows.length, ours, directus: theirs };
      } finally {
        await directus.stop();
      }
    } finally {
      await s.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function directusRow(f: DirectusFigures): Row {
  const ratio = f.ours.rps / f.directus.rps;
  return {
    benchmark: `h3 city list req/s vs Directus 11.3.5 (${fmt(f.rows)} rows)`,
    value: `${fmt(f.ours.rps)} (${fmt(f.ours.p99Ms)})`,
    baseline: `${fmt(f.directus.rps)} (${fmt(f.directus.p99Ms)})`,
    ratio,
    goal: `≥ ${GOAL_DIRECTUS_RATIO.toFixed(2)}`,
    met: ratio >= GOAL_DIRECTUS_RATIO,
  };
}
