import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { precheckEndpoints, referenceEndpoints } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { getReferenceData } from '../../use-cases/get-reference-data.js';
import { listBatches } from '../../use-cases/list-batches.js';
import { precheckEligibility } from '../../use-cases/precheck-eligibility.js';
import { serve } from '../serve.js';

export const referenceRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    serve(
      app,
      referenceEndpoints.reference,
      { policy: 'public', tags: ['基础数据'], summary: '地区与推荐单位' },
      async () => getReferenceData(ctx),
    );

    serve(app, referenceEndpoints.batches, { policy: 'public', tags: ['基础数据'], summary: '申报批次' }, async () =>
      listBatches(ctx),
    );

    serve(
      app,
      precheckEndpoints.check,
      { policy: 'public', tags: ['申报条件自测'], summary: '申报条件自测：一次列出全部不符合的条件' },
      async (req) => precheckEligibility(ctx, req.body),
    );
  };
