import type { Clock } from '../domain/clock.js';
import { AppError } from '../domain/errors.js';
import { sameDigests, type FileDigester, type FileDigests } from '../storage/file-digester.js';
import type { Context } from './context.js';

const SETTLE_TIMEOUT_MS = 120_000;
const SETTLE_POLL_MS = 100;
const ENQUEUE_CHUNK = 500;

/** The kind of the jobs that digest a stored file; the payload is `{ fileId }`. */
export const DIGEST_JOB = 'digest';

type UnitOfWork = <T>(fn: (tx: Context) => Promise<T>) => Promise<T>;

/** What runs this process's jobs (jobs/job-runner.ts): woken when work is queued, drained by `idle`. */
export interface JobWaker {
  kick(): void;
  drain(): Promise<void>;
}

const digestKey = (fileId: string) => `${DIGEST_JOB}:${fileId}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records the SHA-256, SM3 and CRC-32 of every stored evidence file. A new upload is digested while it streams to
 * staging (steps/stage-upload.ts), before it is committed, so its row is never without them.
 * Files without digests (rows from before, a recheck, a crash) are digested by `digest` jobs that any
 * server process may claim, reading the stored file; they are queued at start and by `settle`, which
 * waits — by the database, whichever process does the work — until the files it needs have their digests.
 *
 * A file queued for a recheck (digests recorded before the worker was fixed, see the digest-repair
 * migration) gets a correction record and an audit entry, in the same transaction as its new digests,
 * when the recomputed digests differ from the old ones.
 */
export class EvidenceDigests {
  private runner: JobWaker | null = null;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly blobs: Context['blobs'],
    private readonly digester: FileDigester,
    private readonly clock: Clock,
    private readonly onError: (fileId: string, err: unknown) => void,
  ) {}

  /** The runner of this process, woken when digest jobs are queued. */
  attach(runner: JobWaker): void {
    this.runner = runner;
  }

  /** The digest job: digests the stored file from its bytes and records the digests (a file removed meanwhile is done). */
  async run(fileId: string): Promise<void> {
    const key = await this.unitOfWork((tx) => tx.files.storageKeyOf(fileId));
    if (key === null) return;
    let d: FileDigests;
    try {
      d = await this.blobs.withLocalCopy(key, (localPath) => this.digester.digest(localPath));
    } catch (err) {
      this.onError(fileId, err);
      throw err;
    }
    await this.record(fileId, d);
  }

  /** Queues digest jobs for these files (once each while one is open) and wakes this process's runner. */
  private async queue(fileIds: readonly string[]): Promise<void> {
    const now = this.clock.now();
    for (let i = 0; i < fileIds.length; i += ENQUEUE_CHUNK) {
      const chunk = fileIds.slice(i, i + ENQUEUE_CHUNK);
      await this.unitOfWork((tx) =>
        tx.jobs.enqueue(
          chunk.map((fileId) => ({ kind: DIGEST_JOB, key: digestKey(fileId), payload: { fileId } })),
          now,
        ),
      );
    }
    this.runner?.kick();
  }

  private record(fileId: string, d: FileDigests): Promise<void> {
    return this.unitOfWork(async (tx) => {
      await tx.applications.setDigests(fileId, d);
      const recheck = await tx.files.takeRecheck(fileId);
      if (!recheck || sameDigests(d, { sha256: recheck.old_sha256, sm3: recheck.old_sm3, crc32: recheck.old_crc32 }))
        return;
      const file = await tx.files.findOwner(fileId);
      if (!file) return;
      const now = this.clock.now();
      const old = {
        sha256: recheck.old_sha256,
        sm3: recheck.old_sm3,
        crc32: recheck.old_crc32 === null ? null : Number(recheck.old_crc32),
      };
      await tx.files.recordCorrection({
        file_id: fileId,
        application_id: file.application_id,
        old_sha256: old.sha256,
        old_sm3: old.sm3,
        old_crc32: old.crc32,
        new_sha256: d.sha256,
        new_sm3: d.sm3,
        new_crc32: d.crc32,
        corrected_at: now.toISOString(),
      });
      await tx.audit.record(
        {
          actorUserId: null,
          actorName: 'system',
          ip: null,
          action: 'evidence.digest_corrected',
          targetType: 'application',
          targetId: file.application_id,
          detail: {
            fileId,
            name: file.original_name,
            reason: '摘要计算缺陷（并发上传时共用读缓冲区）修复后按存储内容重新计算',
            old,
            new: d,
          },
        },
        now,
      );
    });
  }

  /** Queues a digest job for every file without digests (rows from before, a recheck, a crash); at start. */
  async resumePending(): Promise<void> {
    const pending = await this.unitOfWork((tx) => tx.applications.listUndigested());
    await this.queue(pending.map((f) => f.id));
  }

  /**
   * Waits until every listed file has its digests, whichever process computes them: queues what is missing
   * and polls the database. Refuses after a timeout, or when a file's digest job has failed.
   */
  async settle(files: readonly { id: string; crc32: number | null }[]): Promise<void> {
    let left = files.filter((f) => f.crc32 === null).map((f) => f.id);
    if (!left.length) return;
    await this.queue(left);
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      left = await this.unitOfWork((tx) => tx.files.undigested(left));
      if (!left.length) return;
      const latest = new Map<string, string | null>();
      for (const j of await this.unitOfWork((tx) => tx.jobs.latestByKey(left.map(digestKey))))
        if (!latest.has(j.key)) latest.set(j.key, j.last_error);
      if ([...latest.values()].some((error) => error !== null))
        throw new AppError('DIGEST_PENDING', '有材料的摘要计算失败，请删除后重新上传');
      if (Date.now() >= deadline) throw new AppError('DIGEST_PENDING');
      await sleep(SETTLE_POLL_MS);
    }
  }

  /** Resolves when this process's runner has no digest (or other) job left to run (tests and shutdown). */
  async idle(): Promise<void> {
    await this.runner?.drain();
  }
}
