import type { ReceiptView } from '#contract';
import { AppError } from '../../domain/errors.js';
import { presentReceipt, type ApplicationSnapshot } from '../../presenters/receipt.js';
import type { Context } from '../context.js';
import type { LoadedApplication } from './application.js';

/** The receipt (回执) of the latest submitted version of a loaded application. */
export async function loadReceipt(ctx: Context, app: LoadedApplication): Promise<ReceiptView> {
  const id = app.row.id;
  const version = await ctx.applications.latestVersion(id);
  if (!version) throw new AppError('NOT_FOUND', '该申报尚未提交，没有回执');
  const authority = await ctx.references.findAuthority(app.row.authority_code);
  return presentReceipt({
    applicationId: id,
    version,
    snapshot: JSON.parse(version.snapshot) as ApplicationSnapshot,
    batchTitle: app.batch.label,
    authorityName: authority?.name ?? app.row.authority_code,
    corrections: await ctx.files.listCorrections(id),
  });
}
