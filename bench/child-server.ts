import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** The repository root, so that `--import tsx` resolves from the project's node_modules. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What a server child tells the bench process over IPC once it listens. */
interface ListeningMessage {
  port: number;
}

export interface ChildServer {
  url: string;
  /** The pid of the node process that runs the server itself (no npx/tsx wrapper in between). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` as a child process of its own, so the server never shares an
 * event loop (or, on two cores, a core) with the load generator, and waits until it listens.
 */
export async function spawnServer(script: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, script)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: ListeningMessage) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${String(code)} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/**
 * The child side: reports the port to the bench process, and closes the server on SIGTERM or when
 * the bench process goes away (so an interrupted run leaves no servers behind).
 */
export function announceListening(app: Pick<FastifyInstance, 'server' | 'close'>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('start this server through bench/run.ts (it reports its port over IPC)');
  const shutdown = () => void app.close().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('disconnect', shutdown);
  send({ port: (app.server.address() as AddressInfo).port } satisfies ListeningMessage);
}
