import { randomUUID } from 'node:crypto';
import type { ApplicationView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { parseList, rosterSpec } from '../spreadsheets/list-workbooks.js';
import { mediaTypes } from '../storage/content-type.js';
import { sanitizeFileName } from '../storage/file-name.js';
import type { Context, RequestOrigin } from './context.js';
import { loadApplicationView, loadAuthorized, loadEditable } from './loaders/application.js';
import { stageUpload, type ReceiveFile } from './steps/stage-upload.js';

/**
 * Imports the served-enterprise roster from Excel. All rows must be good: otherwise every row error is
 * returned and nothing changes. The roster's row count is the claimed 年服务企业数; the workbook itself
 * is kept as evidence with its digests, computed as it streamed in, before it is committed.
 */
export async function importRoster(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  receive: ReceiveFile,
  origin: RequestOrigin,
): Promise<ApplicationView> {
  const app = await loadEditable(ctx, actor, applicationId);
  const file = await receive();
  const { staged, digests } = await stageUpload(ctx, file, ['xlsx']);
  const committed = { key: '' };
  try {
    const { rows, errors } = await parseList(staged.tempPath, rosterSpec(app.batch.config.assetsAsOf));
    if (errors.length)
      throw new AppError('ROSTER_INVALID', `服务企业名单有 ${errors.length} 处错误，未导入`, {
        rowErrors: errors.slice(0, 500),
        errorCount: errors.length,
      });
    committed.key = await ctx.blobs.commit(staged);
    const rosterFileId = randomUUID();
    const now = ctx.clock.now();
    const replaced = await ctx.transaction(async (tx) => {
      const keys = await tx.applications.replaceRoster(
        applicationId,
        rows.map((r, i) => ({
          id: randomUUID(),
          application_id: applicationId,
          row_no: i + 1,
          enterprise_name: r.enterpriseName,
          uscc: r.uscc,
          contact_name: r.contactName,
          position: r.position,
          phone: r.phone,
          service: r.service,
          served_on: r.servedOn,
        })),
        {
          id: rosterFileId,
          application_id: applicationId,
          evidence_type: 'roster',
          original_name: sanitizeFileName(file.filename, 'xlsx'),
          media_type: mediaTypes.xlsx,
          size_bytes: staged.sizeBytes,
          ...digests,
          storage_key: committed.key,
          uploaded_by: app.actor.userId,
          uploaded_at: now.toISOString(),
        },
      );
      await tx.audit.record(
        {
          actorUserId: app.actor.userId,
          actorName: app.actor.username,
          ip: origin.ip,
          action: 'roster.import',
          targetType: 'application',
          targetId: applicationId,
          detail: { rows: rows.length, fileId: rosterFileId, replacedWorkbooks: keys.length },
        },
        now,
      );
      return keys;
    });
    committed.key = '';
    // The workbooks it replaces hold contacts' names and phones: removed once nothing points to them.
    await Promise.all(replaced.map((key) => ctx.blobs.remove(key)));
  } catch (err) {
    if (committed.key) await ctx.blobs.remove(committed.key);
    else await ctx.blobs.discard(staged.tempPath);
    throw err;
  }
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, applicationId, 'application:edit'));
}
