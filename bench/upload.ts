import { randomBytes, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Session } from './http-load.js';

const CHUNK_BYTES = 8 << 20;

/**
 * Writes a file of exactly `sizeBytes` that is a PDF by content (it starts with `%PDF-`) followed by
 * random bytes, chunk by chunk, and syncs it so that its write-back cannot overlap the measurements.
 */
export async function writePdfSource(file: string, sizeBytes: number): Promise<void> {
  const fh = await fs.promises.open(file, 'w');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const magic = Buffer.from('%PDF-1.7\n', 'latin1');
    for (let written = 0; written < sizeBytes; ) {
      const n = Math.min(CHUNK_BYTES, sizeBytes - written);
      randomFillSync(chunk, 0, n);
      if (written === 0) magic.copy(chunk, 0, 0, Math.min(magic.length, n));
      await fh.write(chunk, 0, n);
      written += n;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The baseline: the same bytes copied by a read→write stream pipeline onto the same filesystem. Returns seconds. */
export async function copyByStream(source: string, dest: string): Promise<number> {
  const start = performance.now();
  await pipeline(fs.createReadStream(source), fs.createWriteStream(dest));
  return (performance.now() - start) / 1000;
}

export interface UploadOutcome {
  seconds: number;
  status: number;
  body: string;
}

/**
 * POSTs the file as the multipart field `file` over a real socket. The body is streamed (head, the
 * file through fs.createReadStream, tail) with a Content-Length, so the file is never held in memory.
 * Timed from the first byte sent to the whole response received.
 */
export async function uploadEvidence(
  baseUrl: string,
  session: Session,
  applicationId: string,
  file: string,
  sizeBytes: number,
  evidence: { type: string; name: string } = { type: 'assets_report', name: '审计报告.pdf' },
): Promise<UploadOutcome> {
  const boundary = `----shenbao-bench-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${evidence.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const url = new URL(`/api/v1/applications/${applicationId}/evidence?type=${evidence.type}`, baseUrl);

  const start = performance.now();
  const req = http.request(url, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + sizeBytes + tail.length),
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', reject);
    });
    req.once('error', reject);
  });
  const sent = pipeline(async function* () {
    yield head;
    yield* fs.createReadStream(file, { highWaterMark: 1 << 20 });
    yield tail;
  }, req);
  const [, { status, body }] = await Promise.all([sent, response]);
  return { seconds: (performance.now() - start) / 1000, status, body };
}
