import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../src/http/app.js';
import { DEMO_PASSWORD } from '../src/seed/seed.js';

/** Where a test client sends its requests: an app in this process (app.inject) or a server's base URL. */
export type Target = App | string;

/**
 * A logged-in (or anonymous) client that carries the session cookie and CSRF token: over app.inject(), or over
 * real HTTP to a base URL (servers in other processes, behind a proxy).
 */
export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly app: Target) {}

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && opts.method && opts.method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken;
    const res =
      typeof this.app === 'string'
        ? await overHttp(this.app, { ...opts, headers })
        : await this.app.inject({ ...opts, headers });
    const setCookie = res.cookies.find((c) => c.name === 'sb_session');
    if (setCookie) this.cookie = setCookie.value ? `sb_session=${setCookie.value}` : null;
    const body = res.headers['content-type']?.toString().includes('json')
      ? (res.json() as { csrfToken?: string })
      : null;
    if (body && typeof body === 'object' && 'csrfToken' in body && body.csrfToken !== undefined)
      this.csrfToken = body.csrfToken;
    return res;
  }

  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, payload?: unknown) =>
    this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  patch = (url: string, payload: unknown) =>
    this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  put = (url: string, payload: unknown) =>
    this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  delete = (url: string) => this.request({ method: 'DELETE', url });

  async login(username: string, password = DEMO_PASSWORD): Promise<this> {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return this;
  }
}

/** A multipart body with one file part, built by hand so tests control every byte. */
export function multipart(filename: string, content: Buffer, field = 'file', contentType = 'application/octet-stream') {
  const boundary = `----shenbao${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * One request over real HTTP, answered in the shape app.inject() answers (the parts tests read). A JSON payload is
 * sent as JSON; a connection cut before the answer rejects, as a client would see it.
 */
async function overHttp(base: string, opts: InjectOptions): Promise<LightMyRequestResponse> {
  const headers = { ...(opts.headers as Record<string, string>) };
  let body: Blob | string | undefined;
  if (Buffer.isBuffer(opts.payload)) body = new Blob([new Uint8Array(opts.payload)]);
  else if (typeof opts.payload === 'string') body = opts.payload;
  else if (opts.payload !== undefined) {
    body = JSON.stringify(opts.payload);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(new URL(String(opts.url), base), { method: opts.method ?? 'GET', headers, body });
  const rawPayload = Buffer.from(await res.arrayBuffer());
  const text = rawPayload.toString('utf8');
  const cookies = res.headers.getSetCookie().map((line) => {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    return { name: pair!.slice(0, at).trim(), value: pair!.slice(at + 1).trim() };
  });
  return {
    statusCode: res.status,
    statusMessage: res.statusText,
    headers: Object.fromEntries(res.headers.entries()),
    rawPayload,
    payload: text,
    body: text,
    json: <T>() => JSON.parse(text) as T,
    cookies,
  } as unknown as LightMyRequestResponse;
}
