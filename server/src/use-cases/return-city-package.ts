import type { CityPackageView } from '#contract';
import { AppError } from '../domain/errors.js';
import { assertNotAccepted } from '../domain/package-acceptance.js';
import { nextPackageStatus } from '../domain/package-status.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';

/** The province returns a package with remarks; the city may change and resubmit within the deadline or an exception. */
export async function returnCityPackage(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  remarks: string,
  origin: RequestOrigin,
  batchId?: string,
): Promise<CityPackageView> {
  authorize(actor, 'package:manage');
  const batch = await currentBatch(ctx, batchId);
  const pkg = await ctx.recommendations.findPackage(batch.id, authorityCode);
  if (!pkg) throw new AppError('INVALID_TRANSITION', '该市尚未报送推荐材料');
  assertNotAccepted(pkg, 'return');
  nextPackageStatus(pkg.status, 'return');
  await ctx.transaction(async (tx) => {
    if (!(await tx.recommendations.returnPackage(batch.id, authorityCode, remarks, ctx.clock.now()))) {
      assertNotAccepted(await tx.recommendations.findPackage(batch.id, authorityCode), 'return');
      throw new AppError('INVALID_TRANSITION', '推荐材料状态已变化，请刷新后重试');
    }
    await tx.notifications.raise(
      { kind: 'package.returned', batchId: batch.id, authorityCode, remarks },
      ctx.clock.now(),
    );
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.return',
        targetType: 'package',
        targetId: authorityCode,
        detail: { remarks },
      },
      ctx.clock.now(),
    );
  });
  return loadCityPackage(ctx, batch, authorityCode);
}
