import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './net.js';

export interface Nginx {
  port: number;
  url: string;
  /** The upstream address of every request answered so far, in order (from the access log). */
  upstreamsServed(): string[];
  stop(): Promise<void>;
}

export interface NginxOptions {
  /** The app servers, `http://host:port`; several are balanced round robin. */
  upstreams: string[];
  /** The local address nginx connects to the upstreams from. */
  bindAddress?: string;
  /** X-Forwarded-Proto sent upstream: https when nginx terminates TLS (simulated here). */
  forwardedProto?: string;
}

function findNginx(): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  const found = dirs.map((d) => path.join(d, 'nginx')).find((p) => fs.existsSync(p));
  if (!found)
    throw new Error(
      '找不到 nginx：代理测试在真实的 nginx 后运行应用，请先安装（apt-get install nginx；.ci/run 会自动安装）',
    );
  return found;
}

/** Whether Debian's nginx is installed here. */
export function nginxAvailable(): boolean {
  try {
    findNginx();
    return true;
  } catch {
    return false;
  }
}

/**
 * Debian's nginx in the foreground, its config, pid, logs and temp files in a folder of its own, proxying to the
 * upstreams as the README's "Deploying" example does: request bodies streamed to the app (no buffering to disk), a
 * request that failed on one server not retried on another unless it is idempotent (nginx's default).
 */
export async function startNginx(options: NginxOptions): Promise<Nginx> {
  const binary = findNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-nginx-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const servers = options.upstreams.map((u) => `    server ${new URL(u).host} max_fails=1 fail_timeout=5s;`).join('\n');
  const conf = `
daemon off;
worker_processes 1;
${asRoot ? 'user root;' : ''}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_rlimit_nofile 20000;
events { worker_connections 9900; }
http {
  log_format upstream '$upstream_addr $status';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 60m;
  upstream shenbao {
${servers}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://shenbao;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_request_buffering off;
      ${options.bindAddress ? `proxy_bind ${options.bindAddress};` : ''}
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto ${options.forwardedProto ?? '$scheme'};
    }
  }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const proc: ChildProcess = spawn(
    binary,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const read = (name: string) =>
    fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : '';
  try {
    await waitForPort(port, 'nginx', { failed: () => (proc.exitCode === null ? null : stderr + read('error.log')) });
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    upstreamsServed: () =>
      read('access.log')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ')[0]!),
    async stop() {
      proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
