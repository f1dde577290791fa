import type { Clock } from '../domain/clock.js';
import { AppError } from '../domain/errors.js';
import type { FileBlobStore } from '../storage/blob-store.js';
import { sameDigests, type FileDigester, type FileDigests } from '../storage/file-digester.js';
import type { Context } from './context.js';

const SETTLE_TIMEOUT_MS = 120_000;

type UnitOfWork = <T>(fn: (tx: Context) => Promise<T>) => Promise<T>;

/**
 * Records the SHA-256, SM3 and CRC-32 of every stored evidence file. Digests are computed from the stored bytes
 * by the digest worker right after the upload is answered; files left undigested by a restart are
 * picked up at start. Submission waits for the application's files to be settled.
 *
 * A file queued for a recheck (digests recorded before the worker was fixed, see the digest-repair
 * migration) gets a correction record and an audit entry, in the same transaction as its new digests,
 * when the recomputed digests differ from the old ones.
 */
export class EvidenceDigests {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly blobs: FileBlobStore,
    private readonly digester: FileDigester,
    private readonly clock: Clock,
    private readonly onError: (fileId: string, err: unknown) => void,
  ) {}

  schedule(fileId: string, storageKey: string): Promise<void> {
    const running = this.inFlight.get(fileId);
    if (running) return running;
    const job = this.digester
      .digest(this.blobs.pathOf(storageKey))
      .then((d) => this.record(fileId, d))
      .finally(() => this.inFlight.delete(fileId));
    job.catch((err: unknown) => this.onError(fileId, err));
    this.inFlight.set(fileId, job);
    return job;
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

  async resumePending(): Promise<void> {
    const pending = await this.unitOfWork((tx) => tx.applications.listUndigested());
    for (const f of pending) void this.schedule(f.id, f.storage_key).catch(() => undefined);
  }

  /** Waits until every listed file has its digests; refuses after a timeout or a failed digest. */
  async settle(files: readonly { id: string; storage_key: string; crc32: number | null }[]): Promise<void> {
    const pending = files.filter((f) => f.crc32 === null).map((f) => this.schedule(f.id, f.storage_key));
    if (!pending.length) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('DIGEST_PENDING')), SETTLE_TIMEOUT_MS);
    });
    try {
      await Promise.race([Promise.all(pending), timeout]);
    } catch (err) {
      throw err instanceof AppError ? err : new AppError('DIGEST_PENDING', '有材料的摘要计算失败，请删除后重新上传');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when no digest is being computed (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
  }
}
