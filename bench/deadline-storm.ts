import { setTimeout as sleep } from 'node:timers/promises';
import type { CityPackageView } from '#contract';
import { DEMO_PASSWORD } from '../server/src/seed/seed.js';
import type { ChildServer } from './child-server.js';
import {
  EVENT_LOOP_READ,
  EVENT_LOOP_RESET,
  type DeadlineFixture,
  type EventLoopStats,
  type SessionCredentials,
} from './fixture-protocol.js';
import { logIn } from './http-load.js';
import { CpuMeter } from './proc.js';
import { burstAgent, getJson, percentile, timedPost, type TimedResponse } from './timed-request.js';

export type StormKind = 'application' | 'package';
/** Where a request's [sent, headers received] window lies relative to the cutoff instant. */
export type Phase = 'before' | 'straddle' | 'after';
/**
 * accepted: 200. deadline: refused for the deadline (DEADLINE_PASSED, BATCH_CLOSED). state: another
 * 409, e.g. INVALID_TRANSITION for a city's second submission. unexpected: any other answer below 500.
 */
export type Outcome = 'accepted' | 'deadline' | 'state' | 'serverError' | 'unexpected';

const WARMUP_CONCURRENCY = 4;
const DEADLINE_CODES: ReadonlySet<string> = new Set(['DEADLINE_PASSED', 'BATCH_CLOSED']);
const PHASES: readonly Phase[] = ['before', 'straddle', 'after'];
const OUTCOMES: readonly Outcome[] = ['accepted', 'deadline', 'state', 'serverError', 'unexpected'];

export interface StormOptions {
  /** Seconds of firing, centred on the cutoff instant. */
  windowSeconds: number;
  /** Each city submits its package again every this many milliseconds across the window. */
  packageIntervalMs: number;
}

interface Job {
  kind: StormKind;
  /** Scheduled send time, wall clock. */
  at: number;
  path: string;
  session: SessionCredentials;
}

interface StormResult extends TimedResponse {
  kind: StormKind;
  phase: Phase;
  outcome: Outcome;
  /** For an acceptance, the time the server stamped on it (receipt or package submittedAt), ms. */
  stampMs: number | null;
}

export type Tally = Record<StormKind, Record<Phase, Record<Outcome, number>>>;

export interface KindBoundary {
  /** The latest server stamp on an acceptance, ms. */
  lastAcceptedStampMs: number | null;
  /** The earliest moment by which a deadline refusal had been decided (its response headers), ms. */
  firstDeadlineRefusalMs: number | null;
}

export interface DeadlineStormFigures {
  deadline: string;
  /** The first instant after the deadline second: received before it = in time. */
  cutoffMs: number;
  windowSeconds: number;
  cities: number;
  drafts: number;
  requests: number;
  tally: Tally;
  /** Accepted although the whole request window lies after the cutoff, or stamped by the server at or after it. */
  acceptedAfter: number;
  /** Acceptances whose body carried no submittedAt (judged by their window alone). */
  unstamped: number;
  /** Refused for the deadline although the whole request window lies before the cutoff. */
  refusedBefore: number;
  refusedBeforeByKind: Record<StormKind, number>;
  /** Windows that straddle the cutoff: either answer is consistent with the rule. */
  ambiguous: number;
  serverErrors: number;
  unexpected: Map<string, number>;
  boundary: Record<StormKind, KindBoundary>;
  /** Packages the province's board shows as submitted, and how many of those carry a time at or after the cutoff. */
  board: { submitted: number; submittedAfterCutoff: number; acceptedResponses: number };
  maxInFlight: number;
  /** How late the latest request left against its schedule (client-side lag), ms. */
  maxFireLagMs: number;
  p50Ms: number;
  p99Ms: number;
  p99ByKind: Record<StormKind, number>;
  /** From the window's opening to the last answer received, seconds. */
  durationSeconds: number;
  /** CPU seconds over that time: the server process, and this (load-generating) process. */
  serverCpuSeconds: number;
  clientCpuSeconds: number;
  /** The server's event-loop delay over that time. */
  eventLoop: EventLoopStats;
  prep: DeadlineFixture['prep'];
}

interface ProvinceBoard {
  cities: { authorityCode: string; state: string; submittedAt: string | null }[];
}

/**
 * Submissions spread evenly over the window: every draft once, and every city's package every
 * `packageIntervalMs` (staggered between cities), merged in time order.
 */
function schedule(fixture: DeadlineFixture, start: number, opts: StormOptions): Job[] {
  const windowMs = opts.windowSeconds * 1000;
  const jobs: Job[] = fixture.drafts.map((d, i) => ({
    kind: 'application',
    at: start + ((i + 0.5) * windowMs) / fixture.drafts.length,
    path: `/api/v1/applications/${d.applicationId}/submit`,
    session: d.session,
  }));
  const rounds = Math.max(1, Math.floor(windowMs / opts.packageIntervalMs));
  fixture.cities.forEach((c, j) => {
    for (let r = 0; r < rounds; r++) {
      const at = start + (r + (j + 0.5) / fixture.cities.length) * opts.packageIntervalMs;
      if (at < start + windowMs)
        jobs.push({ kind: 'package', at, path: '/api/v1/city/package/submit', session: c.session });
    }
  });
  return jobs.sort((a, b) => a.at - b.at);
}

