import { randomUUID } from 'node:crypto';
import type { Actor } from '../../policies/policy.js';
import type { EvidenceRow } from '../../repositories/application-repository.js';
import { mediaTypes } from '../../storage/content-type.js';
import { sanitizeFileName } from '../../storage/file-name.js';
import type { Context } from '../context.js';
import { stageUpload, type ReceiveFile } from './stage-upload.js';

/**
 * Streams an upload to staging, checks it, commits it and records the file row — with whatever else the
 * caller's `andThen` writes (its audit entry, a reference to the file) in the same transaction. The
 * digests, computed while the upload streamed to staging, are recorded with the row: an answered upload
 * has its digests, and the store is never read back for them. Nothing is left behind when any
 * step fails.
 */
export async function receiveAndStore(
  ctx: Context,
  actor: Actor,
  applicationId: string,
  evidenceType: string,
  accepts: readonly string[],
  receive: ReceiveFile,
  andThen: (tx: Context, row: EvidenceRow) => Promise<void>,
): Promise<EvidenceRow> {
  const file = await receive();
  const { staged, kind, digests } = await stageUpload(ctx, file, accepts);
  const key = await ctx.blobs.commit(staged);
  const row: EvidenceRow = {
    id: randomUUID(),
    application_id: applicationId,
    evidence_type: evidenceType,
    original_name: sanitizeFileName(file.filename, kind),
    media_type: mediaTypes[kind],
    size_bytes: staged.sizeBytes,
    ...digests,
    storage_key: key,
    uploaded_by: actor.userId,
    uploaded_at: ctx.clock.now().toISOString(),
    checked_at: null,
    check_failed_at: null,
  };
  try {
    await ctx.transaction(async (tx) => {
      await tx.applications.insertEvidence(row);
      await andThen(tx, row);
    });
  } catch (err) {
    await ctx.blobs.remove(key);
    throw err;
  }
  return row;
}
