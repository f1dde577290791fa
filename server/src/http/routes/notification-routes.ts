import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notificationEndpoints as api } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { countUnreadNotifications, listNotifications } from '../../use-cases/list-notifications.js';
import { markNotificationsRead } from '../../use-cases/mark-notifications-read.js';
import { getNotificationEmail, setNotificationEmail } from '../../use-cases/set-notification-email.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';

/** The signed-in user's notification centre (every role) and the address notifications are emailed to. */
export const notificationRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['通知'];

    serve(app, api.list, { policy: 'account:self', tags, summary: '本人的通知（新的在前，分页）' }, async (req) =>
      listNotifications(ctx, req.actor, req.query),
    );
    serve(app, api.unread, { policy: 'account:self', tags, summary: '本人未读通知的数量' }, async (req) =>
      countUnreadNotifications(ctx, req.actor),
    );
    serve(
      app,
      api.markRead,
      { policy: 'account:self', tags, summary: '将本人的通知标为已读（指定的或全部）' },
      async (req) => markNotificationsRead(ctx, req.actor, req.body),
    );
    serve(app, api.getEmail, { policy: 'account:self', tags, summary: '接收通知邮件的电子邮箱' }, async (req) =>
      getNotificationEmail(ctx, req.actor),
    );
    serve(
      app,
      api.setEmail,
      { policy: 'account:self', tags, summary: '设置或清除接收通知邮件的电子邮箱' },
      async (req) => setNotificationEmail(ctx, req.actor, req.body, originOf(req)),
    );
  };
