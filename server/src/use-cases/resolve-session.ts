import type { Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { secondFactorRequired } from './guards/second-factor.js';
import { sessionHasExpired } from './guards/session-expiry.js';
import { hashSessionId } from './steps/session-keys.js';

/** A session's last request is recorded at most this often. */
const TOUCH_EVERY_MS = 15_000;

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired' }
  | {
      state: 'active';
      actor: Actor;
      csrfToken: string;
      mustChangePassword: boolean;
      secondFactor: { required: boolean; enrolled: boolean };
    };

/**
 * Finds the actor behind a cookie; a session idle for longer than the limit, or open for longer than the
 * absolute lifetime however active, is ended.
 */
export async function resolveSession(ctx: Context, sessionId: string | undefined): Promise<SessionLookup> {
  if (!sessionId) return { state: 'none' };
  const idHash = hashSessionId(sessionId);
  const session = await ctx.sessions.findWithUser(idHash);
  if (!session) return { state: 'none' };
  const now = ctx.clock.now();
  const idleMs = now.getTime() - Date.parse(session.last_seen_at);
  if (sessionHasExpired(ctx, session, now)) {
    await ctx.sessions.delete(idHash);
    return { state: 'expired' };
  }
  if (idleMs > TOUCH_EVERY_MS) await ctx.sessions.touch(idHash, now);
  return {
    state: 'active',
    csrfToken: session.csrf_token,
    mustChangePassword: session.must_change_password === 1,
    secondFactor: {
      required: secondFactorRequired(ctx.config, session.role, session.require_totp === 1),
      enrolled: session.totp_enabled_at !== null,
    },
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
