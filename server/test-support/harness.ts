import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../src/config.js';
import type { Clock } from '../src/domain/clock.js';
import { buildApp, type App } from '../src/http/app.js';
import type { PasswordHasher } from '../src/use-cases/password-hasher.js';
import { sharedPostgres, testOnPostgres } from './postgres.js';

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * An app on a fresh temporary DATA_DIR with a real SQLite file, seeded with demo data (the expert pool left empty
 * unless `config.demoExpertPool`: expert-review tests build their own); with
 * TEST_DATABASE=postgres, on a new database of its own in a throw-away PostgreSQL cluster instead.
 */
export async function createTestApp(
  options: { clock?: Clock; config?: Partial<Config>; env?: Record<string, string>; passwords?: PasswordHasher } = {},
): Promise<App> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-test-'));
  // TEST_WEB_DIST_DIR: browser tests against a web build of one's own (parallel work must not share dist/web).
  const webDist = process.env.TEST_WEB_DIST_DIR ? { webDistDir: path.resolve(process.env.TEST_WEB_DIST_DIR) } : {};
  // A test that names its database (one shared with a CLI run, say) keeps it.
  const databaseUrl =
    testOnPostgres && !options.env?.DATABASE_URL ? await (await sharedPostgres()).createDatabase() : null;
  const config = loadConfig(
    { DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env },
    { demoExpertPool: false, ...webDist, ...(databaseUrl && { databaseUrl }), ...options.config },
  );
  const app = await buildApp({ config, clock: options.clock, passwords: options.passwords });
  app.addHook('onClose', async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return app;
}

/** The same, listening on a random local port (for browser tests and real sockets). */
export async function startTestServer(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestServer> {
  const app = await createTestApp(options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, dataDir: app.ctx.config.dataDir, close: () => app.close() };
}
