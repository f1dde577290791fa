import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminBatchView, BatchSummary } from '#contract';
import { sharedPostgres, testOnPostgres } from '../../test-support/postgres.js';
import { TestClient } from '../../test-support/http.js';
import { loadConfig } from '../config.js';
import { fixedClock } from '../domain/clock.js';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { accountLedger, unknownNameLedger } from '../use-cases/guards/login-failures.js';
import type { PasswordHasher } from '../use-cases/password-hasher.js';
import { storeCaptcha } from '../use-cases/steps/captcha.js';
import { buildApp, type App } from './app.js';

/**
 * State that several server processes on one database must share, shown with several apps on one DATA_DIR
 * (and one database): an app closed and another opened is a restart, two apps open at once are two processes.
 * On SQLite the apps of one test process must not write at the same time (each would wait for the other's
 * lock on the one thread), so the steps here alternate between them.
 */

/** A fast hasher that counts verifications; each takes a few milliseconds, so parallel requests overlap. */
const verifications = { count: 0 };
const countingHasher: PasswordHasher = {
  hash: async (password) => `test$${createHash('sha256').update(password).digest('hex')}`,
  verify: async (hashed, password) => {
    verifications.count++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return timingSafeEqual(
      Buffer.from(hashed),
      Buffer.from(`test$${createHash('sha256').update(password).digest('hex')}`),
    );
  },
};

const clock = fixedClock('2026-11-24T02:00:00Z');
let dataDir: string;
let databaseUrl: string | null = null;
const open = new Set<App>();

