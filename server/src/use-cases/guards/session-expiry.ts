import type { Context } from '../context.js';

/** Whether a session has ended by time: idle for longer than the limit, or open for longer than the absolute lifetime. */
export function sessionHasExpired(
  ctx: Context,
  session: { created_at: string; last_seen_at: string },
  now: Date,
): boolean {
  const idleMs = now.getTime() - Date.parse(session.last_seen_at);
  const openMs = now.getTime() - Date.parse(session.created_at);
  return idleMs > ctx.config.sessionIdleSeconds * 1000 || openMs > ctx.config.sessionAbsoluteSeconds * 1000;
}
