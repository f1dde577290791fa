import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
