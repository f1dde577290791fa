import { spawn } from 'node:child_process';
import net from 'node:net';

/** A TCP port free on the loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on the loopback port. */
export function accepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, host);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Waits until the port accepts connections; `failed` ends the wait early with its message (a process that exited). */
export async function waitForPort(
  port: number,
  what: string,
  { timeoutMs = 10_000, failed }: { timeoutMs?: number; failed?: () => string | null } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failed?.();
    if (reason !== null && reason !== undefined) throw new Error(`${what} 未能启动：${reason}`);
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`${what} ${timeoutMs / 1000} 秒内未开始监听`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A word quoted for sh. */
export const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * A detached shell that waits for this process to end, however it ends (the test runner ends its workers without an
 * exit event), then runs `cleanup` (stops the servers a test started, removes their folder).
 */
export function cleanUpWhenThisProcessEnds(cleanup: string): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${cleanup}`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}
