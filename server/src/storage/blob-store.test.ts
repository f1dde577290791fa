import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Available, sharedS3 } from '../../test-support/s3.js';
import { FileBlobStore, type BlobStore } from './blob-store.js';
import { S3BlobStore, type S3Settings } from './s3-blob-store.js';

const MiB = 1024 * 1024;

/** A stream of `size` pseudo-random bytes made in 1 MiB chunks (never held whole), and their SHA-256. */
function randomSource(size: number, seed: number): { stream: () => Readable; sha256: string } {
  const chunk = (i: number) => createHash('sha512').update(`${seed}:${i}`).digest().toString('hex').repeat(8192);
  function* chunks() {
    for (let done = 0, i = 0; done < size; i++) {
      const part = Buffer.from(chunk(i)).subarray(0, Math.min(MiB, size - done));
      done += part.length;
      yield part;
    }
  }
  const hash = createHash('sha256');
  for (const part of chunks()) hash.update(part);
  return { stream: () => Readable.from(chunks()), sha256: hash.digest('hex') };
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of stream) hash.update(part as Buffer);
  return hash.digest('hex');
}

/** The number of parts an object was uploaded in, from its ETag (`"<md5 of the parts' md5s>-<parts>"`). */
async function uploadedParts(settings: S3Settings, key: string): Promise<number> {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
  const head = await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key }));
  return Number(/-(\d+)"?$/.exec(head.ETag ?? '')?.[1] ?? 1);
}

interface Adapter {
  name: string;
  skip: boolean;
  make: (filesDir: string) => Promise<BlobStore>;
  /** Into how many parts the store split an upload (1: not a multipart store). */
  parts: (key: string) => Promise<number>;
}

let s3Settings: S3Settings;
const adapters: Adapter[] = [
  { name: 'local files', skip: false, make: async (filesDir) => new FileBlobStore(filesDir), parts: async () => 1 },
  {
    name: 'S3 (Swift s3api)',
    skip: !s3Available,
    make: async (filesDir) => {
      const server = await sharedS3();
      s3Settings = server.settings(await server.createBucket());
      return new S3BlobStore(s3Settings, filesDir);
    },
    parts: (key) => uploadedParts(s3Settings, key),
  },
];

describe.each(adapters)('BlobStore on $name', ({ name, skip, make, parts }) => {
  let dir: string;
  let store: BlobStore;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-blobs-'));
    if (skip) return;
    store = await make(path.join(dir, 'files'));
    await store.ready();
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.skipIf(skip)('stages locally with the first bytes and size, commits, reads back, lists, removes', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100_000)]);
    const staged = await store.stage(Readable.from([bytes]));
    expect(staged.sizeBytes).toBe(bytes.length);
    expect(staged.head.toString('latin1', 0, 8)).toBe('%PDF-1.7');
    expect(fs.readFileSync(staged.tempPath).equals(bytes)).toBe(true);
    expect(await store.stagingCount()).toBe(1);

    const key = await store.commit(staged);
    expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(fs.existsSync(staged.tempPath)).toBe(false);
    expect(await store.stagingCount()).toBe(0);
    expect(await store.sizeOf(key)).toBe(bytes.length);
    expect(await sha256Of(store.open(key))).toBe(createHash('sha256').update(bytes).digest('hex'));

    const listed = [];
    for await (const blob of store.listStored()) listed.push(blob);
    const entry = listed.find((b) => b.key === key);
    expect(entry).toBeDefined();
    expect(Math.abs(entry!.modifiedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);

    const seen = await store.withLocalCopy(key, async (localPath) => {
      expect(fs.readFileSync(localPath).equals(bytes)).toBe(true);
      return localPath;
    });
    expect(fs.existsSync(seen)).toBe(store instanceof FileBlobStore);
    expect(await store.stagingCount()).toBe(0);

    await store.remove(key);
    expect(await store.sizeOf(key)).toBeNull();
    const after = [];
    for await (const blob of store.listStored()) after.push(blob.key);
    expect(after).not.toContain(key);
  });

  it.skipIf(skip)('a missing key: null size, a failing stream, a failing local copy that leaves nothing', async () => {
    const missing = '0a/0a000000-0000-4000-8000-000000000000';
    expect(await store.sizeOf(missing)).toBeNull();
    await expect(sha256Of(store.open(missing))).rejects.toThrow();
    await expect(store.withLocalCopy(missing, async (p) => fs.readFileSync(p))).rejects.toThrow();
    expect(await store.stagingCount()).toBe(0);
    expect(() => store.open('../../etc/passwd')).toThrow(/bad storage key/);
  });

  it.skipIf(skip)('an empty file is stored and reads back empty', async () => {
    const key = await store.commit(await store.stage(Readable.from([])));
    expect(await store.sizeOf(key)).toBe(0);
    expect(await sha256Of(store.open(key))).toBe(createHash('sha256').digest('hex'));
    await store.remove(key);
  });

  it.skipIf(skip)('a discarded upload and a failed upload leave no staging file', async () => {
    const staged = await store.stage(Readable.from([Buffer.from('x')]));
    await store.discard(staged.tempPath);
    const failing = new Readable({
      read() {
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.stage(failing)).rejects.toThrow('client went away');
    expect(await store.stagingCount()).toBe(0);
    // Twenty clients gone at once, each before its file was even open: none leaves a file behind.
    const gone = () =>
      new Readable({
        read() {
          this.destroy(new Error('client went away'));
        },
      });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => store.stage(gone())));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(await store.stagingCount()).toBe(0);
  });

  it.skipIf(skip)(
    'a 20 MiB file (multipart on S3) and 8 parallel uploads read back byte-identical',
    async () => {
      const big = randomSource(20 * MiB, 1);
      const key = await store.commit(await store.stage(big.stream()));
      expect(await store.sizeOf(key)).toBe(20 * MiB);
      expect(await parts(key)).toBe(name.startsWith('S3') ? 3 : 1);
      expect(await sha256Of(store.open(key))).toBe(big.sha256);

      const sources = Array.from({ length: 8 }, (_, i) => randomSource((i + 1) * 700_000, 100 + i));
      const keys = await Promise.all(sources.map(async (s) => store.commit(await store.stage(s.stream()))));
      expect(new Set(keys).size).toBe(8);
      const digests = await Promise.all(keys.map((k) => sha256Of(store.open(k))));
      expect(digests).toEqual(sources.map((s) => s.sha256));
      await Promise.all([key, ...keys].map((k) => store.remove(k)));
    },
    120_000,
  );

  it.skipIf(skip)(
    'reading a 110 MiB object keeps heap and external memory growth small',
    async () => {
      const size = 110 * MiB;
      const source = randomSource(size, 7);
      const key = await store.commit(await store.stage(source.stream()));
      global.gc?.();
      const before = process.memoryUsage();
      let peak = 0;
      const hash = createHash('sha256');
      let read = 0;
      for await (const part of store.open(key)) {
        hash.update(part as Buffer);
        read += (part as Buffer).length;
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.external - before.heapUsed - before.external);
      }
      expect(read).toBe(size);
      expect(hash.digest('hex')).toBe(source.sha256);
      expect(peak).toBeLessThan(48 * MiB);
      await store.remove(key);
    },
    180_000,
  );
});
