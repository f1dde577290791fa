import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FileDigester } from './file-digester.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-digester-'));
const digester = new FileDigester();
afterAll(async () => {
  await digester.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let written = 0;
function writeFile(content: Buffer): string {
  const file = path.join(dir, `f${written++}`);
  fs.writeFileSync(file, content);
  return file;
}

const expected = (content: Buffer) => ({
  sha256: createHash('sha256').update(content).digest('hex'),
  sm3: createHash('sm3').update(content).digest('hex'),
  crc32: crc32(content),
});

describe('FileDigester under concurrency', () => {
  it('gives every file its own digests when many are submitted at once (sizes 0 B … 8 MiB, a few larger)', async () => {
    // The worker once shared one read buffer across interleaved jobs: 19 of 20 concurrent digests were wrong.
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { weight: 6, arbitrary: fc.integer({ min: 0, max: 8 << 20 }) },
            { weight: 1, arbitrary: fc.integer({ min: 8 << 20, max: 24 << 20 }) },
          ),
          {
            minLength: 2,
            maxLength: 24,
          },
        ),
        async (sizes) => {
          const contents = sizes.map((n) => randomBytes(n));
          const files = contents.map(writeFile);
          const results = await Promise.all(files.map((f) => digester.digest(f)));
          results.forEach((r, i) => expect(r).toEqual(expected(contents[i]!)));
          for (const f of files) fs.rmSync(f);
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);

  it('reports a missing file as that job’s error without disturbing the others', async () => {
    const good = randomBytes(3 << 20);
    const results = await Promise.allSettled([
      digester.digest(writeFile(good)),
      digester.digest(path.join(dir, 'missing')),
      digester.digest(writeFile(good)),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: expected(good) });
    expect(results[1]?.status).toBe('rejected');
    expect(results[2]).toEqual({ status: 'fulfilled', value: expected(good) });
  });
});

/** Streams `content` in chunks of the given sizes (cycled), yielding to the event loop between chunks. */
async function* chunked(content: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  for (let at = 0, i = 0; at < content.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    yield content.subarray(at, at + n);
    at += n;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs `content` through a hashing transform into a sink that keeps what passed. */
async function streamThrough(d: FileDigester, content: Buffer, sizes: readonly number[]) {
  const hashing = d.hashing();
  const passed: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      passed.push(chunk);
      done();
    },
  });
  await pipeline(Readable.from(chunked(content, sizes)), hashing.transform, sink);
  return { digests: await hashing.result(), passed: Buffer.concat(passed) };
}

describe('FileDigester on uploads as they stream in', () => {
  it('gives each of 8 uploads streaming at once its own digests, and passes every byte on unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 << 20 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 300_000 }), { minLength: 1, maxLength: 6 }),
        async (sizes, chunkSizes) => {
          const contents = sizes.map((n) => randomBytes(n));
          const results = await Promise.all(
            contents.map((c, i) =>
              streamThrough(digester, c, [...chunkSizes.slice(i % chunkSizes.length), ...chunkSizes]),
            ),
          );
          results.forEach((r, i) => {
            expect(r.digests).toEqual(expected(contents[i]!));
            expect(r.passed.equals(contents[i]!)).toBe(true);
          });
        },
      ),
      { numRuns: 4 },
    );
  }, 180_000);

  it('holds an upload back while the workers catch up, and digests files read meanwhile', async () => {
    const big = randomBytes(48 << 20);
    const file = randomBytes(5 << 20);
    const [streamed, stored] = await Promise.all([
      streamThrough(digester, big, [1 << 20]),
      digester.digest(writeFile(file)),
    ]);
    expect(streamed.digests).toEqual(expected(big));
    expect(stored).toEqual(expected(file));
  });

  it('fails the upload when a worker dies, and the next one gets fresh workers', async () => {
    const d = new FileDigester();
    try {
      const hashing = d.hashing();
      const source = Readable.from(chunked(randomBytes(64 << 20), [1 << 20]));
      const flowing = pipeline(source, hashing.transform, new Writable({ write: (_c, _e, done) => done() }));
      const outcome = flowing.then(() => hashing.result());
      outcome.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await d.close();
      await expect(outcome).rejects.toThrow(/digest worker exited/);
      const again = randomBytes(100_000);
      expect((await streamThrough(d, again, [7_000])).digests).toEqual(expected(again));
    } finally {
      await d.close();
    }
  });
});
