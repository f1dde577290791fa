import type { NotificationPage } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentNotification } from '../presenters/notification.js';
import type { Context } from './context.js';

/** The signed-in user's own notifications, newest first, a page at a time, with the unread count. */
export async function listNotifications(
  ctx: Context,
  actor: Actor | null,
  page: { limit: number; offset: number },
): Promise<NotificationPage> {
  authorize(actor, 'account:self');
  const { items, total, unread } = await ctx.notifications.listForUser(actor.userId, page.limit, page.offset);
  return { items: items.map(presentNotification), total, unread };
}

/** How many of the user's notifications are unread (the bell's count). */
export async function countUnreadNotifications(ctx: Context, actor: Actor | null): Promise<{ unread: number }> {
  authorize(actor, 'account:self');
  return { unread: (await ctx.notifications.countsForUser(actor.userId)).unread };
}
