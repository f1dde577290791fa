import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../src/storage/s3-blob-store.js';
import { cleanUpWhenThisProcessEnds, freePort, shellQuote } from './net.js';

/**
 * A throw-away S3-compatible server for tests: OpenStack Swift from Debian (swift-proxy with its s3api
 * middleware, and one account, container and object server) on free local ports, with rings of one device
 * and all its data in a temporary folder (which must allow user xattrs: Swift keeps object metadata in
 * them). Tests skip without the packages (`s3Available`). A watchdog stops the servers and removes the
 * folder when the test process ends, however it ends.
 */
export interface S3Server {
  /** The settings for a bucket on this server. */
  settings(bucket: string): S3Settings;
  /** The environment a server process needs to keep its files in `bucket` on this server (STORAGE=s3, …). */
  env(bucket: string): Record<string, string>;
  /** A new empty bucket's name. */
  createBucket(): Promise<string>;
  stop(): void;
}

const BIN = '/usr/bin';
const PYTHON = '/usr/bin/python3';
const SERVERS = ['account', 'container', 'object'] as const;

/** Whether Swift's servers and ring builder are installed here. */
export const s3Available = [
  'swift-ring-builder',
  'swift-proxy-server',
  ...SERVERS.map((s) => `swift-${s}-server`),
].every((program) => fs.existsSync(path.join(BIN, program)));

const ACCESS_KEY_ID = 'test:tester';
const SECRET_ACCESS_KEY = 'testing';

function serverConf(root: string, port: number, app: string, extra = ''): string {
  return `[DEFAULT]
bind_ip = 127.0.0.1
bind_port = ${port}
workers = 0
swift_dir = ${path.join(root, 'etc')}
devices = ${path.join(root, 'srv')}
mount_check = false
log_level = WARNING

[pipeline:main]
pipeline = ${app}

${extra}`;
}

/** tempauth wants a memcache client: given a port nobody listens on, it answers misses at once. */
const PROXY_FILTERS = `[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:MEMCACHE_PORT

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:s3api]
use = egg:swift#s3api
location = us-east-1

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = ${SECRET_ACCESS_KEY} .admin

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo
`;

function writeConfigs(root: string, ports: Record<(typeof SERVERS)[number] | 'proxy' | 'memcache', number>): void {
  const etc = path.join(root, 'etc');
  fs.mkdirSync(etc, { recursive: true });
  fs.mkdirSync(path.join(root, 'srv', 'd1'), { recursive: true });
  const suffix = randomBytes(8).toString('hex');
  fs.writeFileSync(
    path.join(etc, 'swift.conf'),
    `[swift-hash]\nswift_hash_path_suffix = ${suffix}\nswift_hash_path_prefix = ${suffix}\n\n[storage-policy:0]\nname = Policy-0\ndefault = yes\n`,
  );
  // The rings, one device each, built in one Python process (swift-ring-builder takes seconds a call).
  const rings = SERVERS.map((server) => `('${server}', ${ports[server]})`).join(', ');
  execFileSync(
    PYTHON,
    [
      '-c',
      `import sys
from swift.common.ring import RingBuilder
for name, port in [${rings}]:
    builder = RingBuilder(2, 1, 1)
    builder.add_dev({'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': port, 'device': 'd1', 'weight': 100})
    builder.rebalance()
    builder.get_ring().save(sys.argv[1] + '/' + name + '.ring.gz')`,
      etc,
    ],
    { stdio: 'pipe' },
  );
  for (const server of SERVERS) {
    fs.writeFileSync(
      path.join(etc, `${server}-server.conf`),
      serverConf(root, ports[server], `${server}-server`, `[app:${server}-server]\nuse = egg:swift#${server}\n`),
    );
  }
  const proxy = serverConf(root, ports.proxy, 'proxy-server').replace(
    /\[pipeline:main\][\s\S]*$/,
    PROXY_FILTERS.replace('MEMCACHE_PORT', String(ports.memcache)),
  );
  fs.writeFileSync(path.join(etc, 'proxy-server.conf'), proxy);
}

/** A detached shell that waits for this process to end, then stops the servers and removes the folder. */
function watch(root: string, children: ChildProcess[]): void {
  const pids = children.map((c) => c.pid).join(' ');
  cleanUpWhenThisProcessEnds(`kill -9 ${pids} 2>/dev/null; rm -rf ${shellQuote(root)}`);
}

export async function startS3(): Promise<S3Server> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-s3-'));
  const ports = {
    account: await freePort(),
    container: await freePort(),
    object: await freePort(),
    proxy: await freePort(),
    memcache: await freePort(),
  };
  writeConfigs(root, ports);
  const log = fs.openSync(path.join(root, 'log'), 'a');
  const children = (['account', 'container', 'object', 'proxy'] as const).map((server) =>
    spawn(path.join(BIN, `swift-${server}-server`), [path.join(root, 'etc', `${server}-server.conf`)], {
      stdio: ['ignore', log, log],
    }),
  );
  fs.closeSync(log);
  watch(root, children);
  let running = true;
  const stop = () => {
    if (!running) return;
    running = false;
    for (const child of children) child.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${ports.proxy}`;
  const settings = (bucket: string): S3Settings => ({
    endpoint,
    region: 'us-east-1',
    bucket,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    forcePathStyle: true,
  });
  const env = (bucket: string): Record<string, string> => ({
    STORAGE: 's3',
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: 'true',
  });
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const createBucket = async () => {
    const bucket = `test-${randomBytes(6).toString('hex')}`;
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    return bucket;
  };
  // The servers take a second or two to listen; the first bucket proves the whole chain answers.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await createBucket();
      break;
    } catch (err) {
      const exited = children.find((c) => c.exitCode !== null);
      if (exited || Date.now() > deadline) {
        const output = fs.readFileSync(path.join(root, 'log'), 'utf8');
        stop();
        throw new Error(`Swift did not start: ${String(err)}\n${output}`, { cause: err });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { settings, env, createBucket, stop };
}

let shared: Promise<S3Server> | null = null;

/** One server for the whole test process, started on first use and stopped when the process exits. */
export function sharedS3(): Promise<S3Server> {
  shared ??= startS3();
  return shared;
}
