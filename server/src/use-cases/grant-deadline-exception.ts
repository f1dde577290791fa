import type { CityPackageView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';
import { loadRecommendingAuthority } from './steps/recommending-authorities.js';

/** An exception to the deadline, granted to one city by name, with a reason and an end time (audited). */
export async function grantDeadlineException(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  input: { reason: string; endsAt: string },
  origin: RequestOrigin,
  batchId?: string,
): Promise<CityPackageView> {
  authorize(actor, 'package:manage');
  const batch = await currentBatch(ctx, batchId);
  await loadRecommendingAuthority(ctx, batch, authorityCode);
  const now = ctx.clock.now();
  if (Date.parse(input.endsAt) <= now.getTime())
    throw new AppError('VALIDATION_FAILED', undefined, {
      errors: [{ field: 'endsAt', message: '截止时间：须晚于当前时间' }],
    });
  await ctx.transaction(async (tx) => {
    await tx.recommendations.upsertException({
      batch_id: batch.id,
      authority_code: authorityCode,
      reason: input.reason,
      ends_at: new Date(input.endsAt).toISOString(),
      granted_by: actor.displayName,
      granted_at: now.toISOString(),
    });
    await tx.notifications.raise(
      {
        kind: 'deadline.exception_granted',
        batchId: batch.id,
        authorityCode,
        endsAt: new Date(input.endsAt).toISOString(),
      },
      now,
    );
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'package.exception',
        targetType: 'package',
        targetId: authorityCode,
        detail: input,
      },
      now,
    );
  });
  return loadCityPackage(ctx, batch, authorityCode);
}
