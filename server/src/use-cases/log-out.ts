import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { hashSessionId } from './steps/session-keys.js';

/** Ends the session behind the cookie, audited with it. */
export async function logOut(
  ctx: Context,
  actor: Actor | null,
  sessionId: string | undefined,
  origin: RequestOrigin,
): Promise<void> {
  authorize(actor, 'session:use');
  await ctx.transaction(async (tx) => {
    if (sessionId) await tx.sessions.delete(hashSessionId(sessionId));
    await tx.audit.record(
      { actorUserId: actor.userId, actorName: actor.username, ip: origin.ip, action: 'logout' },
      ctx.clock.now(),
    );
  });
}
