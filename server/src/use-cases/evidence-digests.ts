import { AppError } from '../domain/errors.js';
import type { ApplicationRepository } from '../repositories/application-repository.js';
import type { FileBlobStore } from '../storage/blob-store.js';
import type { FileDigester } from '../storage/file-digester.js';

const SETTLE_TIMEOUT_MS = 120_000;

/**
 * Records the SHA-256, SM3 and CRC-32 of every stored evidence file. Digests are computed from the stored bytes
 * by the digest worker right after the upload is answered; files left undigested by a restart are
 * picked up at start. Submission waits for the application's files to be settled.
 */
export class EvidenceDigests {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly blobs: FileBlobStore,
    private readonly digester: FileDigester,
    private readonly onError: (fileId: string, err: unknown) => void,
  ) {}

  schedule(fileId: string, storageKey: string): Promise<void> {
    const running = this.inFlight.get(fileId);
    if (running) return running;
    const job = this.digester
      .digest(this.blobs.pathOf(storageKey))
      .then((d) => this.applications.setDigests(fileId, d))
      .finally(() => this.inFlight.delete(fileId));
    job.catch((err: unknown) => this.onError(fileId, err));
    this.inFlight.set(fileId, job);
    return job;
  }

  async resumePending(): Promise<void> {
    for (const f of await this.applications.listUndigested()) void this.schedule(f.id, f.storage_key).catch(() => undefined);
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
