import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './net.js';
import { startNginx, type Nginx } from './nginx.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One server process (`server/src/main.ts`, as `npm start` runs it), its output kept in a log file. */
export interface ServerProcess {
  url: string;
  /** Ends the process at once, as a crash or an OOM kill would (SIGKILL: no shutdown hook runs). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  log(): string;
}

export interface ServerCluster {
  /** nginx in front of all servers: what clients use. */
  url: string;
  nginx: Nginx;
  servers: ServerProcess[];
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * `count` server processes on one database and one DATA_DIR (and whatever storage `env` names), behind Debian's
 * nginx balancing them round robin: the deployment of README "Deploying", in miniature.
 */
export async function startCluster(count: number, env: Record<string, string>): Promise<ServerCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-cluster-'));
  const servers = await Promise.all(
    Array.from({ length: count }, async (_, i) => startServer(await freePort(), dataDir, i, env)),
  );
  const nginx = await startNginx({ upstreams: servers.map((s) => s.url) });
  return {
    url: nginx.url,
    nginx,
    servers,
    dataDir,
    async stop() {
      await nginx.stop();
      await Promise.all(servers.map((s) => s.kill()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startServer(port: number, dataDir: string, index: number, env: Record<string, string>) {
  const logFile = path.join(dataDir, `server-${index}.log`);
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        TRUST_PROXY: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    proc = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitForPort(port, `服务进程 ${index}`, {
      timeoutMs: 60_000,
      failed: () => (child.exitCode === null && child.signalCode === null ? null : fs.readFileSync(logFile, 'utf8')),
    });
  };

  await start();
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    async kill() {
      if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    restart: start,
    log: () => fs.readFileSync(logFile, 'utf8'),
  };
  return server;
}