function classify(r: TimedResponse): Outcome {
  if (r.status === 200) return 'accepted';
  if (r.status >= 500) return 'serverError';
  if (r.status === 409 && r.code && DEADLINE_CODES.has(r.code)) return 'deadline';
  if (r.status === 409) return 'state';
  return 'unexpected';
}

function phaseOf(r: TimedResponse, cutoffMs: number): Phase {
  if (r.headersAt < cutoffMs) return 'before';
  if (r.sentAt >= cutoffMs) return 'after';
  return 'straddle';
}

/** The server's own time of an acceptance: the receipt's or the package's submittedAt. */
function stampOf(body: unknown): number | null {
  if (!body || typeof body !== 'object' || !('submittedAt' in body) || typeof body.submittedAt !== 'string')
    return null;
  const ms = Date.parse(body.submittedAt);
  return Number.isFinite(ms) ? ms : null;
}

function emptyTally(): Tally {
  const phases = () =>
    Object.fromEntries(PHASES.map((p) => [p, Object.fromEntries(OUTCOMES.map((o) => [o, 0]))])) as Record<
      Phase,
      Record<Outcome, number>
    >;
  return { application: phases(), package: phases() };
}

/** Over real HTTP, every city's session works and sees the moved deadline and a package it can submit. */
async function checkCities(server: ChildServer<DeadlineFixture>): Promise<void> {
  for (const c of server.fixture.cities) {
    const pkg = await getJson<CityPackageView>(server.url, '/api/v1/city/package', c.session);
    if (pkg.deadline !== server.fixture.deadline || !pkg.canSubmit) {
      throw new Error(
        `${c.name}'s package is not ready for the storm: deadline ${pkg.deadline}, state ${pkg.state}, problems: ${pkg.problems.join('; ') || 'none'}`,
      );
    }
  }
}

/** The app was rebuilt just before it listened: a few submissions first, so that the storm meets warm code. */
async function warmUp(server: ChildServer<DeadlineFixture>): Promise<void> {
  const agent = burstAgent();
  try {
    const drafts = server.fixture.warmupDrafts;
    for (let i = 0; i < drafts.length; i += WARMUP_CONCURRENCY) {
      const answers = await Promise.all(
        drafts
          .slice(i, i + WARMUP_CONCURRENCY)
          .map((d) => timedPost(agent, server.url, `/api/v1/applications/${d.applicationId}/submit`, d.session)),
      );
      const failed = answers.find((a) => a.status !== 200);
      if (failed)
        throw new Error(`a warm-up submission answered ${failed.status} ${failed.code ?? failed.error ?? ''}`);
    }
  } finally {
    agent.destroy();
  }
}

interface Fired {
  results: StormResult[];
  maxInFlight: number;
  maxFireLagMs: number;
  durationSeconds: number;
  serverCpuSeconds: number;
  clientCpuSeconds: number;
  eventLoop: EventLoopStats;
}

/** Sends every job at its scheduled time, whatever is still in flight (open loop), and collects the answers. */
async function fire(server: ChildServer<DeadlineFixture>, jobs: readonly Job[], cutoffMs: number): Promise<Fired> {
  const first = jobs[0]?.at ?? Date.now();
  if (first - Date.now() < 100) {
    throw new Error(
      `the storm window opened ${Math.round(Date.now() - first)} ms before the server was ready; the fixture's lead time is too short for this machine`,
    );
  }
  await sleep(Math.max(0, first - Date.now() - 20));
  await server.ask<null>(EVENT_LOOP_RESET);
  const cpu = new CpuMeter(server.pid);
  const opened = Date.now();
  const agent = burstAgent();
  let inFlight = 0;
  let maxInFlight = 0;
  let maxFireLagMs = 0;
  const pending: Promise<StormResult>[] = [];
  for (const job of jobs) {
    const wait = job.at - Date.now();
    if (wait > 0) await sleep(wait);
    maxFireLagMs = Math.max(maxFireLagMs, Date.now() - job.at);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pending.push(
      timedPost(agent, server.url, job.path, job.session).then((r) => {
        inFlight -= 1;
        const outcome = classify(r);
        return {
          ...r,
          kind: job.kind,
          phase: phaseOf(r, cutoffMs),
          outcome,
          stampMs: outcome === 'accepted' ? stampOf(r.body) : null,
        };
      }),
    );
  }
  const results = await Promise.all(pending);
  const durationSeconds = (Date.now() - opened) / 1000;
  const used = cpu.read();
  const eventLoop = await server.ask<EventLoopStats>(EVENT_LOOP_READ);
  agent.destroy();
  return {
    results,
    maxInFlight,
    maxFireLagMs,
    durationSeconds,
    serverCpuSeconds: used.other,
    clientCpuSeconds: used.own,
    eventLoop,
  };
}

