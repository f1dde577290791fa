import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import type { ExportedFile } from './steps/exported-file.js';
import { citySummaryFile } from './steps/summary-table.js';

/** 附件2 of one city as Excel or PDF: the city's own, or any city's for the province. */
export async function exportCitySummary(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  format: 'xlsx' | 'pdf',
  origin: RequestOrigin,
  batchId?: string,
): Promise<ExportedFile> {
  authorize(actor, 'package:read', { kind: 'package', authorityCode });
  return citySummaryFile(ctx, actor, authorityCode, format, origin, batchId);
}
