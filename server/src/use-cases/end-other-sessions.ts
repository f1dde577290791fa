import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { hashSessionId } from './steps/session-keys.js';

/** Ends every session of the user except the one asking; audited with how many ended. */
export async function endOtherSessions(
  ctx: Context,
  actor: Actor | null,
  sessionId: string,
  origin: RequestOrigin,
): Promise<{ ended: number }> {
  authorize(actor, 'account:self');
  return ctx.transaction(async (tx) => {
    const ended = await tx.sessions.deleteAllForUser(actor.userId, hashSessionId(sessionId));
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'session.end_others',
        targetType: 'user',
        targetId: actor.userId,
        detail: { ended },
      },
      ctx.clock.now(),
    );
    return { ended };
  });
}
