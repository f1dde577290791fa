import { randomUUID } from 'node:crypto';
import type { ApplicationView } from '../../../shared/src/index.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { institutionSpec, parseList, rosterSpec } from '../spreadsheets/list-workbooks.js';
import { buildApplicationView, loadAuthorized } from './application-view.js';
import type { Context, RequestOrigin } from './context.js';
import { loadEditable } from './save-application-draft.js';
import { sanitizeFileName, stageUpload, type ReceiveFile } from './upload-evidence.js';

/**
 * Imports the served-enterprise roster from Excel. All rows must be good: otherwise every row error is
 * returned and nothing changes. The roster's row count is the claimed 年服务企业数; the workbook itself
 * is kept as evidence with its digests.
 */
export async function importRoster(ctx: Context, actor: Actor | null, applicationId: string, receive: ReceiveFile, origin: RequestOrigin): Promise<ApplicationView> {
  const app = await loadEditable(ctx, actor, applicationId);
  const file = await receive();
  const { staged } = await stageUpload(ctx, file, ['xlsx']);
  const committed = { key: '' };
  try {
    const { rows, errors } = await parseList(staged.tempPath, rosterSpec(app.batch.config.assetsAsOf));
    if (errors.length) throw new AppError('ROSTER_INVALID', `服务企业名单有 ${errors.length} 处错误，未导入`, { rowErrors: errors.slice(0, 500), errorCount: errors.length });
    committed.key = await ctx.blobs.commit(staged);
    const rosterFileId = randomUUID();
    const now = ctx.clock.now();
    await ctx.applications.replaceRoster(
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
        original_name: sanitizeFileName(file.filename),
        media_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size_bytes: staged.sizeBytes,
        sha256: null,
        sm3: null,
        crc32: null,
        storage_key: committed.key,
        uploaded_by: actor!.userId,
        uploaded_at: now.toISOString(),
      },
    );
    await ctx.audit.record(
      { actorUserId: actor!.userId, actorName: actor!.username, ip: origin.ip, action: 'roster.import', targetType: 'application', targetId: applicationId, detail: { rows: rows.length, fileId: rosterFileId } },
      now,
    );
    void ctx.digests.schedule(rosterFileId, committed.key).catch(() => undefined);
  } catch (err) {
    if (committed.key) await ctx.blobs.remove(committed.key);
    else await ctx.blobs.discard(staged.tempPath);
    throw err;
  }
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, applicationId, 'application:edit'));
}

/** Imports the institutions list (name + USCC) from Excel, keeping agreement files of institutions that stay. */
export async function importInstitutions(ctx: Context, actor: Actor | null, applicationId: string, receive: ReceiveFile): Promise<ApplicationView> {
  await loadEditable(ctx, actor, applicationId);
  const file = await receive();
  const { staged } = await stageUpload(ctx, file, ['xlsx']);
  try {
    const { rows, errors } = await parseList(staged.tempPath, institutionSpec);
    if (errors.length) throw new AppError('ROSTER_INVALID', `集聚服务机构名单有 ${errors.length} 处错误，未导入`, { rowErrors: errors.slice(0, 500), errorCount: errors.length });
    const previous = new Map((await ctx.applications.listInstitutions(applicationId)).map((i) => [i.uscc, i.agreement_file_id]));
    await ctx.applications.replaceInstitutions(
      applicationId,
      rows.map((r, i) => ({ id: randomUUID(), application_id: applicationId, position: i, name: r.name, uscc: r.uscc, agreement_file_id: previous.get(r.uscc) ?? null })),
    );
    await ctx.applications.touch(applicationId, ctx.clock.now());
  } finally {
    await ctx.blobs.discard(staged.tempPath);
  }
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, applicationId, 'application:edit'));
}

export async function listRoster(ctx: Context, actor: Actor | null, applicationId: string) {
  await loadAuthorized(ctx, actor, applicationId, 'application:read');
  return ctx.applications.listRoster(applicationId);
}
