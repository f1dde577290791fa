import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActiveSession } from '#contract';
import { makeUscc } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/harness.js';
import { startNginx, type Nginx } from '../../test-support/nginx.js';
import { HSTS } from './app.js';

/**
 * The app behind a real nginx (Debian's), as deployed: nginx terminates TLS (simulated here by
 * `X-Forwarded-Proto https`) and appends the address it saw to X-Forwarded-For. Addresses on the
 * loopback keep the parties apart: the client connects from 127.0.0.3 (or .4, .5), nginx reaches the
 * app from 127.0.0.2, and the client sends a forged X-Forwarded-For of its own, which nginx passes on
 * in front of what it appends.
 */

const SPOOFED = '203.0.113.66';
const NGINX_ADDRESS = '127.0.0.2';
const CLIENT = '127.0.0.3';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** One request on a connection of its own, from the given local address. */
function call(
  port: number,
  method: string,
  urlPath: string,
  options: { from: string; headers?: Record<string, string>; body?: unknown },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        localAddress: options.from,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const cookieOf = (answer: Answer): string => {
  const line = (answer.headers['set-cookie'] ?? []).find((c) => c.startsWith('sb_session='));
  if (!line) throw new Error(`no session cookie: ${answer.status} ${answer.body}`);
  return line;
};

let registrations = 0;
const registration = () => {
  registrations += 1;
  return {
    username: `proxy${registrations}`,
    password: 'Passw0rd!',
    unitName: `代理测试运营单位${registrations}有限公司`,
    uscc: makeUscc(93_000 + registrations),
    regionCode: '410300',
    contactName: '张三',
    contactPhone: '13800001111',
  };
};

/** The app with the given TRUST_PROXY, in production (with the demo accounts), logins limited to 3 a minute, behind its own nginx. */
async function deploy(trustProxy: string | null): Promise<{ server: TestServer; nginx: Nginx }> {
  const env = { DATA_KEY: `proxytest:${'5a'.repeat(16)}`, ...(trustProxy === null ? {} : { TRUST_PROXY: trustProxy }) };
  const server = await startTestServer({ env, config: { production: true, loginRateLimitPerMinute: 3 } });
  const nginx = await startNginx({ upstreams: [server.url], bindAddress: NGINX_ADDRESS, forwardedProto: 'https' });
  return { server, nginx };
}

const latest = async (server: TestServer, action: string) => (await server.app.ctx.audit.list(1, action))[0];

describe('behind nginx with TRUST_PROXY=1 (one hop)', () => {
  let server: TestServer;
  let nginx: Nginx;
  beforeAll(async () => ({ server, nginx } = await deploy('1')));
  afterAll(async () => {
    await nginx?.stop();
    await server?.close();
  });

  it('audits the address nginx saw, not one the client forged', async () => {
    const denied = await call(nginx.port, 'GET', '/api/v1/my/application', {
      from: CLIENT,
      headers: { 'x-forwarded-for': SPOOFED },
    });
    expect(denied.status).toBe(401);
    expect(await latest(server, 'access.denied')).toMatchObject({ ip: CLIENT });

    const registered = await call(nginx.port, 'POST', '/api/v1/auth/register', {
      from: CLIENT,
      headers: { 'x-forwarded-for': SPOOFED },
      body: registration(),
    });
    expect(registered.status, registered.body).toBe(200);
    expect(await latest(server, 'unit.register')).toMatchObject({ ip: CLIENT });
    const cookie = cookieOf(registered).split(';')[0]!;
    const sessions = await call(nginx.port, 'GET', '/api/v1/account/sessions', { from: CLIENT, headers: { cookie } });
    expect(sessions.json<{ items: ActiveSession[] }>().items).toEqual([
      expect.objectContaining({ ip: CLIENT, current: true }),
    ]);
  });

  it('sets the session cookie Secure and sends HSTS, since nginx says the request came over HTTPS', async () => {
    const registered = await call(nginx.port, 'POST', '/api/v1/auth/register', { from: CLIENT, body: registration() });
    expect(registered.status, registered.body).toBe(200);
    const cookie = cookieOf(registered);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    for (const urlPath of ['/api/v1/session', '/api/health', '/login', '/api/v1/no-such-route']) {
      const answer = await call(nginx.port, 'GET', urlPath, { from: CLIENT });
      expect(answer.headers['strict-transport-security'], urlPath).toBe(HSTS);
    }
    expect(registered.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('limits logins per client: forged addresses do not escape the limit, another client is not held back', async () => {
    const attempt = (from: string, forged: string) =>
      call(nginx.port, 'POST', '/api/v1/auth/login', { from, headers: { 'x-forwarded-for': forged }, body: {} });
    for (let i = 0; i < 3; i++) expect((await attempt('127.0.0.4', `198.51.100.${i}`)).status).not.toBe(429);
    const limited = await attempt('127.0.0.4', '198.51.100.99');
    expect(limited.status).toBe(429);
    expect(limited.json()).toEqual({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    expect((await attempt('127.0.0.5', '198.51.100.0')).status).not.toBe(429);
  });
});

describe('behind nginx with TRUST_PROXY naming the proxy’s address', () => {
  let server: TestServer;
  let nginx: Nginx;
  beforeAll(async () => ({ server, nginx } = await deploy(NGINX_ADDRESS)));
  afterAll(async () => {
    await nginx?.stop();
    await server?.close();
  });

  it('takes the client from nginx, and HTTPS as nginx says', async () => {
    const answer = await call(nginx.port, 'GET', '/api/v1/my/application', {
      from: CLIENT,
      headers: { 'x-forwarded-for': SPOOFED },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers['strict-transport-security']).toBe(HSTS);
    expect(await latest(server, 'access.denied')).toMatchObject({ ip: CLIENT });
  });

  it('ignores X-Forwarded-* from anyone else who reaches the app directly', async () => {
    const { port } = new URL(server.url);
    const direct = await call(Number(port), 'GET', '/api/v1/my/application', {
      from: '127.0.0.1',
      headers: { 'x-forwarded-for': SPOOFED, 'x-forwarded-proto': 'https' },
    });
    expect(direct.status).toBe(401);
    expect(direct.headers['strict-transport-security']).toBeUndefined();
    expect(await latest(server, 'access.denied')).toMatchObject({ ip: '127.0.0.1' });
  });
});

describe('behind nginx without TRUST_PROXY', () => {
  let server: TestServer;
  let nginx: Nginx;
  beforeAll(async () => ({ server, nginx } = await deploy(null)));
  afterAll(async () => {
    await nginx?.stop();
    await server?.close();
  });

  it('ignores X-Forwarded-For and -Proto: the client is the proxy, no HSTS, the cookie still Secure in production', async () => {
    const registered = await call(nginx.port, 'POST', '/api/v1/auth/register', {
      from: CLIENT,
      headers: { 'x-forwarded-for': SPOOFED },
      body: registration(),
    });
    expect(registered.status, registered.body).toBe(200);
    expect(await latest(server, 'unit.register')).toMatchObject({ ip: NGINX_ADDRESS });
    expect(cookieOf(registered)).toMatch(/; Secure/);
    expect(registered.headers['strict-transport-security']).toBeUndefined();
  });

  it('so every client behind the proxy shares one rate limit', async () => {
    const attempt = (from: string) => call(nginx.port, 'POST', '/api/v1/auth/login', { from, body: {} });
    for (const from of ['127.0.0.4', '127.0.0.5', '127.0.0.6']) expect((await attempt(from)).status).not.toBe(429);
    expect((await attempt('127.0.0.7')).status).toBe(429);
  });
});
