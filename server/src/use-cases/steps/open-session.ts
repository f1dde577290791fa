import { randomBytes } from 'node:crypto';
import type { Context, RequestOrigin } from '../context.js';
import { hashSessionId } from './session-keys.js';

/** The longest user agent kept with a session; a longer one is cut. */
const USER_AGENT_MAX = 512;

export interface OpenedSession {
  sessionId: string;
  csrfToken: string;
}

/**
 * Opens a session: a random cookie value (only its hash is stored) and a CSRF token, with the client's
 * address and user agent (shown in the user's list of sessions).
 */
export async function openSession(
  ctx: Context,
  userId: string,
  origin: RequestOrigin = { ip: null },
): Promise<OpenedSession> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const userAgent = origin.userAgent ? origin.userAgent.slice(0, USER_AGENT_MAX) : null;
  await ctx.sessions.insert(hashSessionId(sessionId), userId, csrfToken, ctx.clock.now(), { ip: origin.ip, userAgent });
  return { sessionId, csrfToken };
}
