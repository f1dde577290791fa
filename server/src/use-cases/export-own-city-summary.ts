import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import type { ExportedFile } from './steps/exported-file.js';
import { citySummaryFile } from './steps/summary-table.js';

/** 附件2 of the signed-in city's own package. */
export async function exportOwnCitySummary(
  ctx: Context,
  actor: Actor | null,
  format: 'xlsx' | 'pdf',
  origin: RequestOrigin,
  batchId?: string,
): Promise<ExportedFile> {
  authorize(actor, 'package:own');
  return citySummaryFile(ctx, actor, actor.authorityCode!, format, origin, batchId);
}
