import type { CityPackageView } from '#contract';
import { AppError } from '../domain/errors.js';
import { acceptanceRefusal } from '../domain/package-acceptance.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';

/**
 * 省级受理: the province accepts the submitted version of a city's package it looked at (`version`), once;
 * audited and announced (the city's officials and each recommended applicant) in the same transaction.
 * Acceptance is final: the province no longer returns the package and the city no longer resubmits it.
 * A package received late inside a deadline exception is accepted like any other: the deadline judged its
 * receipt, and acceptance comes after receipt. Of concurrent accepts, or an accept and a return, the
 * conditional UPDATE lets exactly one through; the others get the refusal the package now calls for.
 */
export async function acceptCityPackage(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  version: number,
  origin: RequestOrigin,
  batchId?: string,
): Promise<CityPackageView> {
  authorize(actor, 'package:accept', { kind: 'package', authorityCode });
  const batch = await currentBatch(ctx, batchId);
  const refusal = acceptanceRefusal(await ctx.recommendations.findPackage(batch.id, authorityCode), version);
  if (refusal) throw refusal;
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    if (!(await tx.recommendations.acceptPackage(batch.id, authorityCode, version, actor.userId, now))) {
      throw (
        acceptanceRefusal(await tx.recommendations.findPackage(batch.id, authorityCode), version) ??
        new AppError('INVALID_TRANSITION', '推荐材料状态已变化，请刷新后重试')
      );
    }
    await tx.notifications.raise(
      { kind: 'package.accepted', batchId: batch.id, authorityCode, version, acceptedAt: now.toISOString() },
      now,
    );
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.accept',
        targetType: 'package',
        targetId: authorityCode,
        detail: { version },
      },
      now,
    );
  });
  return loadCityPackage(ctx, batch, authorityCode);
}
