import type { ActiveSession } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentActiveSession } from '../presenters/session.js';
import type { Context } from './context.js';
import { sessionHasExpired } from './guards/session-expiry.js';
import { hashSessionId } from './steps/session-keys.js';

/** The signed-in user's active sessions, the most recently used first, the one asking marked current. */
export async function listOwnSessions(
  ctx: Context,
  actor: Actor | null,
  sessionId: string | undefined,
): Promise<ActiveSession[]> {
  authorize(actor, 'account:self');
  const current = sessionId ? hashSessionId(sessionId) : null;
  const now = ctx.clock.now();
  const rows = await ctx.sessions.listForUser(actor.userId);
  return rows.filter((s) => !sessionHasExpired(ctx, s, now)).map((s) => presentActiveSession(s, s.id_hash === current));
}
