import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { ChildServer } from './child-server.js';
import { streamZip } from '../server/src/archive/zip-writer.js';
import { PACKAGE_RECOMMEND, type PackageFixture } from './fixture-protocol.js';
import { waitForDigests, type Session } from './http-load.js';
import { RssSampler, type RssFigures } from './proc.js';
import { fmt, type Row } from './report.js';
import { uploadEvidence, writePdfSource } from './upload.js';

const MIB = 1024 * 1024;
const run = promisify(execFile);
/** Evidence files of at most this size make up the package's bulk (a scanned report is rarely larger). */
const MAX_FILE_MB = 512;
const GOAL_THROUGHPUT_RATIO = 0.7;
const GOAL_RSS_GROWTH_MB = 64;

export interface Transfer {
  bytes: number;
  seconds: number;
  mbPerS: number;
}

export interface PackageFigures {
  evidenceFiles: number;
  evidenceBytes: number;
  uploadSeconds: number;
  /** The same stored files read one after another: the baseline. */
  raw: Transfer;
  /** The package downloaded over HTTP as the province downloads it. */
  download: Transfer;
  /** The zip writer streaming the same stored files to a sink in this process: the archive layer alone. */
  writer: Transfer;
  rss: RssFigures;
  bare: Transfer;
}

const transfer = (bytes: number, seconds: number): Transfer => ({ bytes, seconds, mbPerS: bytes / MIB / seconds });

