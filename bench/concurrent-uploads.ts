import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Session } from './http-load.js';
import { fmt, type Row } from './report.js';
import { uploadEvidence, writePdfSource } from './upload.js';

const MIB = 1024 * 1024;
const FILES = 64;
/** Sizes run geometrically from the smallest to the largest file: scans of one page to a bound report. */
const MIN_FILE_BYTES = 256 * 1024;
const MAX_FILE_BYTES = 8 * MIB;
/** How long the digest worker may take to record every file after the last upload answered. */
const SETTLE_TIMEOUT_MS = 120_000;
/** Wrong files listed by name on the console; the rest are counted. */
const LISTED_PROBLEMS = 10;

export interface Draft {
  session: Session;
  applicationId: string;
}

interface Digests {
  sha256: string;
  sm3: string;
  crc32: number;
}

export interface ConcurrentUploadFigures {
  files: number;
  bytes: number;
  applications: number;
  /** From the first request sent to the last answer received. */
  uploadSeconds: number;
  /** From the last answer until the digest worker had recorded every file (or gave up at the timeout). */
  settleSeconds: number;
  /** Files still without digests when the wait ended. */
  pending: number;
  /** Files whose recorded SHA-256, SM3 and CRC-32 all equal node's over the bytes sent. */
  correct: number;
  /** One line per file that is wrong or still undigested, naming what differs. */
  problems: string[];
}

/** FILES sizes from MIN_FILE_BYTES to MAX_FILE_BYTES, geometrically spaced (most not a whole number of MiB). */
function fileSizes(): number[] {
  const ratio = MAX_FILE_BYTES / MIN_FILE_BYTES;
  return Array.from({ length: FILES }, (_, i) => Math.round(MIN_FILE_BYTES * ratio ** (i / (FILES - 1))));
}

const crcHex = (crc: number) => crc.toString(16).padStart(8, '0');

function digestsOf(bytes: Buffer): Digests {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
    crc32: crc32(bytes),
  };
}

interface RecordedRow {
  id: string;
  sha256: string | null;
  sm3: string | null;
  crc32: number | null;
}

/**
 * Polls the server's database (read-only, beside the server's own connection) until every file has its
 * digests recorded or the timeout passes; returns the rows as they then are. The CRC-32 is recorded only
 * there (the zip headers use it), so the database is read rather than the API.
 */
async function recordedDigests(databaseFile: string, ids: readonly string[]): Promise<Map<string, RecordedRow>> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const select = db.prepare<string[], RecordedRow>(
      `SELECT id, sha256, sm3, crc32 FROM evidence_files WHERE id IN (${ids.map(() => '?').join(', ')})`,
    );
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      const rows = new Map(select.all(...ids).map((r) => [r.id, r]));
      const settled = ids.every((id) => rows.get(id)?.crc32 != null);
      if (settled || performance.now() > deadline) return rows;
      await sleep(100);
    }
  } finally {
    db.close();
  }
}

/**
 * FILES evidence files, PDFs by content of varied sizes, uploaded all at once over HTTP (one socket
 * each) and dealt round-robin to the drafts, so several land in each application at the same moment.
 * Once the digest worker has recorded them all, each file's SHA-256, SM3 and CRC-32 in the database is
 * compared with node:crypto's and zlib's over the bytes that were sent.
 */
