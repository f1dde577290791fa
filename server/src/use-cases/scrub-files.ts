import { sameDigests, type FileDigester } from '../storage/file-digester.js';
import type { Context } from './context.js';

export interface ScrubReport {
  checked: number;
  bytes: number;
  /** Files whose stored bytes no longer match their recorded digests, or that are missing. */
  failed: { fileId: string; applicationId: string; name: string; reason: 'changed' | 'missing' }[];
}

/**
 * Re-hashes stored files, those checked longest ago first, and compares them with the digests recorded
 * at upload: bit rot or a change on disk shows as a failed check, recorded on the file (the 刻盘 plan
 * refuses such a file) and audited when it is new. A file that matches again is cleared. Stops after
 * `maxFiles` files or once `maxBytes` have been read, so the scheduled job runs at a low rate.
 */
export async function scrubFiles(
  ctx: Context,
  digester: FileDigester,
  limits: { maxFiles: number; maxBytes: number },
): Promise<ScrubReport> {
  const report: ScrubReport = { checked: 0, bytes: 0, failed: [] };
  for (const file of await ctx.files.listForScrub(limits.maxFiles)) {
    if (report.bytes >= limits.maxBytes) break;
    const recorded = { sha256: file.sha256!, sm3: file.sm3!, crc32: Number(file.crc32) };
    const size = await ctx.blobs.sizeOf(file.storage_key);
    let reason: 'changed' | 'missing' | null = size === null ? 'missing' : null;
    if (size !== null) {
      const actual = await ctx.blobs
        .withLocalCopy(file.storage_key, (localPath) => digester.digest(localPath))
        .catch(() => null);
      if (!actual) reason = 'missing';
      else if (size !== Number(file.size_bytes) || !sameDigests(actual, recorded)) reason = 'changed';
      report.bytes += size;
    }
    report.checked++;
    if (reason)
      report.failed.push({ fileId: file.id, applicationId: file.application_id, name: file.original_name, reason });
    const now = ctx.clock.now();
    await ctx.transaction(async (tx) => {
      const recordedNow = await tx.files.recordScrub(file.id, recorded, reason !== null, now);
      if (!recordedNow || (reason === null) === (file.check_failed_at === null)) return;
      await tx.audit.record(
        {
          actorUserId: null,
          actorName: 'system',
          ip: null,
          action: reason ? 'evidence.integrity_failed' : 'evidence.integrity_restored',
          targetType: 'application',
          targetId: file.application_id,
          detail: { fileId: file.id, name: file.original_name, ...(reason ? { reason } : {}) },
        },
        now,
      );
    });
  }
  return report;
}
