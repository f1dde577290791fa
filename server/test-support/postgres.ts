import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cleanUpWhenThisProcessEnds, freePort, shellQuote } from './net.js';

/**
 * Throw-away PostgreSQL clusters for tests: initdb into a temporary folder, started on a free local port
 * with its socket in that folder and `trust` authentication, removed when stopped. The binaries are
 * PostgreSQL's from Debian (/usr/lib/postgresql/<version>/bin, the newest), or PG_BIN_DIR; tests skip
 * without them (`postgresAvailable`). Run as root, the cluster belongs to the `postgres` user. A watchdog
 * stops and removes the cluster when the test process ends, however it ends (the test runner ends its
 * workers without an exit event).
 */
export interface PostgresCluster {
  /** A connection string to `database` on this cluster. */
  url(database: string): string;
  /** A new empty database's connection string (databases go with the cluster). */
  createDatabase(): Promise<string>;
  stop(): void;
}

const binDir = findBinDir();

/** Whether PostgreSQL's server binaries are installed here. */
export const postgresAvailable = binDir !== null;

/** TEST_DATABASE=postgres: the HTTP tests' apps run on PostgreSQL (a database of their own each), not SQLite. */
export const testOnPostgres = process.env.TEST_DATABASE === 'postgres';

function findBinDir(): string | null {
  const candidates = process.env.PG_BIN_DIR
    ? [process.env.PG_BIN_DIR]
    : (fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql') : [])
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join('/usr/lib/postgresql', v, 'bin'));
  return (
    candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null
  );
}

const asRoot = process.getuid?.() === 0;
const SUPERUSER = 'postgres';

/** Runs one of the binaries, as `postgres` when we are root (PostgreSQL refuses to run as root). */
function command(program: string, args: string[]): [string, string[]] {
  if (!binDir) throw new Error('PostgreSQL binaries not found (install postgresql or set PG_BIN_DIR)');
  const file = path.join(binDir, program);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function run(program: string, args: string[]): void {
  execFileSync(...command(program, args), { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A detached shell that waits for this process to end, then stops the cluster and removes its folder. */
function watch(root: string, stopArgs: string[]): void {
  const stop = command('pg_ctl', stopArgs).flat().map(shellQuote).join(' ');
  cleanUpWhenThisProcessEnds(`${stop} >/dev/null 2>&1; rm -rf ${shellQuote(root)}`);
}

export async function startPostgres(): Promise<PostgresCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-pg-'));
  const dataDir = path.join(root, 'data');
  if (asRoot) execFileSync('chown', ['postgres:', root]);
  run('initdb', ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c max_connections=200`;
  const stopArgs = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(root, 'log'), '-w', 'start']);
  watch(root, stopArgs);
  let running = true;
  const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    url,
    stop() {
      if (!running) return;
      running = false;
      try {
        run('pg_ctl', stopArgs);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
    async createDatabase() {
      const name = `test_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
  };
}

let shared: Promise<PostgresCluster> | null = null;

/** One cluster for the whole test process, started on first use and stopped when the process exits. */
export function sharedPostgres(): Promise<PostgresCluster> {
  shared ??= startPostgres();
  return shared;
}
