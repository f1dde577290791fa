import type { Actor } from '../../policies/policy.js';
import type { Context } from '../context.js';

/** The audit entry of a change to an application's review, by the official who made it. */
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
