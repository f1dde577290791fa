import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../src/http/app.js';
import { DEMO_PASSWORD } from '../src/seed/seed.js';

/** A logged-in (or anonymous) client over app.inject() that carries the session cookie and CSRF token. */
export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly app: App) {}

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && opts.method && opts.method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken;
    const res = await this.app.inject({ ...opts, headers });
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
