/**
 * Directus 11.3.5 (the newest 11.x on Node 20) as the comparison for the city list: installed once into a scratch
 * folder (never a project dependency), bootstrapped on SQLite, given a collection with the list's columns and the same
 * rows, and queried as a generic data API would be — a filtered, sorted page of 20 with a static token.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../server/test-support/net.js';

const VERSION = '11.3.5';
const ADMIN = { email: 'admin@example.com', password: 'Bench@2026-directus' };
const TOKEN = 'shenbao-bench-static-token';

/** One application as the city list shows it, the columns both systems are asked for. */
export interface ListRow {
  id: string;
  authority_code: string;
  status: string;
  unit_name: string;
  platform_name: string;
  uscc: string;
  channel: string;
  submitted_at: string;
}

export interface Directus {
  url: string;
  /** Its server process (the load measurement reads its CPU). */
  pid: number;
  /** Request headers carrying the static token. */
  headers: Record<string, string>;
  /** The city list's page 1 for an authority: filtered, sorted by submission, 20 rows, with the total. */
  listPath(authorityCode: string): string;
  stop(): Promise<void>;
}

/** The scratch folder with Directus installed (BENCH_DIRECTUS_DIR, default in the temp folder); installs when absent. */
function ensureInstalled(): string {
  const dir = process.env.BENCH_DIRECTUS_DIR || path.join(os.tmpdir(), `shenbao-bench-directus-${VERSION}`);
  const marker = path.join(dir, 'node_modules', 'directus', 'package.json');
  if (fs.existsSync(marker)) return dir;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  console.log(`  installing directus@${VERSION} into ${dir} (once; several minutes)…`);
  const run = spawnSync('npm', ['install', '--no-audit', '--no-fund', `directus@${VERSION}`, 'sqlite3'], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (run.status !== 0 || !fs.existsSync(marker))
    throw new Error(`npm install directus@${VERSION} failed (exit ${run.status})`);
  return dir;
}

async function api(url: string, method: string, urlPath: string, body?: unknown, token?: string): Promise<unknown> {
  const res = await fetch(url + urlPath, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Directus ${method} ${urlPath}: ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Starts Directus on a fresh SQLite database holding `rows`; the caller stops it. */
export async function startDirectus(rows: readonly ListRow[]): Promise<Directus> {
  const installDir = ensureInstalled();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-bench-directus-run-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DB_CLIENT: 'sqlite3',
    DB_FILENAME: path.join(work, 'data.db'),
    KEY: 'shenbao-bench-key',
    SECRET: 'shenbao-bench-secret',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'error',
    TELEMETRY: 'false',
    STORAGE_LOCAL_ROOT: work,
    EXTENSIONS_PATH: work,
    MAX_PAYLOAD_SIZE: '10mb',
    // The measured page is read-only: rate limiting and caching off, as our server has neither for it.
    RATE_LIMITER_ENABLED: 'false',
    CACHE_ENABLED: 'false',
  };
  const bin = path.join(installDir, 'node_modules', '.bin', 'directus');
  const boot = spawn(bin, ['bootstrap'], { cwd: work, env, stdio: 'ignore' });
  const booted = await new Promise<number | null>((resolve) => boot.once('exit', resolve));
  if (booted !== 0) throw new Error(`directus bootstrap failed (exit ${booted})`);
  const proc: ChildProcess = spawn(bin, ['start'], { cwd: work, env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${url}/server/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 600 || proc.exitCode !== null) throw new Error('Directus did not start');
      await sleep(100);
    }
    const login = (await api(url, 'POST', '/auth/login', ADMIN)) as { data: { access_token: string } };
    const access = login.data.access_token;
    const me = (await api(url, 'GET', '/users/me', undefined, access)) as { data: { id: string } };
    await api(url, 'PATCH', `/users/${me.data.id}`, { token: TOKEN }, access);
    const text = (field: string, indexed = false) => ({
      field,
      type: 'string',
      schema: { is_indexed: indexed },
      meta: {},
    });
    await api(
      url,
      'POST',
      '/collections',
      {
        collection: 'applications',
        schema: {},
        meta: {},
        fields: [
          { field: 'id', type: 'string', schema: { is_primary_key: true, length: 36 }, meta: {} },
          text('authority_code', true),
          text('status', true),
          text('unit_name'),
          text('platform_name'),
          text('uscc'),
          text('channel'),
          text('submitted_at', true),
        ],
      },
      TOKEN,
    );
    for (let i = 0; i < rows.length; i += 500)
      await api(url, 'POST', '/items/applications', rows.slice(i, i + 500), TOKEN);
    return {
      url,
      pid: proc.pid!,
      headers: { authorization: `Bearer ${TOKEN}` },
      listPath: (authorityCode) =>
        `/items/applications?filter[authority_code][_eq]=${authorityCode}&sort=-submitted_at,id&limit=20&page=1&meta=filter_count`,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
