import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { precheckInputSchema, precheckResultSchema } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { isBatchOpen } from '../../use-cases/get-my-application.js';
import { precheckEligibility } from '../../use-cases/precheck-eligibility.js';

export const referenceRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/reference',
      { config: { policy: 'public' }, schema: { tags: ['基础数据'], summary: '地区与推荐单位' } },
      async () => {
        const [regions, authorities] = await Promise.all([
          ctx.references.listRegions(),
          ctx.references.listAuthorities(),
        ]);
        return {
          regions: regions.map((r) => ({
            code: r.code,
            name: r.name,
            authorityCode: r.authority_code,
            authorityName: r.authority_name,
          })),
          authorities: authorities.filter((a) => a.kind === 'city').map((a) => ({ code: a.code, name: a.name })),
          demo: ctx.config.demo,
        };
      },
    );

    app.get(
      '/api/v1/batches',
      { config: { policy: 'public' }, schema: { tags: ['基础数据'], summary: '申报批次' } },
      async () => {
        const now = ctx.clock.now();
        return (await ctx.references.listBatches()).map((b) => ({ ...b, open: isBatchOpen(b, now) }));
      },
    );

    app.post(
      '/api/v1/precheck',
      {
        config: { policy: 'public' },
        schema: {
          tags: ['申报条件自测'],
          summary: '申报条件自测：一次列出全部不符合的条件',
          body: precheckInputSchema,
          response: { 200: precheckResultSchema },
        },
      },
      async (req) => precheckEligibility(ctx, req.body),
    );
  };
