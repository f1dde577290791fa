import type { EvidenceFileView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { presentEvidence } from '../presenters/application.js';
import type { Context, RequestOrigin } from './context.js';
import { loadEditable } from './loaders/application.js';
import { receiveAndStore } from './steps/receive-and-store.js';
import type { ReceiveFile } from './steps/stage-upload.js';

/** Stores one evidence file of a type the batch asks for, checked by content, and audits the upload. */
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
