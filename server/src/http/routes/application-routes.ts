import { finished, PassThrough } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applicationDraftSchema, institutionInputSchema, reviewableStatuses } from '#contract';
import { AppError } from '../../domain/errors.js';
import { maskPhone } from '../../domain/masking.js';
import { buildTemplate, institutionSpec, rosterSpec } from '../../spreadsheets/list-workbooks.js';
import type { Context } from '../../use-cases/context.js';
import { getMyApplication } from '../../use-cases/get-my-application.js';
import { importInstitutions, importRoster, listRoster } from '../../use-cases/import-lists.js';
import { buildApplicationView, loadAuthorized } from '../../use-cases/application-view.js';
import { listApplications } from '../../use-cases/list-applications.js';
import { viewApplication } from '../../use-cases/view-application.js';
import { replaceInstitutions, saveApplicationDraft } from '../../use-cases/save-application-draft.js';
import { getReceipt, submitApplication } from '../../use-cases/submit-application.js';
import {
  deleteEvidence,
  downloadEvidence,
  uploadEvidence,
  type IncomingFile,
} from '../../use-cases/upload-evidence.js';
import { attachment, sendFile, showInPlace } from '../downloads.js';
import { originOf } from '../security.js';

const idParams = z.object({ id: z.uuid({ error: '申报编号格式不正确' }) });
const fileParams = idParams.extend({ fileId: z.uuid({ error: '文件编号格式不正确' }) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROSTER_MAX_BYTES = 20 * 1024 * 1024;

/** A multipart body that breaks off or has no boundary: the client's fault, so a 400 in words (busboy's own errors carry no status). */
const malformedUpload = () =>
  new AppError('BAD_REQUEST', '上传的数据不完整或格式有误，请重新上传', {
    errors: [{ field: 'file', message: '文件：上传的数据不完整，请重新上传' }],
  });

/**
 * Reads the one file part of a multipart request as a stream, cut at the size limit (which travels
 * with it, to be named if the file is refused for its size). A body that breaks off fails the stream
 * with `malformedUpload`; a failure of the disk it is written to stays a server error.
 */
export async function incomingFile(req: FastifyRequest, maxBytes: number): Promise<IncomingFile> {
  if (!req.isMultipart())
    throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件', {
      errors: [{ field: 'file', message: '文件：未收到文件' }],
    });
  let part: MultipartFile | undefined;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw (err as FastifyError).statusCode ? err : malformedUpload();
  }
  if (!part)
    throw new AppError('VALIDATION_FAILED', '未收到文件', { errors: [{ field: 'file', message: '文件：未收到文件' }] });
  const source = part.file;
  const stream = new PassThrough();
  finished(source, (err) => {
    if (err) stream.destroy(malformedUpload());
  });
  stream.on('close', () => source.destroy());
  source.pipe(stream);
  return { filename: part.filename, stream, truncated: () => source.truncated, maxBytes };
}

