import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** The repository root, so that `--import tsx` resolves from the project's node_modules. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What a server child tells the bench process over IPC once it listens: its port and, for a fixture server, what it prepared. */
interface ListeningMessage<F> {
  port: number;
  fixture: F;
}

export interface ChildServer<F = null> {
  url: string;
  /** The pid of the node process that runs the server itself (no npx/tsx wrapper in between). */
  pid: number;
  /** What the child reported beside its port (null for a plain server). Trusted as typed: both sides are bench code. */
  fixture: F;
  /** Sends a message to the child over IPC and resolves with its next message (for a child that answers, like the fixture server). */
  ask<T>(message: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` as a child process of its own, so the server never shares an
 * event loop (or, on two cores, a core) with the load generator, and waits until it listens.
 */
export async function spawnServer<F = null>(script: string, env: Record<string, string> = {}): Promise<ChildServer<F>> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, script)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = await new Promise<ListeningMessage<F>>((resolve, reject) => {
    child.once('message', (m: ListeningMessage<F>) => resolve(m));
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${String(code)} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${message.port}`,
    pid: child.pid!,
    fixture: message.fixture,
    ask<T>(query: string) {
      return new Promise<T>((resolve, reject) => {
        child.once('message', (answer: T) => resolve(answer));
        child.send(query, (err) => err && reject(err));
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/**
 * The child side: reports the port (and what a fixture server prepared) to the bench process, and
 * closes the server on SIGTERM or when the bench process goes away (so an interrupted run leaves no
 * servers behind).
 */
export function announceListening<F = null>(
  app: Pick<FastifyInstance, 'server' | 'close'>,
  fixture: F = null as F,
): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('start this server through bench/run.ts (it reports its port over IPC)');
  const shutdown = () => void app.close().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('disconnect', shutdown);
  send({ port: (app.server.address() as AddressInfo).port, fixture } satisfies ListeningMessage<F>);
}
