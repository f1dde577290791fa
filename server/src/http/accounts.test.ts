import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPostgres, testOnPostgres } from '../../test-support/postgres.js';
import { fixedClock } from '../domain/clock.js';
import { createTestApp } from '../../test-support/harness.js';
import { makeUscc } from '../../test-support/fixtures.js';
import { TestClient } from '../../test-support/http.js';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { storeCaptcha } from '../use-cases/steps/captcha.js';
import type { App } from './app.js';

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
beforeAll(async () => {
  app = await createTestApp({ clock });
});
afterAll(async () => app.close());

const registration = (n: number, patch: Record<string, unknown> = {}) => ({
  username: `reg${n}`,
  password: 'Abcdefg1',
  unitName: `注册测试单位${n}`,
  uscc: makeUscc(5000 + n),
  regionCode: '410300',
  contactName: '赵六',
  contactPhone: '0379-63211234',
  ...patch,
});

describe('registration', () => {
  it('registers a unit, logs it in and audits it', async () => {
    const c = new TestClient(app);
    const res = await c.post('/api/v1/auth/register', registration(1));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ role: 'applicant', displayName: '注册测试单位1' });
    const cookie = res.cookies.find((k) => k.name === 'sb_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const row = await app.ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'reg1')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await app.ctx.audit.list(10, 'unit.register');
    expect(audit[0]).toMatchObject({ actor_name: 'reg1', ip: '127.0.0.1' });
  });

  it('refuses the same unit twice, whatever the user name', async () => {
    await new TestClient(app).post('/api/v1/auth/register', registration(2));
    const again = await new TestClient(app).post('/api/v1/auth/register', registration(3, { uscc: makeUscc(5002) }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'UNIT_ALREADY_REGISTERED', errors: [{ field: 'uscc' }] });
  });

  it('refuses a taken user name', async () => {
    await new TestClient(app).post('/api/v1/auth/register', registration(4));
    const res = await new TestClient(app).post('/api/v1/auth/register', registration(5, { username: 'reg4' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('USERNAME_TAKEN');
  });

  it.each([
    ['uscc', { uscc: '91310110666007217A' }],
    ['regionCode', { regionCode: '999999' }],
    ['password', { password: 'short1A' }],
    ['password', { password: 'alllowercase1' }],
    ['contactPhone', { contactPhone: '12345' }],
    ['unitName', { unitName: '' }],
    ['username', { username: '中文名' }],
  ])('names %s when it is invalid', async (field, patch) => {
    const res = await new TestClient(app).post('/api/v1/auth/register', registration(10, patch));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await app.ctx.users.findByUsername('reg10')).toBeUndefined();
  });
});

describe('login', () => {
  it('logs in with the demo account and shows the session', async () => {
    const c = await new TestClient(app).login('luoyang');
    const s = (await c.get('/api/v1/session')).json();
    expect(s.user).toMatchObject({ role: 'city', authorityCode: '410300' });
    expect(s.csrfToken).toBeTruthy();
    expect(s.idleTimeoutSeconds).toBe(1800);
  });

  it('locks the account (from this client) after five failures for thirty minutes, a captcha from the 4th on, auditing each attempt', async () => {
    await new TestClient(app).post('/api/v1/auth/register', registration(20));
    const attempt = async () =>
      new TestClient(app).post('/api/v1/auth/login', {
        username: 'reg20',
        password: 'Wrong-pass1',
        captchaId: await storeCaptcha(app.ctx, 'ABCDE'),
        captchaAnswer: 'abcde',
      });
    for (let i = 1; i <= 4; i++) {
      const r = await attempt();
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        message: '用户名或密码错误',
        captchaRequired: i >= 3,
      });
    }
    expect((await attempt()).statusCode).toBe(423);
    const locked = await new TestClient(app).post('/api/v1/auth/login', { username: 'reg20', password: 'Abcdefg1' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');

    clock.set(new Date(clock.now().getTime() + 29 * 60_000));
    expect(
      (await new TestClient(app).post('/api/v1/auth/login', { username: 'reg20', password: 'Abcdefg1' })).statusCode,
    ).toBe(423);
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    expect(
      (await new TestClient(app).post('/api/v1/auth/login', { username: 'reg20', password: 'Abcdefg1' })).statusCode,
    ).toBe(200);

    const failures = (await app.ctx.audit.list(100, 'login.failure')).filter((e) => e.actor_name === 'reg20');
    expect(failures.map((e) => JSON.parse(e.detail!).reason).sort()).toEqual([
      ...Array(5).fill('bad_password'),
      ...Array(2).fill('locked'),
    ]);
    expect((await app.ctx.audit.list(100, 'login.success')).some((e) => e.actor_name === 'reg20')).toBe(true);
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const res = await new TestClient(app).post('/api/v1/auth/login', { username: 'nobody', password: 'whatever' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('ends the session after thirty idle minutes', async () => {
    const c = await new TestClient(app).login('nanyang');
    clock.set(new Date(clock.now().getTime() + 29 * 60_000));
    expect((await c.get('/api/v1/applications')).statusCode).toBe(200);
    clock.set(new Date(clock.now().getTime() + 31 * 60_000));
    const res = await c.get('/api/v1/applications');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('logs out', async () => {
    const c = await new TestClient(app).login('puyang');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/session')).json().user).toBeNull();
  });
});

describe('login rate limit', () => {
  it('answers 429 past the limit per minute', async () => {
    const limited = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (await new TestClient(limited).post('/api/v1/auth/login', { username: 'x', password: 'y' })).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('production mode', () => {
  it('has no demo accounts; the CLI creates the first system administrator and prints the one-time password once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-prod-'));
    // The server and the CLI on the same database: the SQLite file in DATA_DIR, or one PostgreSQL database.
    const databaseUrl = testOnPostgres ? await (await sharedPostgres()).createDatabase() : undefined;
    const env = {
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATA_KEY: `k1:${'ab'.repeat(16)}`,
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    };
    const prod = await createTestApp({ env });
    try {
      expect((await prod.inject({ method: 'GET', url: '/api/v1/demo-accounts' })).statusCode).toBe(404);
      expect((await prod.inject({ method: 'GET', url: '/api/v1/session' })).json().demo).toBe(false);
      expect(await prod.ctx.users.findByUsername('province')).toBeUndefined();
      expect((await prod.ctx.references.listBatches()).map((b) => b.id)).toEqual(['2022']);
      const bad = await new TestClient(prod).post('/api/v1/auth/login', {
        username: 'province',
        password: DEMO_PASSWORD,
      });
      expect(bad.statusCode).toBe(401);
    } finally {
      await prod.close();
    }
    fs.mkdirSync(dataDir, { recursive: true });
    const out = execFileSync('npx', ['tsx', 'server/src/cli.ts', 'create-admin', '--username', 'chief'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    const password = /一次性密码（只显示这一次，首次登录须修改）：(\S+)/.exec(out)?.[1];
    expect(password).toBeTruthy();
    const again = await createTestApp({ env: { ...env, DATA_DIR: dataDir } });
    try {
      const c = await new TestClient(again).login('chief', password!);
      expect((await c.get('/api/v1/session')).json().user).toMatchObject({
        role: 'sysadmin',
        mustChangePassword: true,
      });
    } finally {
      await again.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('security headers', () => {
  it('give the web app a Content-Security-Policy: own scripts only, never framed', async () => {
    const app = await createTestApp();
    try {
      const page = await app.inject({ method: 'GET', url: '/city/package' });
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-security-policy']).toBe(csp);
      const api = await app.inject({ method: 'GET', url: '/api/health' });
      expect(api.headers['content-security-policy']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
