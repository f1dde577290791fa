import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyAuditChain } from '../../audit/verify-audit.js';
import type { Context } from '../../use-cases/context.js';

export const auditRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/audit-log',
      {
        config: { policy: 'audit:read' },
        schema: {
          tags: ['审计'],
          summary: '审计日志（省级）',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(1000).default(200),
            action: z.string().max(64).optional(),
          }),
        },
      },
      async (req) => ({
        items: (await ctx.audit.list(req.query.limit, req.query.action)).map((e) => ({
          id: e.id,
          seq: e.seq,
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

    app.get(
      '/api/v1/audit-log/verification',
      {
        config: { policy: 'audit:read' },
        schema: {
          tags: ['审计'],
          summary: '审计日志完整性校验（省级）',
          description: '重算整条哈希链，并核对链尾记录；不完整时指出第一条被篡改的记录。',
        },
      },
      async () => ({ ...(await verifyAuditChain(ctx.db)), checkedAt: ctx.clock.now().toISOString() }),
    );
  };
