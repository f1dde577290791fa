import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { bufferEntry, streamZip, type ZipEntry } from './zip-writer.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-zip-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const modifiedAt = new Date('2022-12-05T09:30:00+08:00');

/** A file sink that leaves holes for all-zero chunks, so a 4 GB archive of zeros costs no disk writes. */
function sparseFileSink(file: string): Writable {
  const fd = fs.openSync(file, 'w');
  const zeros = Buffer.alloc(1 << 20);
  let position = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (chunk.length > zeros.length || !chunk.equals(zeros.subarray(0, chunk.length)))
        fs.writeSync(fd, chunk, 0, chunk.length, position);
      position += chunk.length;
      done();
    },
    final(done) {
      fs.ftruncateSync(fd, position);
      fs.closeSync(fd);
      done();
    },
  });
}

/** Writes the archive to a file and checks that the announced size is the written size. */
async function writeZip(file: string, entries: ZipEntry[], forceZip64 = false): Promise<void> {
  const { size, stream } = streamZip(entries, { modifiedAt, forceZip64 });
  await pipeline(stream, sparseFileSink(file));
  expect(fs.statSync(file).size).toBe(size);
}

function storedFileEntry(name: string, file: string): ZipEntry {
  const bytes = fs.readFileSync(file);
  return { name, size: bytes.length, crc32: crc32(bytes), data: () => fs.createReadStream(file) };
}

function readZip(file: string): Promise<{ name: string; flags: number; method: number; bytes: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: { name: string; flags: number; method: number; bytes: Buffer }[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.push({
              name: e.fileName,
              flags: e.generalPurposeBitFlag,
              method: e.compressionMethod,
              bytes: Buffer.concat(chunks),
            });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('the package zip writer', () => {
  const scan = path.join(dir, 'scan.pdf');
  fs.writeFileSync(scan, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300_000)]));
  const entries = (): ZipEntry[] => [
    bufferEntry('推荐文件.pdf', Buffer.from('%PDF-1.7 letter')),
    storedFileEntry('01-洛阳慧智服务平台/申报材料/01-营业执照-扫描件（盖章）.pdf', scan),
    bufferEntry('manifest.json', Buffer.from('{}')),
  ];

  for (const forceZip64 of [false, true]) {
    it(`writes an archive unzip and yauzl read back byte for byte, stored, UTF-8 names${forceZip64 ? ', in ZIP64 form' : ''}`, async () => {
      const file = path.join(dir, `plain-${forceZip64}.zip`);
      await writeZip(file, entries(), forceZip64);
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
      const listing = execFileSync('unzip', ['-Z', '-v', file], { encoding: 'utf8' });
      expect(listing).toContain('01-洛阳慧智服务平台/申报材料/01-营业执照-扫描件（盖章）.pdf');
      expect(listing).toMatch(/file last modified on \(DOS date\/time\):\s+2022 Dec 5 09:30:00/);
      if (forceZip64) expect(listing).toMatch(/PKWARE 64-bit sizes/);
      const read = await readZip(file);
      expect(read.map((e) => e.name)).toEqual(entries().map((e) => e.name));
      expect(read.every((e) => (e.flags & 0x800) !== 0 && e.method === 0)).toBe(true);
      expect(read[1]!.bytes.equals(fs.readFileSync(scan))).toBe(true);
    });
  }

  it('fails the stream when a stored file no longer has its recorded size', async () => {
    const entry = storedFileEntry('a.pdf', scan);
    const { stream } = streamZip([{ ...entry, size: entry.size + 1 }], { modifiedAt });
    await expect(pipeline(stream, fs.createWriteStream(path.join(dir, 'short.zip')))).rejects.toThrow(
      /has 300009 bytes, recorded 300010/,
    );
  });

  it('closes the stored file when the download is abandoned midway (no descriptor left open)', async () => {
    const opened: fs.ReadStream[] = [];
    const entry = {
      ...storedFileEntry('a.pdf', scan),
      data: () => {
        const s = fs.createReadStream(scan, { highWaterMark: 16 * 1024 });
        opened.push(s);
        return s;
      },
    };
    const { stream } = streamZip([bufferEntry('first.txt', Buffer.from('x')), entry], { modifiedAt });
    let received = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > 40_000) break; // leaving the loop destroys the stream, as a dropped connection does
    }
    expect(opened).toHaveLength(1);
    await expect.poll(() => opened[0]!.closed).toBe(true);
    expect(received).toBeLessThan(300_000);
  });

  it('refuses two entries with the same name', () => {
    expect(() =>
      streamZip([bufferEntry('a', Buffer.from('1')), bufferEntry('a', Buffer.from('2'))], { modifiedAt }),
    ).toThrow(/duplicate/);
  });

  it(
    'goes ZIP64 beyond 4 GB: a 4.1 GB file after a small one, every CRC checked by Python’s zipfile',
    { timeout: 180_000 },
    async () => {
      const big = path.join(dir, 'big.pdf');
      const bigSize = 4 * 1024 ** 3 + 100 * 1024 ** 2;
      // A sparse file: zeros on disk cost nothing; its CRC-32 is that of the zeros.
      fs.closeSync(fs.openSync(big, 'w'));
      fs.truncateSync(big, bigSize);
      let crc = 0;
      const zeros = Buffer.alloc(64 * 1024 * 1024);
      for (let left = bigSize; left > 0; left -= zeros.length)
        crc = crc32(zeros.subarray(0, Math.min(zeros.length, left)), crc);
      const file = path.join(dir, 'big.zip');
      try {
        await writeZip(file, [
          bufferEntry('说明.txt', Buffer.from('大文件之前')),
          {
            name: '大文件.pdf',
            size: bigSize,
            crc32: crc,
            data: () => fs.createReadStream(big, { highWaterMark: 1 << 20 }),
          },
          bufferEntry('之后.txt', Buffer.from('偏移超过 4 GB')),
        ]);
        const listing = execFileSync('unzip', ['-Z', '-v', file], { encoding: 'utf8' });
        expect(listing).toMatch(/PKWARE 64-bit sizes/);
        // Python's zipfile reads every member and checks its CRC (unzip -t does the same four times slower).
        const check =
          'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), [i.file_size for i in z.infolist()])';
        expect(execFileSync('python3', ['-c', check, file], { encoding: 'utf8' }).trim()).toBe(
          `None [15, ${bigSize}, 17]`,
        );
        expect(execFileSync('unzip', ['-p', file, '之后.txt'], { encoding: 'utf8' })).toBe('偏移超过 4 GB');
      } finally {
        fs.rmSync(file, { force: true });
        fs.rmSync(big, { force: true });
      }
    },
  );
});
