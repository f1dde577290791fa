import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { sharedPostgres, testOnPostgres } from '../../test-support/postgres.js';
import type { App } from './app.js';
import { databaseRateLimitStore } from './rate-limit-store.js';

const LIMIT = 10;
const MINUTE = 60_000;

/** Two apps on one database (and one DATA_DIR, for the data key), as two server processes would be. */
let apps: [App, App];
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-rate-limit-'));
  const env = {
    DATA_DIR: dataDir,
    ...(testOnPostgres && { DATABASE_URL: await (await sharedPostgres()).createDatabase() }),
  };
  const options = { env, config: { loginRateLimitPerMinute: LIMIT } };
  const first = await createTestApp(options);
  apps = [first, await createTestApp(options)];
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Not within the last seconds of a minute: the burst below must fall in one fixed window. */
async function awayFromWindowEnd(windowMs: number, marginMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await sleep(left + 20);
}

describe('per-minute rate limits shared by the server processes on one database', () => {
  it('allows exactly the limit of parallel sign-in attempts spread over two processes', async () => {
    const clients = apps.map((app) => new TestClient(app));
    await awayFromWindowEnd(MINUTE, 10_000);
    const results = await Promise.all(
      Array.from({ length: 3 * LIMIT }, (_, i) => clients[i % 2]!.post('/api/v1/auth/login', {})),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c !== 429)).toHaveLength(LIMIT);
    expect(codes.filter((c) => c !== 429 && c !== 400)).toEqual([]);
    const refused = results.find((r) => r.statusCode === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another route keeps a limit of its own.
    expect((await clients[1]!.post('/api/v1/auth/captcha')).statusCode).toBe(200);
  });

  it('starts a new count in each window and removes the windows that have ended', async () => {
    const db = apps[0].ctx.db;
    const Store = databaseRateLimitStore(db);
    const store = new Store({}).child({ routeInfo: { method: 'GET', url: '/test/window' } } as never);
    const incr = (key: string, windowMs: number) =>
      new Promise<{ current: number; ttl: number }>((resolve, reject) =>
        store.incr(key, (err, res) => (err ? reject(err) : resolve(res!)), windowMs, 1),
      );
    const windowMs = 500;
    await awayFromWindowEnd(windowMs, 200);
    expect((await incr('client-a', windowMs)).current).toBe(1);
    const second = await incr('client-a', windowMs);
    expect(second.current).toBe(2);
    expect(second.ttl).toBeGreaterThan(0);
    expect(second.ttl).toBeLessThanOrEqual(windowMs);
    expect((await incr('client-b', windowMs)).current).toBe(1);
    await sleep(windowMs - (Date.now() % windowMs) + 20);
    expect((await incr('client-a', windowMs)).current).toBe(1);

    // A new store sweeps on its first count: client-b's ended window goes, client-a's current one stays.
    const swept = new (databaseRateLimitStore(db))({}).child({
      routeInfo: { method: 'GET', url: '/test/other' },
    } as never);
    await new Promise((resolve) => swept.incr('client-c', resolve, windowMs, 1));
    const left = await db
      .selectFrom('rate_limits')
      .select('client_key')
      .where('scope', '=', 'GET /test/window')
      .execute();
    expect(left).toEqual([{ client_key: 'client-a' }]);
  });
});
