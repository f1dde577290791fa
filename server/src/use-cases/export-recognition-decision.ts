import { renderRecognitionDecisionDocx, renderRecognitionDecisionPdf } from '../documents/recognition-decision.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadPublicity } from './loaders/publicity.js';
import { auditedBy } from './steps/audited-by.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';
import { recognitionDecisionFor } from './steps/recognition-decision.js';

/**
 * 认定文件 of a 公示, Word or PDF (issue 16 item 3): the province's notice recognising the platforms of its 认定,
 * under the 发文字号 and 成文日期 认定 gave it, the list as its attachment. Refused (409) before 认定.
 */
export async function exportRecognitionDecision(
  ctx: Context,
  actor: Actor | null,
  publicityId: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  authorize(actor, 'publicity:manage');
  const publicity = await loadPublicity(ctx, publicityId);
  const decision = await recognitionDecisionFor(ctx, publicity);
  await ctx.audit.record(
    {
      ...auditedBy(actor, origin.ip),
      action: 'document.download',
      targetType: 'publicity',
      targetId: publicity.id,
      detail: { document: `decision.${format}`, docNumber: decision.docNumber },
    },
    ctx.clock.now(),
  );
  return exportedFile(decision.title, format, {
    docx: () => renderRecognitionDecisionDocx(decision),
    pdf: () => renderRecognitionDecisionPdf(decision),
  });
}
