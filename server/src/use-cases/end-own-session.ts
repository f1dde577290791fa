import { AppError } from '../domain/errors.js';
import { describeUserAgent } from '../domain/user-agent.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { hashSessionId, sessionRef } from './steps/session-keys.js';

/** Ends one of the user's own sessions, named by its reference; audited. Ending the current one logs out. */
export async function endOwnSession(
  ctx: Context,
  actor: Actor | null,
  ref: string,
  sessionId: string | undefined,
  origin: RequestOrigin,
): Promise<{ current: boolean }> {
  authorize(actor, 'account:self');
  const current = sessionId ? hashSessionId(sessionId) : null;
  return ctx.transaction(async (tx) => {
    const session = (await tx.sessions.listForUser(actor.userId)).find((s) => sessionRef(s.id_hash) === ref);
    if (!session || !(await tx.sessions.deleteOfUser(actor.userId, session.id_hash)))
      throw new AppError('NOT_FOUND', '该登录设备不存在或已退出登录');
    const isCurrent = session.id_hash === current;
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'session.end',
        targetType: 'user',
        targetId: actor.userId,
        detail: { session: ref, current: isCurrent, ip: session.ip, device: describeUserAgent(session.user_agent) },
      },
      ctx.clock.now(),
    );
    return { current: isCurrent };
  });
}
