import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../use-cases/context.js';

export const auditRoutes = (ctx: Context): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/v1/audit-log',
    {
      config: { policy: 'audit:read' },
      schema: {
        tags: ['审计'],
        summary: '审计日志（省级）',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200), action: z.string().max(64).optional() }),
      },
    },
    async (req) => ({
      items: (await ctx.audit.list(req.query.limit, req.query.action)).map((e) => ({
        id: e.id,
        at: e.at,
        actorName: e.actor_name,
        ip: e.ip,
        action: e.action,
        targetType: e.target_type,
        targetId: e.target_id,
        detail: e.detail ? (JSON.parse(e.detail) as unknown) : null,
      })),
    }),
  );
};
