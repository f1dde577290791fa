import type { Context } from './context.js';

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
