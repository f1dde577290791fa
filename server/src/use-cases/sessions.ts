import { createHash, randomBytes } from 'node:crypto';
import type { ActiveSession } from '#contract';
import { AppError } from '../domain/errors.js';
import { describeUserAgent } from '../domain/user-agent.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { secondFactorRequired } from './second-factor.js';

const TOUCH_EVERY_MS = 15_000;

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * The opaque reference by which the list of sessions names a session: a SHA-256 of the stored hash
 * under a label of its own, so it reveals neither the cookie value nor the key of the row.
 */
const sessionRef = (idHash: string): string =>
  createHash('sha256').update(`session-ref\n${idHash}`).digest('base64url').slice(0, 22);

/** The longest user agent kept with a session; a longer one is cut. */
const USER_AGENT_MAX = 512;

/**
 * Opens a session: a random cookie value (only its hash is stored) and a CSRF token, with the client's
 * address and user agent (shown in the user's list of sessions).
 */
export async function openSession(
  ctx: Context,
  userId: string,
  origin: RequestOrigin = { ip: null },
): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const userAgent = origin.userAgent ? origin.userAgent.slice(0, USER_AGENT_MAX) : null;
  await ctx.sessions.insert(hashSessionId(sessionId), userId, csrfToken, ctx.clock.now(), { ip: origin.ip, userAgent });
  return { sessionId, csrfToken };
}

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

/** Whether a session has ended by time: idle for longer than the limit, or open for longer than the absolute lifetime. */
function hasExpired(ctx: Context, session: { created_at: string; last_seen_at: string }, now: Date): boolean {
  const idleMs = now.getTime() - Date.parse(session.last_seen_at);
  const openMs = now.getTime() - Date.parse(session.created_at);
  return idleMs > ctx.config.sessionIdleSeconds * 1000 || openMs > ctx.config.sessionAbsoluteSeconds * 1000;
}

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
  if (hasExpired(ctx, session, now)) {
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
  return rows
    .filter((s) => !hasExpired(ctx, s, now))
    .map((s) => ({
      id: sessionRef(s.id_hash),
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      ip: s.ip,
      device: describeUserAgent(s.user_agent),
      userAgent: s.user_agent,
      current: s.id_hash === current,
    }));
}

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

/**
 * Removes the rows of sessions that ended by time — idle past the limit or open past the absolute
 * lifetime — which nobody came back to end (a request with such a cookie ends its own); returns how many.
 */
export async function sweepExpiredSessions(ctx: Context): Promise<number> {
  const now = ctx.clock.now().getTime();
  return ctx.sessions.deleteExpired(
    new Date(now - ctx.config.sessionIdleSeconds * 1000),
    new Date(now - ctx.config.sessionAbsoluteSeconds * 1000),
  );
}