/** The packages the province's board shows as submitted, and how many carry a time at or after the cutoff. */
async function readBoard(
  server: ChildServer<DeadlineFixture>,
  cutoffMs: number,
): Promise<{ submitted: number; submittedAfterCutoff: number }> {
  const province = await logIn(server.url, 'province', DEMO_PASSWORD);
  const board = await getJson<ProvinceBoard>(server.url, '/api/v1/province/board', province);
  const times = board.cities.flatMap((c) => (c.submittedAt === null ? [] : [Date.parse(c.submittedAt)]));
  return { submitted: times.length, submittedAfterCutoff: times.filter((t) => !(t < cutoffMs)).length };
}

/**
 * (d) Fires the prepared application and package submissions continuously across the deadline the
 * fixture server set, open-loop (each at its scheduled time, whatever is still in flight), and judges
 * every answer against the cutoff: the deadline is inclusive to the second (domain §7), so a request
 * the server received before `deadline + 1 s` must not be refused for the deadline, and one received
 * at or after it must not be accepted. The server's receipt time lies inside the request's
 * [sent, response headers] window; a window that straddles the cutoff is ambiguous and counted apart.
 * An acceptance also carries the server's own stamp, checked exactly.
 */
export async function runDeadlineStorm(
  server: ChildServer<DeadlineFixture>,
  opts: StormOptions,
): Promise<DeadlineStormFigures> {
  const { fixture } = server;
  const cutoffMs = fixture.deadlineSecondMs + 1000;
  await checkCities(server);
  await warmUp(server);
  const fired = await fire(server, schedule(fixture, cutoffMs - (opts.windowSeconds * 1000) / 2, opts), cutoffMs);
  const { results } = fired;

  const tally = emptyTally();
  const unexpected = new Map<string, number>();
  const boundary: Record<StormKind, KindBoundary> = {
    application: { lastAcceptedStampMs: null, firstDeadlineRefusalMs: null },
    package: { lastAcceptedStampMs: null, firstDeadlineRefusalMs: null },
  };
  let acceptedAfter = 0;
  let unstamped = 0;
  for (const r of results) {
    tally[r.kind][r.phase][r.outcome] += 1;
    const b = boundary[r.kind];
    if (r.outcome === 'accepted') {
      if (r.phase === 'after' || (r.stampMs !== null && r.stampMs >= cutoffMs)) acceptedAfter += 1;
      if (r.stampMs === null) unstamped += 1;
      else b.lastAcceptedStampMs = Math.max(b.lastAcceptedStampMs ?? -Infinity, r.stampMs);
    }
    if (r.outcome === 'deadline')
      b.firstDeadlineRefusalMs = Math.min(b.firstDeadlineRefusalMs ?? Infinity, r.headersAt);
    if (r.outcome === 'unexpected') {
      const key = `${r.kind} ${r.status === 0 ? `socket error ${r.error ?? ''}` : `${r.status} ${r.code ?? ''}`}`;
      unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
    }
  }

  const latencies = (kind?: StormKind) => results.filter((r) => !kind || r.kind === kind).map((r) => r.latencyMs);
  return {
    deadline: fixture.deadline,
    cutoffMs,
    windowSeconds: opts.windowSeconds,
    cities: fixture.cities.length,
    drafts: fixture.drafts.length,
    requests: results.length,
    tally,
    acceptedAfter,
    unstamped,
    refusedBefore: tally.application.before.deadline + tally.package.before.deadline,
    refusedBeforeByKind: { application: tally.application.before.deadline, package: tally.package.before.deadline },
    ambiguous: results.filter((r) => r.phase === 'straddle').length,
    serverErrors: results.filter((r) => r.outcome === 'serverError').length,
    unexpected,
    boundary,
    board: {
      ...(await readBoard(server, cutoffMs)),
      acceptedResponses: tally.package.before.accepted + tally.package.straddle.accepted + tally.package.after.accepted,
    },
    maxInFlight: fired.maxInFlight,
    maxFireLagMs: fired.maxFireLagMs,
    p50Ms: percentile(latencies(), 50),
    p99Ms: percentile(latencies(), 99),
    p99ByKind: { application: percentile(latencies('application'), 99), package: percentile(latencies('package'), 99) },
    durationSeconds: fired.durationSeconds,
    serverCpuSeconds: fired.serverCpuSeconds,
    clientCpuSeconds: fired.clientCpuSeconds,
    eventLoop: fired.eventLoop,
    prep: fixture.prep,
  };
}
