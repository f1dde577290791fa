import { Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';

export interface FileDigests {
  sha256: string;
  sm3: string;
  /** Unsigned CRC-32 (zlib's), for zip headers. */
  crc32: number;
}

/** Whether two records of digests agree (CRC-32 compared as a number: the database may give it as text). */
export function sameDigests(
  a: FileDigests,
  b: { sha256: string | null; sm3: string | null; crc32: number | string | null },
): boolean {
  return a.sha256 === b.sha256 && a.sm3 === b.sm3 && b.crc32 !== null && a.crc32 === Number(b.crc32);
}

/**
 * The digests each worker computes: SM3, the slowest, on a thread of its own, so that an upload streaming in is
 * hashed at SM3's pace rather than at the pace of all three on one thread.
 */
const WORKER_DIGESTS = [['sm3'], ['sha256', 'crc32']] as const;
/** Bytes of an upload handed to the workers and not yet hashed; past this the upload waits for them. */
const MAX_UNHASHED_BYTES = 16 << 20;
/** How much of an upload is handed to the workers at once. */
const BATCH_BYTES = 1 << 20;

interface Pending {
  workers: Worker[];
  parts: Partial<FileDigests>;
  /** Workers yet to answer. */
  left: number;
  resolve: (d: FileDigests) => void;
  reject: (e: Error) => void;
}

/** An upload's flow to the workers: bytes not yet hashed, and the chunk waiting for them to catch up. */
interface Flow {
  workers: Worker[];
  unhashed: number;
  /** Batches handed to the workers, by number, with how many workers have yet to hash each. */
  batches: Map<number, { buffer: Uint8Array; left: number }>;
  /** Batches every worker has hashed, to be filled again (the upload's memory stays at a few of them). */
  spare: Uint8Array[];
  resume: (() => void) | null;
  error: Error | null;
}

/** Digests of an upload computed as its bytes pass (see `FileDigester.hashing`). */
export interface StreamDigest {
  /** Passes every chunk on unchanged, handing a copy to the digest workers. */
  readonly transform: Transform;
  /** The digests of all the bytes that passed; called once the stream has ended. */
  result(): Promise<FileDigests>;
  /** Drops the upload's hash state (a refused or failed upload). */
  abort(): void;
}

/**
 * Computes SHA-256, SM3 and CRC-32 in worker threads, so that hashing a gigabyte of scans (SM3 runs at
 * about 0.4 GB/s) blocks no request: of a stored file (`digest`), or of an upload while it streams in
 * (`hashing`), each upload with hash states of its own in the workers.
 */
export class FileDigester {
  private workers: Worker[] | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly flows = new Map<number, Flow>();
  private nextJob = 1;

  /** Starts the workers ahead of the first file, so their memory is part of the server's steady state. */
  start(): void {
    this.ensureWorkers();
  }

  digest(path: string): Promise<FileDigests> {
    return this.request(this.nextJob++, { op: 'file', path });
  }

  /**
   * Digests an upload as it streams through `transform`: its bytes are copied, a megabyte at a time, into
   * memory shared with both workers (one copy, few messages), and the upload waits while they catch up.
   */
  hashing(): StreamDigest {
    const jobId = this.nextJob++;
    const workers = this.ensureWorkers();
    const flow: Flow = { workers, unhashed: 0, batches: new Map(), spare: [], resume: null, error: null };
    this.flows.set(jobId, flow);
    const fresh = () => flow.spare.pop() ?? new Uint8Array(new SharedArrayBuffer(BATCH_BYTES));
    let batch = fresh();
    let filled = 0;
    let seq = 0;
    const post = () => {
      if (!filled) return;
      flow.batches.set(++seq, { buffer: batch, left: workers.length });
      for (const w of workers) w.postMessage({ op: 'chunk', jobId, seq, chunk: batch.subarray(0, filled) });
      flow.unhashed += filled * workers.length;
      batch = fresh();
      filled = 0;
    };
    const transform = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        if (flow.error) return done(flow.error);
        for (let at = 0; at < chunk.length;) {
          const n = Math.min(chunk.length - at, BATCH_BYTES - filled);
          batch.set(chunk.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled === BATCH_BYTES) post();
        }
        if (flow.unhashed <= MAX_UNHASHED_BYTES) return done(null, chunk);
        flow.resume = () => done(flow.error, flow.error ? undefined : chunk);
      },
      flush: (done) => {
        post();
        done(flow.error);
      },
    });
    return {
      transform,
      result: () => {
        this.flows.delete(jobId);
        if (flow.error) return Promise.reject(flow.error);
        return this.request(jobId, { op: 'end' });
      },
      abort: () => {
        if (!this.flows.delete(jobId)) return;
        if (this.workers === workers) for (const w of workers) w.postMessage({ op: 'abort', jobId });
      },
    };
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = null;
    if (workers) await Promise.all(workers.map((w) => w.terminate()));
  }

  private request(jobId: number, message: object): Promise<FileDigests> {
    const workers = this.ensureWorkers();
    return new Promise((resolve, reject) => {
      this.pending.set(jobId, { workers, parts: {}, left: workers.length, resolve, reject });
      for (const w of workers) w.postMessage({ ...message, jobId });
    });
  }

  private ensureWorkers(): Worker[] {
    if (this.workers) return this.workers;
    const workers = WORKER_DIGESTS.map((digests) => {
      const worker = new Worker(new URL('./digest-worker.mjs', import.meta.url), { workerData: { digests } });
      worker.unref();
      worker.on('message', (m: WorkerMessage) => this.onMessage(m));
      worker.on('error', (err) => this.failAll(workers, err));
      worker.on('exit', () => this.failAll(workers, new Error('digest worker exited')));
      return worker;
    });
    this.workers = workers;
    return workers;
  }

  private onMessage(m: WorkerMessage): void {
    if (m.ack !== undefined) {
      const flow = this.flows.get(m.jobId);
      if (!flow) return;
      flow.unhashed -= m.ack;
      const done = flow.batches.get(m.seq!);
      if (done && !--done.left) {
        flow.batches.delete(m.seq!);
        flow.spare.push(done.buffer);
      }
      if (flow.resume && flow.unhashed <= MAX_UNHASHED_BYTES) {
        const resume = flow.resume;
        flow.resume = null;
        resume();
      }
      return;
    }
    const job = this.pending.get(m.jobId);
    if (!job) return;
    if (m.error !== undefined || !m.digests) {
      this.pending.delete(m.jobId);
      job.reject(new Error(m.error ?? 'digest failed'));
      return;
    }
    Object.assign(job.parts, m.digests);
    if (--job.left) return;
    this.pending.delete(m.jobId);
    const { sha256, sm3, crc32 } = job.parts;
    if (!sha256 || !sm3 || crc32 === undefined) job.reject(new Error('digest failed'));
    else job.resolve({ sha256, sm3, crc32 });
  }

  /** A worker failed or exited: the jobs in flight on it fail, and the next job starts a fresh pair. */
  private failAll(workers: Worker[], err: Error): void {
    if (this.workers === workers) {
      this.workers = null;
      for (const w of workers) void w.terminate();
    }
    for (const [jobId, job] of this.pending) {
      if (job.workers !== workers) continue;
      this.pending.delete(jobId);
      job.reject(err);
    }
    for (const flow of this.flows.values()) {
      if (flow.workers !== workers) continue;
      flow.error ??= err;
      const resume = flow.resume;
      flow.resume = null;
      resume?.();
    }
  }
}

interface WorkerMessage {
  jobId: number;
  ack?: number;
  seq?: number;
  digests?: Partial<FileDigests>;
  error?: string;
}
