import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionEndpoints as api } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { endOtherSessions } from '../../use-cases/end-other-sessions.js';
import { endOwnSession } from '../../use-cases/end-own-session.js';
import { listOwnSessions } from '../../use-cases/list-own-sessions.js';
import { originOf, SESSION_COOKIE } from '../security.js';
import { serve } from '../serve.js';

/** The signed-in user's own sessions (登录设备): list them, end one, end all others. */
export const sessionRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['账户'];

    serve(
      app,
      api.list,
      { policy: 'account:self', tags, summary: '本人的登录设备（当前有效的会话）' },
      async (req) => ({
        items: await listOwnSessions(ctx, req.actor, req.cookies[SESSION_COOKIE]),
      }),
    );

    serve(
      app,
      api.end,
      { policy: 'account:self', tags, summary: '结束本人的一个登录设备（结束当前设备即退出登录）' },
      async (req, reply) => {
        const { current } = await endOwnSession(
          ctx,
          req.actor,
          req.params.sessionId,
          req.cookies[SESSION_COOKIE],
          originOf(req),
        );
        if (current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    serve(
      app,
      api.endOthers,
      { policy: 'account:self', tags, summary: '结束本人除当前设备外的所有登录设备' },
      async (req) => endOtherSessions(ctx, req.actor, req.cookies[SESSION_COOKIE]!, originOf(req)),
    );
  };
