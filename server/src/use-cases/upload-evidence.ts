import type { EvidenceFileView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { presentEvidence } from '../presenters/application.js';
import type { Context, RequestOrigin } from './context.js';
import { loadEditable } from './loaders/application.js';
import { receiveAndStore } from './steps/receive-and-store.js';
import type { ReceiveFileWithin } from './steps/stage-upload.js';

const MB = 1024 * 1024;

/**
 * Stores one evidence file of a type the batch asks for, checked by content, and audits the upload. The
 * file is cut at the type's size limit (the server's when that is lower), named with the type if over it.
 */
export async function uploadEvidence(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  evidenceType: string,
  receive: ReceiveFileWithin,
  origin: RequestOrigin,
): Promise<EvidenceFileView> {
  const app = await loadEditable(ctx, actor, applicationId);
  const type = app.batch.config.evidenceTypes.find((t) => t.key === evidenceType && t.key !== 'roster');
  if (!type) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      errors: [{ field: 'evidenceType', message: `材料类型：未知的类型“${evidenceType}”` }],
    });
  }
  const maxBytes = Math.min(type.maxMb * MB, ctx.config.maxUploadBytes);
  const within = () => receive(maxBytes, type.label);
  const row = await receiveAndStore(ctx, app.actor, applicationId, type.key, type.accepts, within, (tx, stored) =>
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
