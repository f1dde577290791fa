import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { batchAdminEndpoints as batches } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { correctBatchWording } from '../../use-cases/correct-batch-wording.js';
import { createBatch } from '../../use-cases/create-batch.js';
import { extendBatchDeadlines } from '../../use-cases/extend-batch-deadlines.js';
import { getAdminBatch, listAdminBatches } from '../../use-cases/list-admin-batches.js';
import { publishBatch } from '../../use-cases/publish-batch.js';
import { updateBatch } from '../../use-cases/update-batch.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';

/**
 * 申报批次管理 (the system administrator): next year's batch copied from a previous one, edited while in
 * preparation, published; after publication only deadlines extended and wording corrected.
 */
export const batchAdminRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['申报批次管理（系统管理员）'];
    const conflict =
      '版本号不是当前版本时返回409（BATCH_CHANGED，他人刚修改过）；配置有误时返回422（BATCH_INVALID），errors 逐项列出字段（config.…）与中文说明。';

    serve(
      app,
      batches.list,
      { policy: 'batch:admin', tags, summary: '全部申报批次（含筹备中），新年度在前' },
      async (req) => ({ items: await listAdminBatches(ctx, req.actor) }),
    );

    serve(
      app,
      batches.get,
      { policy: 'batch:admin', tags, summary: '一个申报批次（含状态、版本号与完整配置）' },
      async (req) => getAdminBatch(ctx, req.actor, req.params.batchId),
    );

    serve(
      app,
      batches.create,
      {
        policy: 'batch:admin',
        tags,
        summary: '复制已有批次新建下一年度批次（筹备中）',
        description:
          '来源年度在标题、名称、通知标题与正文中改为新年度；通知日期、基准日期、资产时点与截止时间整体顺延相差的年数，须按新通知核定。该年度已有已发布的正式批次时返回422。',
      },
      async (req, reply) => {
        reply.status(201);
        return createBatch(ctx, req.actor, req.body, originOf(req));
      },
    );

    serve(
      app,
      batches.update,
      {
        policy: 'batch:admin',
        tags,
        summary: '保存筹备中批次的完整配置（整体替换）',
        description: `已发布的批次返回409（BATCH_PUBLISHED）。${conflict}`,
      },
      async (req) => updateBatch(ctx, req.actor, req.params.batchId, req.body, originOf(req)),
    );

    serve(
      app,
      batches.publish,
      {
        policy: 'batch:admin',
        tags,
        summary: '发布批次（再次校验全部配置；发布后全体用户可见）',
        description: `同一年度已有已发布的正式批次时返回422（字段 year）。${conflict}`,
      },
      async (req) => publishBatch(ctx, req.actor, req.params.batchId, req.body.version, originOf(req)),
    );

    serve(
      app,
      batches.extendDeadlines,
      {
        policy: 'batch:admin',
        tags,
        summary: '延长已发布批次的截止时间（只能推迟，须说明原因，记入批次修改记录并向全体用户公示）',
        description: `筹备中的批次返回409（BATCH_IN_PREPARATION）。${conflict}`,
      },
      async (req) => extendBatchDeadlines(ctx, req.actor, req.params.batchId, req.body, originOf(req)),
    );

    serve(
      app,
      batches.correctWording,
      {
        policy: 'batch:admin',
        tags,
        summary: '更正已发布批次的文字（标题、通知、各类名称；键不变），记入批次修改记录',
        description: `改动会影响资格判定或推荐的字段（门槛、类别、名额、推荐路径、特定区域、材料要求、日期）返回409（BATCH_PUBLISHED），errors 指明字段。${conflict}`,
      },
      async (req) => correctBatchWording(ctx, req.actor, req.params.batchId, req.body, originOf(req)),
    );
  };