/** Every file under the server's files directory (not its staging area): the stored evidence the package holds. */
export function storedFiles(filesDir: string): string[] {
  return (fs.readdirSync(filesDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && !d.parentPath.includes(`${path.sep}.staging`))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

const discard = () =>
  new Writable({
    highWaterMark: 1 << 20,
    write(_chunk, _encoding, done) {
      done();
    },
  });

/** The baseline: the same files read one after another into one reused 1 MiB buffer, no streams. */
async function rawRead(files: readonly string[]): Promise<Transfer> {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const start = performance.now();
  let bytes = 0;
  for (const f of files) {
    const fh = await fs.promises.open(f, 'r');
    try {
      for (let n = -1; n !== 0; bytes += n) n = (await fh.read(buffer, 0, buffer.length, null)).bytesRead;
    } finally {
      await fh.close();
    }
  }
  return transfer(bytes, (performance.now() - start) / 1000);
}

/**
 * GETs a download with curl (a C client, as a browser's download is: a Node client in this process
 * costs a core of its own), body to /dev/null; checks the status and that the body has the announced
 * Content-Length.
 */
async function download(url: string, session: Session | null, scratchDir: string): Promise<Transfer> {
  const headers = path.join(scratchDir, 'headers.txt');
  const args = [
    '-s',
    '-o',
    '/dev/null',
    '-D',
    headers,
    '-w',
    '%{http_code} %{size_download} %{time_total}',
    ...(session ? ['-H', `cookie: ${session.cookie}`] : []),
    url,
  ];
  const { stdout } = await run('curl', args);
  const [status, bytes, seconds] = stdout.trim().split(' ').map(Number) as [number, number, number];
  const length = /^content-length:\s*(\d+)/im.exec(fs.readFileSync(headers, 'utf8'))?.[1];
  if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
  if (Number(length) !== bytes) throw new Error(`GET ${url}: Content-Length ${length}, received ${bytes}`);
  return transfer(bytes, seconds);
}

/**
 * (f) Builds a city's package of `totalMb` of evidence: the fixture's drafts get evidence files of up
 * to 512 MiB uploaded over HTTP (the real path, digests by the worker), then are submitted, reviewed and
 * recommended. The package is then downloaded as the province would, with the server's RSS watched,
 * against a raw read of the same stored files; the zip writer alone streams them to a sink beside it.
 * All three read from the page cache: on this VM the disk is a file on the host, whose cache keeps
 * serving "cold" reads after the guest's cache is dropped, so a cold figure depends on read order.
 */
export async function runPackageBench(
  server: ChildServer<PackageFixture>,
  scratchDir: string,
  totalMb: number,
): Promise<Omit<PackageFigures, 'bare'>> {
  const { drafts, city, filesDir, authorityCode } = server.fixture;
  const fileCount = Math.max(1, Math.ceil(totalMb / MAX_FILE_MB));
  const fileBytes = Math.round((totalMb * MIB) / fileCount);
  const source = path.join(scratchDir, 'evidence.pdf');
  await writePdfSource(source, fileBytes);

  const uploadStart = performance.now();
  for (let i = 0; i < fileCount; i++) {
    const draft = drafts[i % drafts.length]!;
    const out = await uploadEvidence(server.url, draft.session, draft.applicationId, source, fileBytes, {
      type: 'other',
      name: `扫描件${i + 1}.pdf`,
    });
    if (out.status !== 201) throw new Error(`upload answered ${out.status}: ${out.body.slice(0, 300)}`);
    await waitForDigests(server.url, draft.session, draft.applicationId, (JSON.parse(out.body) as { id: string }).id);
  }
  const uploadSeconds = (performance.now() - uploadStart) / 1000;
  fs.rmSync(source);
  const recommended = await server.ask<number>(PACKAGE_RECOMMEND);
  console.log(
    `  fixture: ${fileCount} files of ${fmt(fileBytes / MIB)} MiB uploaded over HTTP to ${drafts.length} drafts and digested in ${fmt(uploadSeconds, 1)} s; ${recommended} platforms recommended`,
  );

  const files = storedFiles(filesDir);
  const url = `${server.url}/api/v1/packages/${authorityCode}/archive.zip`;
  // Unmeasured first rounds: the documents' code and fonts load once per process, and every file is
  // read once so that all three measurements meet the same page cache.
  await download(url, city, scratchDir);
  await rawRead(files);
  // Interleaved rounds: the VM reclaims idle page cache in the background (kdamond), so what is cached
  // drifts over seconds; each round reads the same files three ways back to back.
  const sampler = new RssSampler(server.pid);
  await new Promise((r) => setTimeout(r, 500));
  await sampler.openWindow();
  type Round = Record<'raw' | 'writer' | 'download', Transfer>;
  const ways: [keyof Round, () => Promise<Transfer>][] = [
    ['raw', () => rawRead(files)],
    ['writer', () => zipToSink(files)],
    ['download', () => download(url, city, scratchDir)],
  ];
  const rounds: Round[] = [];
  for (let i = 0; i < 3; i++) {
    // The order rotates, so no way always reads right after another has warmed the cache for it.
    const round = {} as Round;
    for (let k = 0; k < ways.length; k++) {
      const [name, measure] = ways[(i + k) % ways.length]!;
      round[name] = await measure();
    }
    rounds.push(round);
  }
  const rss = await sampler.finish();
  const median = (pick: (r: Round) => Transfer) => rounds.map(pick).sort((a, b) => a.mbPerS - b.mbPerS)[1]!;
  const raw = median((r) => r.raw);
  const writer = median((r) => r.writer);
  const downloaded = median((r) => r.download);
  return {
    evidenceFiles: fileCount,
    evidenceBytes: fileCount * fileBytes,
    uploadSeconds,
    raw,
    download: downloaded,
    writer,
    rss,
  };
}

/** The zip writer over the same files, to a sink in this process (CRC-32 fields are not checked by a sink, so 0 is written). */
async function zipToSink(files: readonly string[]): Promise<Transfer> {
  const entries = files.map((f, i) => ({
    name: `${i}.pdf`,
    size: fs.statSync(f).size,
    crc32: 0,
    data: () => fs.createReadStream(f, { highWaterMark: 4 << 20 }),
  }));
  const { size, stream } = streamZip(entries, { modifiedAt: new Date() });
  const start = performance.now();
  await pipeline(stream, discard());
  return transfer(size, (performance.now() - start) / 1000);
}

/** Bare Fastify streaming the same stored files (from the page cache), for context: what HTTP alone allows here. */
export async function bareFileStream(server: ChildServer, scratchDir: string): Promise<Transfer> {
  await download(`${server.url}/files`, null, scratchDir);
  const runs = [
    await download(`${server.url}/files`, null, scratchDir),
    await download(`${server.url}/files`, null, scratchDir),
    await download(`${server.url}/files`, null, scratchDir),
  ];
  return runs.sort((a, b) => a.mbPerS - b.mbPerS)[1]!;
}

export function describePackage(f: PackageFigures): void {
  const line = (label: string, t: Transfer) =>
    console.log(
      `  ${label.padEnd(48)} ${fmt(t.mbPerS).padStart(6)} MB/s   ${fmt(t.bytes / MIB)} MiB in ${fmt(t.seconds, 2)} s`,
    );
  line('raw read of the stored files (median of 3)', f.raw);
  line('zip writer over the same files, to a sink', f.writer);
  line('GET …/archive.zip by curl (median of 3)', f.download);
  line('bare Fastify streaming the same files, by curl', f.bare);
  console.log(
    '  (each the median of three rounds; raw read, zip writer and download interleaved, their order rotating)',
  );
  console.log(
    `  server RSS during the download: ${fmt(f.rss.baselineMb, 1)} MB before, peak ${fmt(f.rss.peakMb, 1)} MB, growth ${fmt(f.rss.growthMb, 1)} MB (${f.rss.samples} samples)`,
  );
}

export function packageRows(f: PackageFigures): Row[] {
  const size = `${fmt(f.download.bytes / 1024 ** 3, 2)} GB`;
  const ratio = (t: Transfer) => t.mbPerS / f.raw.mbPerS;
  const row = (benchmark: string, t: Transfer): Row => ({
    benchmark,
    value: fmt(t.mbPerS),
    baseline: `${fmt(f.raw.mbPerS)} (raw read)`,
    ratio: ratio(t),
    goal: `≥ ${GOAL_THROUGHPUT_RATIO.toFixed(2)}`,
    met: ratio(t) >= GOAL_THROUGHPUT_RATIO,
  });
  return [
    row(`${size} package download MB/s`, f.download),
    {
      benchmark: 'context: zip writer to a sink MB/s',
      value: fmt(f.writer.mbPerS),
      baseline: `${fmt(f.raw.mbPerS)} (raw read)`,
      ratio: ratio(f.writer),
      goal: '—',
      met: null,
    },
    {
      benchmark: 'context: download vs bare HTTP',
      value: fmt(f.download.mbPerS),
      baseline: `${fmt(f.bare.mbPerS)} (bare)`,
      ratio: f.download.mbPerS / f.bare.mbPerS,
      goal: '—',
      met: null,
    },
    {
      benchmark: 'package peak RSS growth MB',
      value: `${fmt(f.rss.growthMb, 1)} (peak ${fmt(f.rss.peakMb, 1)})`,
      baseline: `${fmt(f.rss.baselineMb, 1)} (idle RSS)`,
      ratio: null,
      goal: `< ${GOAL_RSS_GROWTH_MB}`,
      met: f.rss.growthMb < GOAL_RSS_GROWTH_MB,
    },
  ];
}
