import { z } from 'zod';
import { endpoint } from './api/endpoint.js';
import { batchConfigSchema, batchStatusSchema } from './batch.js';

/** A batch as the system administrator sees it: any status, with the version an edit must name. */
export const adminBatchViewSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    isDemo: z.boolean(),
    label: z.string(),
    status: batchStatusSchema,
    /** Raised by every change; updates, publication and amendments send the version they were made on. */
    version: z.number().int(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    config: batchConfigSchema,
  })
  .meta({ id: 'AdminBatch', description: '申报批次（系统管理员视图：含状态与版本号）' });
export type AdminBatchView = z.infer<typeof adminBatchViewSchema>;

const version = z.number({ error: '须给出版本号' }).int().min(1);

/** A new batch, copied from an existing one for the given year. */
export const createBatchInputSchema = z
  .object({
    fromBatchId: z.string({ error: '请选择复制来源批次' }).min(1, { error: '请选择复制来源批次' }).max(40),
    year: z
      .number({ error: '年度须为数字' })
      .int({ error: '年度须为整数' })
      .min(2000, { error: '年度须在2000至2100之间' })
      .max(2100, { error: '年度须在2000至2100之间' }),
  })
  .meta({
    description:
      '以已有批次为模板新建批次：标题、名称、通知标题与正文中的来源年度改为新年度；通知日期、基准日期、资产时点与两个截止时间整体顺延相差的年数（须由管理员重新核定后再发布）；修改记录清空',
  });
export type CreateBatchInput = z.infer<typeof createBatchInputSchema>;

/** The whole configuration of a batch in preparation (a full replace). */
export const updateBatchInputSchema = z
  .object({
    version,
    label: z.string().trim().min(1, { error: '请填写批次名称' }).max(100),
    config: batchConfigSchema,
  })
  .meta({ description: '筹备中批次的完整配置（整体替换；版本号过期时返回409）' });
export type UpdateBatchInput = z.infer<typeof updateBatchInputSchema>;

export const publishBatchInputSchema = z.object({ version });
export type PublishBatchInput = z.infer<typeof publishBatchInputSchema>;

/** After publication: the application and city deadlines may only move later, with a reason. */
export const extendBatchDeadlinesInputSchema = z
  .object({
    version,
    /** ISO instant with offset, e.g. 2023-12-15T23:59:59+08:00; null keeps “until the city deadline”. */
    applicationDeadline: z.string().nullable(),
    cityDeadline: z.string(),
    reason: z.string().trim().min(2, { error: '请填写延期原因' }).max(500),
  })
  .meta({ description: '已发布批次延长截止时间（只能推迟，须说明原因，向批次全部用户公示）' });
export type ExtendBatchDeadlinesInput = z.infer<typeof extendBatchDeadlinesInputSchema>;

/** After publication: the configuration with only wording corrected (titles, notice, labels); keys stay. */
export const correctBatchWordingInputSchema = z
  .object({
    version,
    label: z.string().trim().min(1, { error: '请填写批次名称' }).max(100),
    config: batchConfigSchema,
    summary: z.string().trim().min(2, { error: '请说明更正内容' }).max(500),
  })
  .meta({
    description:
      '已发布批次更正文字：只能修改标题、通知（发文单位、标题、正文、地址、联系人）以及材料类型、特定区域、特定区域类型的名称（键不变）；改变资格判定的字段返回409并指明字段',
  });
export type CorrectBatchWordingInput = z.infer<typeof correctBatchWordingInputSchema>;

const batchParams = z.object({ batchId: z.string().regex(/^[\w-]{1,40}$/, { error: '批次编号格式不正确' }) });

/** The system administrator's batches (申报批次管理): copy, edit in preparation, publish, amend. */
export const batchAdminEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/admin/batches',
    response: z.object({ items: z.array(adminBatchViewSchema) }),
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/v1/admin/batches/:batchId',
    params: batchParams,
    response: adminBatchViewSchema,
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/v1/admin/batches',
    body: createBatchInputSchema,
    status: 201,
    response: adminBatchViewSchema,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/v1/admin/batches/:batchId',
    params: batchParams,
    body: updateBatchInputSchema,
    response: adminBatchViewSchema,
  }),
  publish: endpoint({
    method: 'POST',
    path: '/api/v1/admin/batches/:batchId/publish',
    params: batchParams,
    body: publishBatchInputSchema,
    response: adminBatchViewSchema,
  }),
  extendDeadlines: endpoint({
    method: 'POST',
    path: '/api/v1/admin/batches/:batchId/deadlines',
    params: batchParams,
    body: extendBatchDeadlinesInputSchema,
    response: adminBatchViewSchema,
  }),
  correctWording: endpoint({
    method: 'POST',
    path: '/api/v1/admin/batches/:batchId/wording',
    params: batchParams,
    body: correctBatchWordingInputSchema,
    response: adminBatchViewSchema,
  }),
};
