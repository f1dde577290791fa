import { AppError } from '../../domain/errors.js';
import { isPackageLocked } from '../../domain/package-status.js';
import type { Context } from '../context.js';
import type { LoadedApplication } from '../loaders/application.js';

/** A recommended application stays as it is once its city's package is with the province. */
export async function assertPackageOpen(ctx: Context, app: LoadedApplication): Promise<void> {
  if (app.row.status !== 'recommended') return;
  const pkg = await ctx.recommendations.findPackage(app.row.batch_id, app.row.authority_code);
  if (isPackageLocked(pkg?.status ?? null)) throw new AppError('PACKAGE_LOCKED');
}