export async function runConcurrentUploads(
  baseUrl: string,
  dataDir: string,
  scratchDir: string,
  drafts: readonly Draft[],
): Promise<ConcurrentUploadFigures> {
  const dir = path.join(scratchDir, 'concurrent');
  fs.mkdirSync(dir);
  const sources: { file: string; size: number; expected: Digests; draft: Draft }[] = [];
  for (const [i, size] of fileSizes().entries()) {
    const file = path.join(dir, `${i + 1}.pdf`);
    await writePdfSource(file, size);
    sources.push({ file, size, expected: digestsOf(fs.readFileSync(file)), draft: drafts[i % drafts.length]! });
  }

  const start = performance.now();
  const outcomes = await Promise.all(
    sources.map((s, i) =>
      uploadEvidence(baseUrl, s.draft.session, s.draft.applicationId, s.file, s.size, {
        type: 'other',
        name: `并发上传${i + 1}.pdf`,
      }),
    ),
  );
  const answered = performance.now();
  const ids = outcomes.map((o, i) => {
    if (o.status !== 201) throw new Error(`concurrent upload ${i + 1} answered ${o.status}: ${o.body.slice(0, 300)}`);
    const stored = JSON.parse(o.body) as { id: string; sizeBytes: number };
    if (stored.sizeBytes !== sources[i]!.size)
      throw new Error(`concurrent upload ${i + 1} stored ${stored.sizeBytes} bytes, sent ${sources[i]!.size}`);
    return stored.id;
  });
  fs.rmSync(dir, { recursive: true });

  const recorded = await recordedDigests(path.join(dataDir, 'shenbao.sqlite'), ids);
  const settleSeconds = (performance.now() - answered) / 1000;
  const problems: string[] = [];
  let pending = 0;
  for (const [i, id] of ids.entries()) {
    const row = recorded.get(id);
    const { expected, size } = sources[i]!;
    const label = `file ${i + 1} (${fmt(size)} bytes)`;
    if (row?.sha256 == null || row.sm3 == null || row.crc32 == null) {
      pending += 1;
      problems.push(`${label}: digests not recorded ${SETTLE_TIMEOUT_MS / 1000} s after the uploads`);
      continue;
    }
    const wrong = [
      row.sha256 !== expected.sha256 && 'SHA-256',
      row.sm3 !== expected.sm3 && 'SM3',
      Number(row.crc32) !== expected.crc32 &&
        `CRC-32 (${crcHex(Number(row.crc32))}, should be ${crcHex(expected.crc32)})`,
    ].filter((w): w is string => w !== false);
    if (wrong.length) problems.push(`${label}: wrong ${wrong.join(', ')}`);
  }
  return {
    files: FILES,
    bytes: sources.reduce((n, s) => n + s.size, 0),
    applications: new Set(sources.map((s) => s.draft.applicationId)).size,
    uploadSeconds: (answered - start) / 1000,
    settleSeconds,
    pending,
    correct: FILES - problems.length,
    problems,
  };
}

export function describeConcurrentUploads(f: ConcurrentUploadFigures): void {
  console.log(
    `  ${f.files} files (${fmt(MIN_FILE_BYTES / 1024)} KiB – ${fmt(MAX_FILE_BYTES / MIB)} MiB, ${fmt(f.bytes / MIB, 1)} MiB) sent at once to ${f.applications} applications: ` +
      `all 201 with the size sent in ${fmt(f.uploadSeconds, 2)} s; ` +
      (f.pending
        ? `${f.pending} still without digests ${fmt(f.settleSeconds, 2)} s after the last answer`
        : `digests recorded ${fmt(f.settleSeconds, 2)} s after the last answer`),
  );
  console.log(
    `  recorded SHA-256, SM3 and CRC-32 equal to node:crypto's and zlib's over the bytes sent: ${f.correct} of ${f.files}`,
  );
  for (const p of f.problems.slice(0, LISTED_PROBLEMS)) console.log(`    ${p}`);
  if (f.problems.length > LISTED_PROBLEMS) console.log(`    … and ${f.problems.length - LISTED_PROBLEMS} more`);
}

export function concurrentUploadRow(f: ConcurrentUploadFigures): Row {
  return {
    benchmark: `${f.files} files uploaded concurrently, recorded digests correct`,
    value: `${f.correct}/${f.files}`,
    baseline: 'node:crypto, zlib',
    ratio: null,
    goal: `${f.files}/${f.files}`,
    met: f.correct === f.files,
  };
}
