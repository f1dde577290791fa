import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { CITY_FILE_TYPES } from '../repositories/application-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { loadAuthorized } from './loaders/application.js';

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
