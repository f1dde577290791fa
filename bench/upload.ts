import { randomBytes, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Session } from './http-load.js';

const CHUNK_BYTES = 8 << 20;

/** Objects 1–3 of a one-page PDF: the catalog, the page tree and the page. */
const PDF_OBJECTS = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
];
/** The stream's /Length and startxref's offset each take this many characters with the spaces beside them. */
const NUMBER_FIELD = 16;
const END_OF_STREAM = '\nendstream\nendobj\n';

/**
 * What surrounds `streamBytes` random bytes to make a complete PDF of exactly `sizeBytes`: the header and
 * objects 1–3, then object 4, a stream of the random bytes (the bulk, as the image data of a scan is),
 * then the cross-reference table with every offset right, the trailer naming the catalog, startxref
 * and %%EOF. Spaces in the two dictionaries keep the frame's length the same whatever the numbers' widths.
 */
function pdfFrame(sizeBytes: number): { head: Buffer; streamBytes: number; tail: Buffer } {
  let objects = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const [i, body] of PDF_OBJECTS.entries()) {
    offsets.push(objects.length);
    objects += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  offsets.push(objects.length);
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  const streamHead = (length: number) => `4 0 obj\n<< /Length ${String(length).padEnd(NUMBER_FIELD)}>>\nstream\n`;
  const tail = (xrefAt: number) =>
    `${END_OF_STREAM}xref\n0 5\n0000000000 65535 f \n${entries}` +
    `trailer\n<< /Size 5 /Root 1 0 R ${' '.repeat(NUMBER_FIELD - String(xrefAt).length)}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const streamBytes = sizeBytes - objects.length - streamHead(0).length - tail(0).length;
  if (streamBytes < 1) throw new Error(`a PDF of ${sizeBytes} bytes is too small to hold its frame`);
  const xrefAt = objects.length + streamHead(streamBytes).length + streamBytes + END_OF_STREAM.length;
  return {
    head: Buffer.from(objects + streamHead(streamBytes), 'latin1'),
    streamBytes,
    tail: Buffer.from(tail(xrefAt), 'latin1'),
  };
}

/**
 * Writes a complete PDF of exactly `sizeBytes` (see pdfFrame) whose bulk is random bytes, chunk by
 * chunk, and syncs it so that its write-back cannot overlap the measurements.
 */
export async function writePdfSource(file: string, sizeBytes: number): Promise<void> {
  const { head, streamBytes, tail } = pdfFrame(sizeBytes);
  const fh = await fs.promises.open(file, 'w');
  try {
    await fh.write(head);
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let written = 0; written < streamBytes;) {
      const n = Math.min(CHUNK_BYTES, streamBytes - written);
      randomFillSync(chunk, 0, n);
      await fh.write(chunk, 0, n);
      written += n;
    }
    await fh.write(tail);
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
