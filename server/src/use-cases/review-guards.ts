import { isUnderCityReview } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import { isPackageLocked } from '../domain/package-status.js';
import type { Actor } from '../policies/policy.js';
import type { AuthorizedApplication, LoadedApplication } from './application-view.js';
import type { Context } from './context.js';
import { loadForReview } from './review-view.js';

/**
 * Loads an application the city official may record findings on: its own authority's, before it, and
 * not locked in a package already submitted to the province.
 */
export async function loadReviewable(ctx: Context, actor: Actor | null, id: string): Promise<AuthorizedApplication> {
  const app = await loadForReview(ctx, actor, id, 'review:write');
  if (!isUnderCityReview(app.row.status)) {
    throw new AppError(
      'INVALID_TRANSITION',
      app.row.status === 'returned'
        ? '申报已退回修改，待申报单位重新提交后再审核'
        : '该申报已结束审核，不能再修改审核记录',
    );
  }
  await assertPackageOpen(ctx, app);
  return app;
}

export async function assertPackageOpen(ctx: Context, app: LoadedApplication): Promise<void> {
  if (app.row.status !== 'recommended') return;
  const pkg = await ctx.recommendations.findPackage(app.row.batch_id, app.row.authority_code);
  if (isPackageLocked(pkg?.status ?? null)) throw new AppError('PACKAGE_LOCKED');
}

export function auditReview(
  ctx: Context,
  actor: Actor,
  applicationId: string,
  action: string,
  detail: Record<string, unknown> = {},
  ip: string | null = null,
) {
  return ctx.audit.record(
    {
      actorUserId: actor.userId,
      actorName: actor.username,
      ip,
      action,
      targetType: 'application',
      targetId: applicationId,
      detail,
    },
    ctx.clock.now(),
  );
}
