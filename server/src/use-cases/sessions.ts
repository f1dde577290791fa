import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';

const TOUCH_EVERY_MS = 15_000;

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

/** Opens a session: a random cookie value (only its hash is stored) and a CSRF token. */
export async function openSession(ctx: Context, userId: string): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.sessions.insert(hashSessionId(sessionId), userId, csrfToken, ctx.clock.now());
  return { sessionId, csrfToken };
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'active'; actor: Actor; csrfToken: string };

/** Finds the actor behind a cookie; a session idle for longer than the limit is ended. */
export async function resolveSession(ctx: Context, sessionId: string | undefined): Promise<SessionLookup> {
  if (!sessionId) return { state: 'none' };
  const idHash = hashSessionId(sessionId);
  const session = await ctx.sessions.findWithUser(idHash);
  if (!session) return { state: 'none' };
  const now = ctx.clock.now();
  const idleMs = now.getTime() - Date.parse(session.last_seen_at);
  if (idleMs > ctx.config.sessionIdleSeconds * 1000) {
    await ctx.sessions.delete(idHash);
    return { state: 'expired' };
  }
  if (idleMs > TOUCH_EVERY_MS) await ctx.sessions.touch(idHash, now);
  return {
    state: 'active',
    csrfToken: session.csrf_token,
    actor: {
      userId: session.user_id,
      username: session.username,
      displayName: session.display_name,
      role: session.role,
      unitId: session.unit_id,
      authorityCode: session.authority_code,
    },
  };
}

/** Ends the session behind the cookie, audited with it. */
export async function logOut(ctx: Context, actor: Actor, sessionId: string | undefined, origin: RequestOrigin): Promise<void> {
  await ctx.transaction(async (tx) => {
    if (sessionId) await tx.sessions.delete(hashSessionId(sessionId));
    await tx.audit.record({ actorUserId: actor.userId, actorName: actor.username, ip: origin.ip, action: 'logout' }, ctx.clock.now());
  });
}
