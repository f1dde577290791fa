import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EvidenceFileView } from '#contract';
import { AppError } from '../domain/errors.js';
import { formatSize } from '../domain/sizes.js';
import { authorize, type Actor } from '../policies/policy.js';
import { CITY_FILE_TYPES, type EvidenceRow } from '../repositories/application-repository.js';
import type { StagedBlob } from '../storage/blob-store.js';
import { detectFileKind, kindLabels, mediaTypes, type FileKind } from '../storage/content-type.js';
import { sanitizeFileName } from '../storage/file-name.js';
import { loadAuthorized, presentEvidence } from './application-view.js';
import type { Context, RequestOrigin } from './context.js';
import { loadEditable } from './save-application-draft.js';

export interface IncomingFile {
  filename: string;
  stream: Readable;
  /** True once the stream was cut at the size limit. */
  truncated: () => boolean;
  /** The size limit of the route it came through, named when the file is refused for its size. */
  maxBytes: number;
}

/** Starts reading the upload; called only after the actor is authorized, so no unauthorized bytes are stored. */
export type ReceiveFile = () => Promise<IncomingFile>;

/**
 * Streams the file to staging (hashing on the way), then checks size and type by content; only a file
 * that passes is committed and recorded. A refused upload leaves nothing behind.
 */
export async function stageUpload(
  ctx: Context,
  file: IncomingFile,
  accepts: readonly string[],
): Promise<{ staged: StagedBlob; kind: FileKind }> {
  const staged = await ctx.blobs.stage(file.stream);
  try {
    if (file.truncated()) {
      const limit = formatSize(file.maxBytes);
      throw new AppError('FILE_TOO_LARGE', `文件“${file.filename}”超过 ${limit} 的大小限制`, {
        errors: [{ field: 'file', message: `文件：超过 ${limit} 的大小限制` }],
      });
    }
    if (staged.sizeBytes === 0)
      throw new AppError('VALIDATION_FAILED', '文件为空', { errors: [{ field: 'file', message: '文件：不能为空' }] });
    const kind = await detectFileKind(staged.head, staged.tempPath, file.filename);
    if (!kind || !accepts.includes(kind)) {
      const allowed = accepts.map((k) => kindLabels[k as FileKind] ?? k).join('、');
      throw new AppError('UNSUPPORTED_FILE_TYPE', `文件“${file.filename}”的内容不是允许的类型（${allowed}）`, {
        errors: [{ field: 'file', message: `只接受 ${allowed}` }],
      });
    }
    return { staged, kind };
  } catch (err) {
    await ctx.blobs.discard(staged.tempPath);
    throw err;
  }
}

export async function uploadEvidence(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  evidenceType: string,
  receive: ReceiveFile,
  origin: RequestOrigin,
): Promise<EvidenceFileView> {
  const app = await loadEditable(ctx, actor, applicationId);
  const type = app.batch.config.evidenceTypes.find((t) => t.key === evidenceType && t.key !== 'roster');
  if (!type) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      errors: [{ field: 'evidenceType', message: `材料类型：未知的类型“${evidenceType}”` }],
    });
  }
  const row = await receiveAndStore(ctx, app.actor, applicationId, type.key, type.accepts, receive, (tx, stored) =>
    tx.audit.record(
      {
        actorUserId: app.actor.userId,
        actorName: app.actor.username,
        ip: origin.ip,
        action: 'evidence.upload',
        targetType: 'application',
        targetId: applicationId,
        detail: { fileId: stored.id, type: type.key, name: stored.original_name, sizeBytes: stored.size_bytes },
      },
      ctx.clock.now(),
    ),
  );
  return presentEvidence(row);
}

/**
 * Streams an upload to staging, checks it, commits it and records the file row — with whatever else the
 * caller's `andThen` writes (its audit entry, a reference to the file) in the same transaction; the
 * digests follow from the worker. Nothing is left behind when any step fails.
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
  const { staged, kind } = await stageUpload(ctx, file, accepts);
  const key = await ctx.blobs.commit(staged);
  const row: EvidenceRow = {
    id: randomUUID(),
    application_id: applicationId,
    evidence_type: evidenceType,
    original_name: sanitizeFileName(file.filename, kind),
    media_type: mediaTypes[kind],
    size_bytes: staged.sizeBytes,
    sha256: null,
    sm3: null,
    crc32: null,
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
  void ctx.digests.schedule(row.id, key).catch(() => undefined);
  return row;
}

export async function deleteEvidence(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  fileId: string,
  origin: RequestOrigin,
): Promise<void> {
  const { actor: editor } = await loadEditable(ctx, actor, applicationId);
  const file = await ctx.applications.findEvidence(applicationId, fileId);
  if (!file) throw new AppError('NOT_FOUND', '文件不存在');
  await ctx.transaction(async (tx) => {
    await tx.applications.deleteEvidence(applicationId, fileId);
    await tx.audit.record(
      {
        actorUserId: editor.userId,
        actorName: editor.username,
        ip: origin.ip,
        action: 'evidence.delete',
        targetType: 'application',
        targetId: applicationId,
        detail: { fileId, name: file.original_name },
      },
      ctx.clock.now(),
    );
  });
  await ctx.blobs.remove(file.storage_key);
}

/**
 * Opens a file for download; every download is audited. A file of the city's own records (the sealed
 * site-check scan) is part of the review, so it needs the review's permission, not the applicant's.
 */
export async function downloadEvidence(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  fileId: string,
  origin: RequestOrigin,
) {
  const app = await loadAuthorized(ctx, actor, applicationId, 'evidence:download');
  const file = await ctx.applications.findFile(applicationId, fileId);
  if (!file) throw new AppError('NOT_FOUND', '文件不存在');
  if (CITY_FILE_TYPES.includes(file.evidence_type)) authorize(actor, 'review:read', app.resource);
  await ctx.audit.record(
    {
      actorUserId: app.actor.userId,
      actorName: app.actor.username,
      ip: origin.ip,
      action: 'evidence.download',
      targetType: 'application',
      targetId: applicationId,
      detail: { fileId, name: file.original_name },
    },
    ctx.clock.now(),
  );
  return { file, stream: ctx.blobs.open(file.storage_key) };
}
