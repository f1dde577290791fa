import type { MarkNotificationsRead } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';

/**
 * Marks the user's own notifications read, the given ones or all; ids of another user's notifications
 * match nothing. Not audited: reading one's notifications changes nothing anyone else relies on.
 */
export async function markNotificationsRead(
  ctx: Context,
  actor: Actor | null,
  input: MarkNotificationsRead,
): Promise<{ unread: number }> {
  authorize(actor, 'account:self');
  await ctx.notifications.markRead(actor.userId, 'all' in input ? 'all' : input.ids, ctx.clock.now());
  return { unread: (await ctx.notifications.countsForUser(actor.userId)).unread };
}
