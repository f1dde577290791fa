import { randomUUID } from 'node:crypto';
import { normalizeUscc, type ApplicationView } from '#contract';
import { AppError } from '../domain/errors.js';
import { institutionProblems } from '../domain/institutions.js';
import type { Actor } from '../policies/policy.js';
import { institutionSpec, parseList, rosterSpec } from '../spreadsheets/list-workbooks.js';
import { buildApplicationView, loadAuthorized } from './application-view.js';
import type { Context, RequestOrigin } from './context.js';
import { loadEditable, storeInstitutions } from './save-application-draft.js';
import { sanitizeFileName } from '../storage/file-name.js';
import { stageUpload, type ReceiveFile } from './upload-evidence.js';

/**
 * Imports the served-enterprise roster from Excel. All rows must be good: otherwise every row error is
 * returned and nothing changes. The roster's row count is the claimed 年服务企业数; the workbook itself
 * is kept as evidence with its digests.
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
  const { staged } = await stageUpload(ctx, file, ['xlsx']);
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
          media_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          size_bytes: staged.sizeBytes,
          sha256: null,
          sm3: null,
          crc32: null,
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
    const stored = committed.key;
    committed.key = '';
    void ctx.digests.schedule(rosterFileId, stored).catch(() => undefined);
    // The workbooks it replaces hold contacts' names and phones: removed once nothing points to them.
    await Promise.all(replaced.map((key) => ctx.blobs.remove(key)));
  } catch (err) {
    if (committed.key) await ctx.blobs.remove(committed.key);
    else await ctx.blobs.discard(staged.tempPath);
    throw err;
  }
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, applicationId, 'application:edit'));
}

/**
 * Imports the institutions list (name + USCC) from Excel, keeping agreement files of institutions that
 * stay; the list is checked by the same rules as one typed in (institutionProblems).
 */
export async function importInstitutions(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  receive: ReceiveFile,
  origin: RequestOrigin,
): Promise<ApplicationView> {
  const app = await loadEditable(ctx, actor, applicationId);
  const file = await receive();
  const { staged } = await stageUpload(ctx, file, ['xlsx']);
  let removed: string[];
  try {
    const { rows, errors } = await parseList(staged.tempPath, institutionSpec);
    const previous = new Map(
      (await ctx.applications.listInstitutions(applicationId)).map((i) => [i.uscc, i.agreement_file_id]),
    );
    const list = rows.map((r) => ({
      name: r.name,
      uscc: normalizeUscc(r.uscc),
      agreementFileId: previous.get(normalizeUscc(r.uscc)) ?? null,
    }));
    if (!errors.length) {
      const agreements = new Set([...previous.values()].filter((id): id is string => !!id));
      for (const p of institutionProblems(list, agreements))
        errors.push({
          row: Number(p.field.split('.')[1]) + 2,
          field: p.field.endsWith('uscc') ? 'uscc' : 'file',
          message: p.message,
        });
    }
    if (errors.length)
      throw new AppError('ROSTER_INVALID', `集聚服务机构名单有 ${errors.length} 处错误，未导入`, {
        rowErrors: errors.slice(0, 500),
        errorCount: errors.length,
      });
    removed = await storeInstitutions(ctx, app.actor, applicationId, list, 'institutions.import', origin);
  } finally {
    await ctx.blobs.discard(staged.tempPath);
  }
  await Promise.all(removed.map((key) => ctx.blobs.remove(key)));
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, applicationId, 'application:edit'));
}

export async function listRoster(ctx: Context, actor: Actor | null, applicationId: string) {
  await loadAuthorized(ctx, actor, applicationId, 'application:read');
  return ctx.applications.listRoster(applicationId);
}