/** A server process on the shared DATA_DIR and database. */
async function startApp(): Promise<App> {
  const config = loadConfig(
    { DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    { loginRateLimitPerMinute: 1_000_000, ...(databaseUrl && { databaseUrl }) },
  );
  const app = await buildApp({ config, clock, passwords: countingHasher });
  open.add(app);
  return app;
}

async function stopApp(app: App): Promise<void> {
  open.delete(app);
  await app.close();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-shared-'));
  if (testOnPostgres) databaseUrl = await (await sharedPostgres()).createDatabase();
});
afterAll(async () => {
  for (const app of open) await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let clients = 0;
/** A client of its own address on `app`. */
function client(app: App, ip = `198.51.100.${++clients}`): TestClient & { ip: string } {
  const c = new TestClient(app) as TestClient & { ip: string };
  c.ip = ip;
  const send = c.request.bind(c);
  c.request = (opts) => send({ ...opts, remoteAddress: ip });
  return c;
}

const login = (
  c: TestClient,
  username: string,
  password: string,
  captcha?: { captchaId: string; captchaAnswer: string },
) => c.post('/api/v1/auth/login', { username, password, ...captcha });
const solvedCaptcha = async (app: App) => ({
  captchaId: await storeCaptcha(app.ctx, 'ABCDE'),
  captchaAnswer: 'abcde',
});

describe('failed sign-ins on names no account has', () => {
  it('keeps an unknown name locked across a restart', async () => {
    const first = await startApp();
    const attacker = client(first);
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push((await login(attacker, 'no-such-user', 'Wrong-pass1', await solvedCaptcha(first))).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 423, 423]);
    await stopApp(first);

    const restarted = await startApp();
    const again = client(restarted, attacker.ip);
    const before = verifications.count;
    const res = await login(again, 'no-such-user', 'Abcdefg1', await solvedCaptcha(restarted));
    expect(res.statusCode, res.body).toBe(423);
    expect(verifications.count).toBe(before);
    expect(await unknownNameLedger(restarted.ctx, 'no-such-user', attacker.ip).current(clock.now())).toEqual({
      failures: 5,
      lockedUntil: new Date(clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    await stopApp(restarted);
  });

  it('keeps it locked while the client floods 25,000 made-up names, and keeps no name in clear', async () => {
    const app = await startApp();
    const attacker = client(app);
    for (let i = 0; i < 5; i++) await login(attacker, 'nobody-here', 'Wrong-pass1', await solvedCaptcha(app));
    expect((await login(attacker, 'nobody-here', 'Wrong-pass1', await solvedCaptcha(app))).statusCode).toBe(423);

    // A few through the route, the rest counted as the route counts them first (its audit entries and hourly
    // counts would only slow the test: neither holds the lock).
    const viaRoute = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(attacker, `made-up-${i}`, 'Wrong-pass1')),
    );
    expect(viaRoute.every((r) => r.statusCode === 401)).toBe(true);
    const FLOOD = 25_000;
    const PARALLEL = 500;
    for (let start = viaRoute.length; start < FLOOD; start += PARALLEL)
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL, FLOOD - start) }, async (_, i) => {
          const ledger = unknownNameLedger(app.ctx, `made-up-${start + i}`, attacker.ip);
          await ledger.take(clock.now());
        }),
      );
    const rows = await app.ctx.db
      .selectFrom('unknown_name_failures')
      .selectAll()
      .where('client_key', '=', attacker.ip)
      .execute();
    expect(rows.length).toBe(FLOOD + 1);
    expect(rows.some((r) => r.name_key.includes('made-up') || r.name_key.includes('nobody'))).toBe(false);

    const res = await login(attacker, 'nobody-here', 'Wrong-pass1', await solvedCaptcha(app));
    expect(res.statusCode, res.body).toBe(423);
    await stopApp(app);
  }, 240_000);

  it('answers 8 parallel guesses on an unknown name exactly as on an account: same answers, counts, lock and cost', async () => {
    const app = await startApp();
    const guess = async (name: string) => {
      const c = client(app);
      const before = verifications.count;
      const answers = await Promise.all(
        Array.from({ length: 8 }, async () => login(c, name, 'Wrong-pass1', await solvedCaptcha(app))),
      );
      return {
        ip: c.ip,
        answers: answers.map((r) => `${r.statusCode} ${r.body}`).sort(),
        verified: verifications.count - before,
      };
    };
    const known = await guess('ly-keji');
    const unknown = await guess('ly-keji-not');
    expect(unknown.answers).toEqual(known.answers);
    expect(unknown.verified).toBe(known.verified);
    expect(known.verified).toBe(5);
    expect(known.answers.filter((a) => a.startsWith('401 '))).toHaveLength(4);
    expect(known.answers.filter((a) => a.startsWith('423 '))).toHaveLength(4);

    const userId = (await app.ctx.users.findByUsername('ly-keji'))!.id;
    const knownCount = await accountLedger(app.ctx, userId, known.ip).current(clock.now());
    const unknownCount = await unknownNameLedger(app.ctx, 'ly-keji-not', unknown.ip).current(clock.now());
    // Guesses that raced past the first look at the lock are counted too, on an account as on a name.
    for (const count of [knownCount, unknownCount]) {
      expect(count?.lockedUntil).toBe(new Date(clock.now().getTime() + 30 * 60_000).toISOString());
      expect(count?.failures).toBeGreaterThanOrEqual(5);
      expect(count?.failures).toBeLessThanOrEqual(8);
    }
    expect((await login(client(app), 'ly-keji', DEMO_PASSWORD)).statusCode).toBe(200);
    await stopApp(app);
  });
});

describe('the batch cache', () => {
  it('shows a deadline extended through one process in another at once', async () => {
    const a = await startApp();
    const b = await startApp();
    const publicBatch = async (app: App) =>
      (await new TestClient(app).get('/api/v1/batches')).json<BatchSummary[]>().find((x) => x.id === '2022')!;
    const before = await publicBatch(b);

    const admin = await new TestClient(a).login('sysadmin');
    const current = (await admin.get('/api/v1/admin/batches/2022')).json<AdminBatchView>();
    expect(current.config.cityDeadline).toBe(before.config.cityDeadline);
    const later = new Date(Date.parse(current.config.cityDeadline) + 7 * 24 * 60 * 60_000).toISOString();
    const extended = await admin.post('/api/v1/admin/batches/2022/deadlines', {
      version: current.version,
      applicationDeadline: current.config.applicationDeadline,
      cityDeadline: later,
      reason: '系统测试',
    });
    expect(extended.statusCode, extended.body).toBe(200);

    const after = await publicBatch(b);
    expect(after.config.cityDeadline).toBe(later);
    expect(after.config.changes.map((c) => c.kind)).toEqual([...before.config.changes.map((c) => c.kind), 'deadline']);
    expect((await b.ctx.references.findBatch('2022'))!.config.cityDeadline).toBe(later);
    await stopApp(a);
    await stopApp(b);
  });
});
