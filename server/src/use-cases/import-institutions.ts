import { normalizeUscc, type ApplicationView } from '#contract';
import { AppError } from '../domain/errors.js';
import { institutionProblems } from '../domain/institutions.js';
import type { Actor } from '../policies/policy.js';
import { institutionSpec, parseList } from '../spreadsheets/list-workbooks.js';
import type { Context, RequestOrigin } from './context.js';
import { loadApplicationView, loadAuthorized, loadEditable } from './loaders/application.js';
import { stageUpload, type ReceiveFile } from './steps/stage-upload.js';
import { storeInstitutions } from './steps/store-institutions.js';

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
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, applicationId, 'application:edit'));
}
