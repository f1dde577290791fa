import type { ActiveSession, SessionView } from '#contract';
import type { Config } from '../config.js';
import { describeUserAgent } from '../domain/user-agent.js';
import type { Actor } from '../policies/policy.js';
import type { SessionRepository } from '../repositories/session-repository.js';
import { sessionRef } from '../use-cases/steps/session-keys.js';

/** What the security hook knows of a request's session (or what a login that just opened one resolved). */
export interface SessionState {
  actor: Actor | null;
  csrfToken: string | null;
  mustChangePassword: boolean;
  secondFactor: { required: boolean; enrolled: boolean } | null;
}

/** The session as the web app starts from it: the user (or nobody), the CSRF token, the idle limit, demo mode. */
export function presentSession(state: SessionState, config: Pick<Config, 'sessionIdleSeconds' | 'demo'>): SessionView {
  const { actor } = state;
  return {
    user: actor && {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      unitId: actor.unitId,
      authorityCode: actor.authorityCode,
      mustChangePassword: state.mustChangePassword,
      totpRequired: state.secondFactor?.required ?? false,
      totpEnrolled: state.secondFactor?.enrolled ?? false,
    },
    csrfToken: state.csrfToken,
    idleTimeoutSeconds: config.sessionIdleSeconds,
    demo: config.demo,
  };
}

export type SessionRecord = Awaited<ReturnType<SessionRepository['listForUser']>>[number];

/** One of the user's sessions, named by its reference (never the key of the row), its device in words. */
export function presentActiveSession(s: SessionRecord, current: boolean): ActiveSession {
  return {
    id: sessionRef(s.id_hash),
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    ip: s.ip,
    device: describeUserAgent(s.user_agent),
    userAgent: s.user_agent,
    current,
  };
}
