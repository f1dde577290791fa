import autocannon, { type Options } from 'autocannon';
import type { ChildServer } from './child-server.js';
import { CpuMeter } from './proc.js';

export interface LoadResult {
  /** Successful (2xx) responses per second over the measured run. */
  rps: number;
  p99Ms: number;
  /** Non-2xx responses, socket errors and timeouts: any of these makes the figure suspect. */
  failures: number;
  /** Share of one core used by the server and by the load generator: whichever is near 100% is the bottleneck. */
  serverCpuPercent: number;
  loadGeneratorCpuPercent: number;
}

export interface LoadTarget {
  path: string;
  method?: Options['method'];
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Checks that one request of the target succeeds, warms the server up (JIT, connection setup) for
 * `warmupSeconds`, then measures `seconds` at `connections` concurrent connections.
 */
export async function measureLoad(
  server: Pick<ChildServer<unknown>, 'url' | 'pid'>,
  target: LoadTarget,
  opts: { connections: number; seconds: number; warmupSeconds: number },
): Promise<LoadResult> {
  const url = server.url + target.path;
  const method = target.method ?? 'GET';
  const probe = await fetch(url, { method, headers: target.headers, body: target.body });
  if (!probe.ok) throw new Error(`${method} ${target.path} answered ${probe.status}: ${await probe.text()}`);
  await probe.arrayBuffer();

  // autocannon takes an explicit undefined as a value, so absent headers and body are left out.
  const options: Options = {
    url,
    connections: opts.connections,
    method,
    ...(target.headers && { headers: target.headers }),
    ...(target.body && { body: target.body }),
  };
  if (opts.warmupSeconds > 0) await autocannon({ ...options, duration: opts.warmupSeconds });
  const cpu = new CpuMeter(server.pid);
  const r = await autocannon({ ...options, duration: opts.seconds });
  const used = cpu.read();
  return {
    rps: r['2xx'] / r.duration,
    p99Ms: r.latency.p99,
    failures: r.non2xx + r.errors + r.timeouts,
    serverCpuPercent: (100 * used.other) / r.duration,
    loadGeneratorCpuPercent: (100 * used.own) / r.duration,
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** Logs in once (the login route allows 30 attempts a minute per IP); the cookie is reused by every request after. */
export async function logIn(baseUrl: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const session = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
  if (!session) throw new Error('login set no sb_session cookie');
  return { cookie: session.split(';')[0]!, csrfToken };
}

/** The id of the logged-in applicant's draft in the open demo batch. */
export async function myApplicationId(baseUrl: string, session: Session): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/my/application`, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`GET /api/v1/my/application failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Polls the application until the stored file's SHA-256 and SM3 are recorded; returns the seconds waited. */
export async function waitForDigests(
  baseUrl: string,
  session: Session,
  applicationId: string,
  fileId: string,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const res = await fetch(`${baseUrl}/api/v1/applications/${applicationId}`, { headers: { cookie: session.cookie } });
    if (!res.ok) throw new Error(`GET /api/v1/applications/${applicationId} failed: ${res.status}`);
    const view = (await res.json()) as { evidence: { id: string; sha256: string | null; sm3: string | null }[] };
    const file = view.evidence.find((e) => e.id === fileId);
    if (file?.sha256 && file.sm3) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
