import { randomUUID } from 'node:crypto';
import type { ObjectionFile } from '#contract';
import { AppError } from '../domain/errors.js';
import { presentObjectionFile } from '../presenters/publicity.js';
import type { ObjectionFileRow } from '../repositories/publicity-repository.js';
import { mediaTypes, type FileKind } from '../storage/content-type.js';
import { sanitizeFileName } from '../storage/file-name.js';
import type { Context, RequestOrigin } from './context.js';
import { assertInsideWindow, loadObjectionByToken, loadPublicity } from './loaders/publicity.js';
import { stageUpload, type ReceiveFileWithin } from './steps/stage-upload.js';

/** What an objection's 佐证材料 may be: documents and scans, checked by content. */
export const OBJECTION_FILE_KINDS: readonly FileKind[] = ['pdf', 'jpeg', 'png', 'ofd', 'docx'];
export const OBJECTION_FILE_MAX_MB = 10;
export const OBJECTION_FILES_MAX = 5;
const MB = 1024 * 1024;

/**
 * The online objector attaches one evidence file with the receipt's token, while the objection is open and the
 * window too: streamed to staging, cut at the size limit and typed by content (steps/stage-upload.ts, as for
 * an application's evidence), committed before the transaction that records it and its audit entry.
 */
export async function uploadObjectionEvidence(
  ctx: Context,
  objectionId: string,
  token: string | undefined,
  receive: ReceiveFileWithin,
  origin: RequestOrigin,
): Promise<ObjectionFile> {
  const objection = await loadObjectionByToken(ctx, objectionId, token);
  if (objection.status !== 'open') throw new AppError('INVALID_TRANSITION', '该异议已办结，不能再补充佐证材料');
  assertInsideWindow(ctx, await loadPublicity(ctx, objection.publicity_id), '补充佐证材料');
  if ((await ctx.publicities.countObjectionFiles(objection.id)) >= OBJECTION_FILES_MAX) {
    throw new AppError('INVALID_TRANSITION', `每件异议最多上传${OBJECTION_FILES_MAX}个佐证材料文件`);
  }
  const file = await receive(Math.min(OBJECTION_FILE_MAX_MB * MB, ctx.config.maxUploadBytes), '佐证材料');
  const { staged, kind, digests } = await stageUpload(ctx, file, OBJECTION_FILE_KINDS);
  const key = await ctx.blobs.commit(staged);
  const row: ObjectionFileRow = {
    id: randomUUID(),
    objection_id: objection.id,
    original_name: sanitizeFileName(file.filename, kind),
    media_type: mediaTypes[kind],
    size_bytes: staged.sizeBytes,
    ...digests,
    storage_key: key,
    uploaded_at: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.transaction(async (tx) => {
      await tx.publicities.insertObjectionFile(row);
      await tx.audit.record(
        {
          actorUserId: null,
          actorName: null,
          ip: origin.ip,
          action: 'objection.evidence',
          targetType: 'objection',
          targetId: objection.id,
          detail: {
            receiptNumber: objection.receipt_number,
            fileId: row.id,
            name: row.original_name,
            sha256: row.sha256,
          },
        },
        ctx.clock.now(),
      );
    });
  } catch (err) {
    await ctx.blobs.remove(key);
    throw err;
  }
  return presentObjectionFile(row);
}
