import type { Context } from './context.js';

/** Staging files and unreferenced blobs younger than this are left alone: an upload may be between commit and row. */
const SWEEP_GRACE_MS = 60 * 60 * 1000;
/** An agreement uploaded for an institution row that is never saved is kept this long, then removed. */
const UNATTACHED_AGREEMENT_MS = 24 * 60 * 60 * 1000;

export interface SweepReport {
  /** Blobs no row references, by storage key. */
  orphanBlobs: string[];
  /** Staging files of interrupted uploads, by path. */
  staleStaging: string[];
  /** Agreement files no institution points to, removed with their rows. */
  unattachedAgreements: { fileId: string; applicationId: string; name: string }[];
  removed: boolean;
}

/**
 * Finds what the store holds that nothing needs — blobs no row references, staging files older than an
 * hour, agreements uploaded for institution rows never saved (older than a day) — and, unless `dryRun`,
 * removes them: rows first (in one transaction with the audit entry), bytes after. Runs 10 minutes after
 * start and daily, and from the CLI (`npm run cli -- sweep-files`).
 */
export async function sweepFiles(ctx: Context, options: { dryRun?: boolean } = {}): Promise<SweepReport> {
  const now = ctx.clock.now();
  const graceStart = new Date(now.getTime() - SWEEP_GRACE_MS);
  const unattached = await ctx.files.listUnattachedAgreements(new Date(now.getTime() - UNATTACHED_AGREEMENT_MS));
  // The disk is listed before the references are read: a blob committed after the listing is not seen,
  // and one committed before it but recorded since is younger than the grace period.
  const candidates: string[] = [];
  for await (const blob of ctx.blobs.listStored()) if (blob.modifiedAt < graceStart) candidates.push(blob.key);
  const referenced = await ctx.files.referencedKeys();
  const orphanBlobs = candidates.filter((key) => !referenced.has(key));
  const staleStaging = await ctx.blobs.listStaleStaging(graceStart);
  const report: SweepReport = {
    orphanBlobs,
    staleStaging,
    unattachedAgreements: unattached.map((f) => ({
      fileId: f.id,
      applicationId: f.application_id,
      name: f.original_name,
    })),
    removed: false,
  };
  if (options.dryRun || (!orphanBlobs.length && !staleStaging.length && !unattached.length)) return report;

  await ctx.transaction(async (tx) => {
    await tx.files.deleteFiles(unattached.map((f) => f.id));
    await tx.audit.record(
      {
        actorUserId: null,
        actorName: 'system',
        ip: null,
        action: 'files.sweep',
        detail: {
          orphanBlobs: orphanBlobs.length,
          staleStaging: staleStaging.length,
          unattachedAgreements: report.unattachedAgreements,
        },
      },
      now,
    );
  });
  for (const key of [...orphanBlobs, ...unattached.map((f) => f.storage_key)]) await ctx.blobs.remove(key);
  for (const file of staleStaging) await ctx.blobs.discard(file);
  report.removed = true;
  return report;
}
