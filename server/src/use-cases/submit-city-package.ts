import { randomUUID } from 'node:crypto';
import type { CityPackageView } from '#contract';
import { isWithinDeadline } from '../domain/deadline.js';
import { AppError } from '../domain/errors.js';
import { nextPackageStatus } from '../domain/package-status.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';

/**
 * 报送: received by the deadline (to the second, by the server's clock) or inside the province's
 * exception; otherwise DEADLINE_PASSED and nothing changes. The quota is checked again here.
 */
export async function submitCityPackage(
  ctx: Context,
  actor: Actor | null,
  origin: RequestOrigin,
): Promise<CityPackageView> {
  authorize(actor, 'package:own');
  const now = ctx.clock.now();
  const batch = await currentBatch(ctx);
  const code = actor.authorityCode!;
  const exception = await ctx.recommendations.findException(batch.id, code);
  if (!isWithinDeadline(now, batch.config.cityDeadline, exception ? { endsAt: exception.ends_at } : null)) {
    await ctx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.submit_refused',
        targetType: 'package',
        targetId: code,
        detail: { reason: 'deadline' },
      },
      now,
    );
    throw new AppError('DEADLINE_PASSED');
  }
  const view = await loadCityPackage(ctx, batch, code);
  const pkg = await ctx.recommendations.findPackage(batch.id, code);
  nextPackageStatus(pkg?.status ?? 'draft', 'submit');
  if (view.problems.length) throw new AppError('NOT_READY', view.problems.join('；'), { problems: view.problems });
  await ctx.transaction(async (tx) => {
    const done = await tx.recommendations.submitPackage(
      batch.id,
      code,
      {
        id: randomUUID(),
        snapshot: JSON.stringify({ recommended: view.recommended, quota: view.quota }),
        submittedBy: actor.userId,
      },
      now,
    );
    if (!done) throw new AppError('INVALID_TRANSITION', '推荐材料已报送');
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.submit',
        targetType: 'package',
        targetId: code,
        detail: { batchId: batch.id, platforms: view.recommended.length },
      },
      now,
    );
  });
  return loadCityPackage(ctx, batch, code);
}
