import type { ApplicationView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadApplicationView, loadAuthorized, loadEditable } from './loaders/application.js';

/**
 * Deletes an evidence file of an editable application (its bytes after the commit, unless another row still
 * points to them); returns the updated view.
 */
export async function deleteEvidence(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  fileId: string,
  origin: RequestOrigin,
): Promise<ApplicationView> {
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
  // A file confirmed for another year's application shares its blob: the bytes go with the last row.
  if (!(await ctx.files.isReferenced(file.storage_key))) await ctx.blobs.remove(file.storage_key);
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, applicationId, 'application:edit'));
}
