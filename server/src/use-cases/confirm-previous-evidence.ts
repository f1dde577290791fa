import { randomUUID } from 'node:crypto';
import type { EvidenceFileView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { presentEvidence } from '../presenters/application.js';
import type { Context, RequestOrigin } from './context.js';
import { reusableType, withinSizeLimit } from './get-my-application.js';
import { loadEditable } from './loaders/application.js';

/**
 * 沿用去年的文件: the applicant confirms a file of one of the unit's earlier applications as evidence of
 * this (editable) application. The file keeps its evidence type, which this application's batch must
 * still ask for in a kind it still accepts, within the type's size limit this year. A new row points to the same stored blob with the same
 * digests (nothing is read or written on disk); the blob is removed only with the last row pointing to
 * it (delete-evidence.ts; the sweep keeps every referenced blob). Audited in the same transaction.
 */
export async function confirmPreviousEvidence(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  fileId: string,
  origin: RequestOrigin,
): Promise<EvidenceFileView> {
  const app = await loadEditable(ctx, actor, applicationId);
  const source = await ctx.applications.findUnitEvidence(app.unit.id, fileId);
  if (!source || source.application_id === applicationId) throw new AppError('NOT_FOUND', '文件不存在');
  const type = reusableType(app.batch, source.evidence_type, source.media_type);
  if (!type) {
    throw new AppError('VALIDATION_FAILED', '本批次已不要求该类材料或不接受该文件格式，请重新上传', {
      errors: [{ field: 'fileId', message: '本批次已不要求该类材料或不接受该文件格式，请重新上传' }],
    });
  }
  if (!withinSizeLimit(type, Number(source.size_bytes))) {
    const message = `${type.label}：文件超过 ${type.maxMb} MB 的大小限制，请重新上传`;
    throw new AppError('VALIDATION_FAILED', message, { errors: [{ field: 'fileId', message }] });
  }
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  const inserted = await ctx.transaction(async (tx) => {
    const done = await tx.applications.insertReusedEvidence(fileId, {
      id,
      application_id: applicationId,
      uploaded_by: app.actor.userId,
      uploaded_at: now,
    });
    if (!done) return false;
    await tx.audit.record(
      {
        actorUserId: app.actor.userId,
        actorName: app.actor.username,
        ip: origin.ip,
        action: 'evidence.reuse',
        targetType: 'application',
        targetId: applicationId,
        detail: {
          fileId: id,
          fromFileId: fileId,
          fromApplicationId: source.application_id,
          type: type.key,
          name: source.original_name,
        },
      },
      ctx.clock.now(),
    );
    return true;
  });
  if (!inserted) throw new AppError('FILE_ALREADY_CONFIRMED');
  const row = await ctx.applications.findEvidence(applicationId, id);
  if (!row) throw new Error(`confirmed file ${id} not found`);
  return presentEvidence(row);
}
