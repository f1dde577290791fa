import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEndpoints } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { listAuditLog } from '../../use-cases/list-audit-log.js';
import { verifyAuditLog } from '../../use-cases/verify-audit-log.js';
import { serve } from '../serve.js';

export const auditRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    serve(
      app,
      auditEndpoints.list,
      { policy: 'audit:read', tags: ['审计'], summary: '审计日志（省级）' },
      async (req) => listAuditLog(ctx, req.actor, req.query),
    );

    serve(
      app,
      auditEndpoints.verification,
      {
        policy: 'audit:read',
        tags: ['审计'],
        summary: '审计日志完整性校验（省级）',
        description: '重算整条哈希链，并核对链尾记录；不完整时指出第一条被篡改的记录。',
      },
      async (req) => verifyAuditLog(ctx, req.actor),
    );
  };
