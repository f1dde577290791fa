import http from 'node:http';
import type { SessionCredentials } from './fixture-protocol.js';

/** One request's outcome with the client-side timestamps that bracket the server's decision. */
export interface TimedResponse {
  /** HTTP status, or 0 when the request failed at the socket. */
  status: number;
  /** The stable error code of an error body (`{ code }`), if any. */
  code: string | null;
  /** The parsed JSON body, or null. */
  body: unknown;
  /** Wall clock (Date.now(), the clock the server stamps with) just before the request was handed to http.request. */
  sentAt: number;
  /** Wall clock when the response headers arrived: the server had decided by then. */
  headersAt: number;
  /** Milliseconds from send to the whole body received (monotonic clock). */
  latencyMs: number;
  error: string | null;
}

/**
 * A keep-alive agent without a socket limit: every request of a burst goes out at once on its own
 * connection (no queueing in the agent, which would make the send timestamp earlier than the send).
 */
export function burstAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: Infinity });
}

/**
 * POSTs as a logged-in user (session cookie and CSRF token), with a JSON body or none, and times it.
 * Never rejects: a socket error comes back as status 0 with `error` set.
 */
export function timedPost(
  agent: http.Agent,
  baseUrl: string,
  path: string,
  session: SessionCredentials,
  json?: unknown,
): Promise<TimedResponse> {
  const payload = json === undefined ? null : Buffer.from(JSON.stringify(json), 'utf8');
  const headers: http.OutgoingHttpHeaders = {
    cookie: session.cookie,
    'x-csrf-token': session.csrfToken,
    'content-length': String(payload?.length ?? 0),
  };
  if (payload) headers['content-type'] = 'application/json';
  const sentAt = Date.now();
  const started = performance.now();
  return new Promise<TimedResponse>((resolve) => {
    let headersAt = 0;
    const fail = (err: Error) =>
      resolve({
        status: 0,
        code: null,
        body: null,
        sentAt,
        headersAt: headersAt || Date.now(),
        latencyMs: performance.now() - started,
        error: err.message,
      });
    const req = http.request(new URL(path, baseUrl), { method: 'POST', agent, headers }, (res) => {
      headersAt = Date.now();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', fail);
      res.once('end', () => {
        const latencyMs = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = null;
        }
        const code =
          body && typeof body === 'object' && 'code' in body && typeof body.code === 'string' ? body.code : null;
        resolve({ status: res.statusCode ?? 0, code, body, sentAt, headersAt, latencyMs, error: null });
      });
    });
    req.once('error', fail);
    req.end(payload ?? undefined);
  });
}

/** GETs JSON as a logged-in user; throws unless 200. For checks around the measured requests, not for measuring. */
export async function getJson<T>(baseUrl: string, path: string, session: SessionCredentials): Promise<T> {
  const res = await fetch(baseUrl + path, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** Nearest-rank percentile of a list of numbers (0 for an empty list). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
