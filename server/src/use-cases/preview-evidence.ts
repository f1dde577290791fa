import type { EvidencePreview } from '#contract';
import { docxPreview } from '../documents/preview/docx-preview.js';
import { ofdPreview } from '../documents/preview/ofd-preview.js';
import { PreviewError, PreviewZip } from '../documents/preview/preview-zip.js';
import { xlsxPreview } from '../documents/preview/xlsx-preview.js';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { CITY_FILE_TYPES } from '../repositories/application-repository.js';
import { mediaTypes } from '../storage/content-type.js';
import type { Context, RequestOrigin } from './context.js';
import { loadAuthorized } from './loaders/application.js';

const previewers = new Map<string, (zip: PreviewZip) => Promise<EvidencePreview>>([
  [mediaTypes.docx, docxPreview],
  [mediaTypes.xlsx, xlsxPreview],
  [mediaTypes.ofd, ofdPreview],
]);

/**
 * A Word, Excel or OFD file of the application as structured text for the page to render, under the same
 * permission as its download and audited like one (evidence.preview). The stored file is read with every
 * inflation and parse bounded (documents/preview); a file that is damaged, hostile or too large is a 422
 * naming it, never a 500.
 */
export async function previewEvidence(
  ctx: Context,
  actor: Actor | null,
  applicationId: string,
  fileId: string,
  origin: RequestOrigin,
): Promise<EvidencePreview> {
  const app = await loadAuthorized(ctx, actor, applicationId, 'evidence:download');
  const file = await ctx.applications.findFile(applicationId, fileId);
  if (!file) throw new AppError('NOT_FOUND', '文件不存在');
  if (CITY_FILE_TYPES.includes(file.evidence_type)) authorize(actor, 'review:read', app.resource);
  const previewer = previewers.get(file.media_type);
  if (!previewer)
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `“${file.original_name}”不是 Word、Excel 或 OFD 文件，请直接在浏览器中查看或下载`,
    );
  await ctx.audit.record(
    {
      actorUserId: app.actor.userId,
      actorName: app.actor.username,
      ip: origin.ip,
      action: 'evidence.preview',
      targetType: 'application',
      targetId: applicationId,
      detail: { fileId, name: file.original_name },
    },
    ctx.clock.now(),
  );
  try {
    return await ctx.blobs.withLocalCopy(file.storage_key, async (localPath) => {
      const zip = await PreviewZip.open(localPath);
      try {
        return await previewer(zip);
      } finally {
        zip.close();
      }
    });
  } catch (err) {
    if (!(err instanceof PreviewError)) throw err;
    throw new AppError(
      'PREVIEW_FAILED',
      `无法预览“${file.original_name}”：文件内容损坏或过大（${err.message}），请下载后用相应软件打开`,
    );
  }
}