export const applicationRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['申报'];

    app.get(
      '/api/v1/my/application',
      { config: { policy: 'application:own' }, schema: { tags, summary: '本单位当前批次的申报（首次访问创建草稿）' } },
      async (req) => getMyApplication(ctx, req.actor),
    );

    app.get(
      '/api/v1/applications',
      {
        config: { policy: 'application:list' },
        schema: {
          tags,
          summary: '申报列表（市级：本地区；省级：全部），可按状态、渠道、类别、地区筛选',
          querystring: z.object({
            status: z.enum(reviewableStatuses).optional(),
            channel: z.enum(['quota', 'designated_area', 'lab']).optional(),
            category: z.string().max(20).optional(),
            authorityCode: z.string().max(10).optional(),
            q: z.string().max(100).optional(),
          }),
        },
      },
      async (req) => ({ items: await listApplications(ctx, req.actor, req.query) }),
    );

    app.get(
      '/api/v1/applications/:id',
      {
        config: { policy: 'application:read' },
        schema: { tags, summary: '申报详情（官员查看时记录个人信息披露）', params: idParams },
      },
      async (req) => viewApplication(ctx, req.actor, req.params.id, originOf(req)),
    );

    app.patch(
      '/api/v1/applications/:id',
      {
        config: { policy: 'application:edit' },
        schema: {
          tags,
          summary: '保存草稿（自动保存），返回最新的条件判断',
          params: idParams,
          body: applicationDraftSchema,
        },
      },
      async (req) => saveApplicationDraft(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    app.put(
      '/api/v1/applications/:id/institutions',
      {
        config: { policy: 'application:edit' },
        schema: {
          tags,
          summary: '集聚服务机构名单',
          params: idParams,
          body: z.object({ institutions: z.array(institutionInputSchema).max(1000) }),
        },
      },
      async (req) => replaceInstitutions(ctx, req.actor, req.params.id, req.body.institutions, originOf(req)),
    );

    app.post(
      '/api/v1/applications/:id/institutions/import',
      {
        config: { policy: 'application:edit' },
        schema: { tags, summary: '从 Excel 导入集聚服务机构名单', params: idParams, consumes: ['multipart/form-data'] },
      },
      async (req) =>
        importInstitutions(ctx, req.actor, req.params.id, () => incomingFile(req, ROSTER_MAX_BYTES), originOf(req)),
    );

    app.get(
      '/api/v1/applications/:id/roster',
      {
        config: { policy: 'application:read' },
        schema: { tags, summary: '服务企业名单（电话已脱敏）', params: idParams },
      },
      async (req) => {
        const rows = await listRoster(ctx, req.actor, req.params.id);
        return {
          count: rows.length,
          rows: rows.map((r) => ({
            rowNo: r.row_no,
            enterpriseName: r.enterprise_name,
            uscc: r.uscc,
            contactName: r.contact_name,
            position: r.position,
            phone: maskPhone(r.phone),
            service: r.service,
            servedOn: r.served_on,
          })),
        };
      },
    );

    app.post(
      '/api/v1/applications/:id/roster',
      {
        config: { policy: 'application:edit' },
        schema: {
          tags,
          summary: '从 Excel 导入上年度服务企业名单',
          params: idParams,
          consumes: ['multipart/form-data'],
        },
      },
      async (req) =>
        importRoster(ctx, req.actor, req.params.id, () => incomingFile(req, ROSTER_MAX_BYTES), originOf(req)),
    );

    app.post(
      '/api/v1/applications/:id/evidence',
      {
        config: { policy: 'application:edit' },
        schema: {
          tags,
          summary: '上传证明材料（按内容校验类型，记录 SHA-256 与 SM3）',
          params: idParams,
          querystring: z.object({ type: z.string({ error: '须指定材料类型' }).min(1).max(64) }),
          consumes: ['multipart/form-data'],
        },
      },
      async (req, reply) => {
        const receive = () => incomingFile(req, ctx.config.maxUploadBytes);
        return reply
          .status(201)
          .send(await uploadEvidence(ctx, req.actor, req.params.id, req.query.type, receive, originOf(req)));
      },
    );

    app.delete(
      '/api/v1/applications/:id/evidence/:fileId',
      { config: { policy: 'application:edit' }, schema: { tags, summary: '删除证明材料', params: fileParams } },
      async (req) => {
        await deleteEvidence(ctx, req.actor, req.params.id, req.params.fileId, originOf(req));
        return buildApplicationView(ctx, await loadAuthorized(ctx, req.actor, req.params.id, 'application:edit'));
      },
    );

    app.get(
      '/api/v1/applications/:id/evidence/:fileId',
      {
        config: { policy: 'evidence:download' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: '下载或在线查看证明材料（记入审计日志）',
          params: fileParams,
          querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const { file, stream } = await downloadEvidence(
          ctx,
          req.actor,
          req.params.id,
          req.params.fileId,
          originOf(req),
        );
        if (req.query.inline === '1') showInPlace(reply, file.original_name);
        else reply.header('content-disposition', attachment(file.original_name));
        return reply
          .header('content-type', file.media_type)
          .header('content-length', String(file.size_bytes))
          .header('x-content-type-options', 'nosniff')
          .send(stream);
      },
    );

    app.post(
      '/api/v1/applications/:id/submit',
      {
        config: { policy: 'application:edit' },
        schema: { tags, summary: '提交至市级主管部门（幂等），返回回执', params: idParams },
      },
      async (req) => submitApplication(ctx, req.actor, req.params.id, originOf(req)),
    );

    app.get(
      '/api/v1/applications/:id/receipt',
      { config: { policy: 'application:read' }, schema: { tags, summary: '申报回执', params: idParams } },
      async (req) => getReceipt(ctx, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/templates/roster.xlsx',
      { config: { policy: 'public' }, schema: { tags, summary: '服务企业名单 Excel 模板' } },
      async (_req, reply) => {
        const batch = (await ctx.references.listBatches())[0];
        const spec = rosterSpec(batch?.config.assetsAsOf ?? '2021-12-31');
        const body = await buildTemplate(spec, [
          '上年度服务企业名单填写说明',
          '1. 每行一家企业，请勿修改表头；第一行示例可覆盖。',
          '2. 统一社会信用代码为18位，系统将校验其校验位；同一企业只填一次。',
          `3. 服务日期须在${spec.dateRange?.description ?? '上年度'}，格式如 2021-06-18。`,
          '4. 名单行数即申报的“年服务企业数”，也是市级主管部门随机抽样测评的范围，请如实填写联系人与电话。',
        ]);
        return sendFile(reply, { fileName: '服务企业名单模板.xlsx', contentType: XLSX, body });
      },
    );

    app.get(
      '/api/v1/templates/institutions.xlsx',
      { config: { policy: 'public' }, schema: { tags, summary: '集聚服务机构名单 Excel 模板' } },
      async (_req, reply) => {
        const body = await buildTemplate(institutionSpec, [
          '集聚服务机构名单填写说明',
          '1. 每行一家服务机构，请勿修改表头。',
          '2. 统一社会信用代码为18位，系统将校验其校验位。',
          '3. 导入后请在系统中为每家机构上传合作协议。',
        ]);
        return sendFile(reply, { fileName: '集聚服务机构名单模板.xlsx', contentType: XLSX, body });
      },
    );
  };
