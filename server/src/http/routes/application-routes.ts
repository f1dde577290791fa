import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applicantEndpoints, applicationEndpoints, evidencePreviewEndpoints, templateEndpoints } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { confirmPreviousEvidence } from '../../use-cases/confirm-previous-evidence.js';
import { copyPreviousApplication } from '../../use-cases/copy-previous-application.js';
import { deleteEvidence } from '../../use-cases/delete-evidence.js';
import { downloadEvidence } from '../../use-cases/download-evidence.js';
import { exportApplicationDossier } from '../../use-cases/export-application-dossier.js';
import { exportInstitutionsTemplate } from '../../use-cases/export-institutions-template.js';
import { exportRosterTemplate } from '../../use-cases/export-roster-template.js';
import { getMyApplication, getMyApplications, startBlankApplication } from '../../use-cases/get-my-application.js';
import { getReceipt } from '../../use-cases/get-receipt.js';
import { importInstitutions } from '../../use-cases/import-institutions.js';
import { importRoster } from '../../use-cases/import-roster.js';
import { listApplications } from '../../use-cases/list-applications.js';
import { listRoster } from '../../use-cases/list-roster.js';
import { previewEvidence } from '../../use-cases/preview-evidence.js';
import { replaceInstitutions } from '../../use-cases/replace-institutions.js';
import { saveApplicationDraft } from '../../use-cases/save-application-draft.js';
import { submitApplication } from '../../use-cases/submit-application.js';
import { uploadEvidence } from '../../use-cases/upload-evidence.js';
import { viewApplication } from '../../use-cases/view-application.js';
import { sendFile, sendStoredFile } from '../downloads.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';
import { incomingFile, LIST_WORKBOOK_MAX_BYTES } from '../uploads.js';

export const applicationRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['申报'];

    serve(
      app,
      applicantEndpoints.myApplication,
      { policy: 'application:own', tags, summary: '本单位当前批次的申报（首次访问创建草稿）' },
      async (req) => getMyApplication(ctx, req.actor),
    );

    serve(
      app,
      applicantEndpoints.myApplications,
      {
        policy: 'application:own',
        tags,
        summary: '本单位的申报：开放批次的申报（或可选的往年申报基础）与往年申报',
      },
      async (req) => getMyApplications(ctx, req.actor),
    );

    serve(
      app,
      applicantEndpoints.startBlank,
      { policy: 'application:own', tags, summary: '在开放批次新建空白申报（已有申报时 409）' },
      async (req, reply) => reply.status(201).send(await startBlankApplication(ctx, req.actor)),
    );

    serve(
      app,
      applicantEndpoints.copyPrevious,
      {
        policy: 'application:own',
        tags,
        summary: '以往年申报为基础新建申报：复制表单与机构名单，不复制名单与材料（已有申报时 409）',
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await copyPreviousApplication(ctx, req.actor, req.body.fromApplicationId, originOf(req))),
    );

    serve(
      app,
      applicationEndpoints.list,
      {
        policy: 'application:list',
        tags,
        summary: '申报列表（市级：本地区；省级：全部），可按状态、渠道、类别、地区筛选',
      },
      (req) => listApplications(ctx, req.actor, req.query),
    );

    serve(
      app,
      applicationEndpoints.get,
      { policy: 'application:read', tags, summary: '申报详情（官员查看时记录个人信息披露）' },
      async (req) => viewApplication(ctx, req.actor, req.params.id, originOf(req)),
    );

    serve(
      app,
      applicantEndpoints.saveDraft,
      { policy: 'application:edit', tags, summary: '保存草稿（自动保存），返回最新的条件判断' },
      async (req) => saveApplicationDraft(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    serve(
      app,
      applicantEndpoints.saveInstitutions,
      { policy: 'application:edit', tags, summary: '集聚服务机构名单' },
      async (req) => replaceInstitutions(ctx, req.actor, req.params.id, req.body.institutions, originOf(req)),
    );

    serve(
      app,
      applicantEndpoints.importInstitutions,
      { policy: 'application:edit', tags, summary: '从 Excel 导入集聚服务机构名单' },
      async (req) =>
        importInstitutions(
          ctx,
          req.actor,
          req.params.id,
          () => incomingFile(req, LIST_WORKBOOK_MAX_BYTES),
          originOf(req),
        ),
    );

    serve(
      app,
      applicantEndpoints.roster,
      { policy: 'application:read', tags, summary: '服务企业名单（电话已脱敏）' },
      async (req) => listRoster(ctx, req.actor, req.params.id),
    );

    serve(
      app,
      applicantEndpoints.importRoster,
      { policy: 'application:edit', tags, summary: '从 Excel 导入上年度服务企业名单' },
      async (req) =>
        importRoster(ctx, req.actor, req.params.id, () => incomingFile(req, LIST_WORKBOOK_MAX_BYTES), originOf(req)),
    );

    serve(
      app,
      applicantEndpoints.uploadEvidence,
      { policy: 'application:edit', tags, summary: '上传证明材料（按内容校验类型，记录 SHA-256 与 SM3）' },
      async (req, reply) => {
        const receive = (maxBytes: number, limitOf: string) => incomingFile(req, maxBytes, limitOf);
        return reply
          .status(201)
          .send(await uploadEvidence(ctx, req.actor, req.params.id, req.query.type, receive, originOf(req)));
      },
    );

    serve(
      app,
      applicantEndpoints.confirmPreviousEvidence,
      { policy: 'application:edit', tags, summary: '沿用往年申报的文件作为本年度材料（同一存储文件，重新确认）' },
      async (req, reply) =>
        reply
          .status(201)
          .send(await confirmPreviousEvidence(ctx, req.actor, req.params.id, req.params.fileId, originOf(req))),
    );

    serve(
      app,
      applicantEndpoints.deleteEvidence,
      { policy: 'application:edit', tags, summary: '删除证明材料' },
      async (req) => deleteEvidence(ctx, req.actor, req.params.id, req.params.fileId, originOf(req)),
    );

    serve(
      app,
      applicationEndpoints.evidenceFile,
      {
        policy: 'evidence:download',
        tags,
        summary: '下载或在线查看证明材料（记入审计日志）',
        exposeHeadRoute: false,
      },
      async (req, reply) => {
        const { file, stream } = await downloadEvidence(
          ctx,
          req.actor,
          req.params.id,
          req.params.fileId,
          originOf(req),
        );
        return sendStoredFile(reply, file, stream, req.query);
      },
    );

    serve(
      app,
      evidencePreviewEndpoints.preview,
      {
        policy: 'evidence:download',
        tags,
        summary: '在线预览 Word、Excel、OFD 证明材料的文字与结构（与下载同一权限，记入审计日志）',
        exposeHeadRoute: false,
      },
      async (req) => previewEvidence(ctx, req.actor, req.params.id, req.params.fileId, originOf(req)),
    );

    serve(
      app,
      applicantEndpoints.submit,
      { policy: 'application:edit', tags, summary: '提交至市级主管部门（幂等），返回回执' },
      async (req) => submitApplication(ctx, req.actor, req.params.id, originOf(req)),
    );

    serve(app, applicationEndpoints.receipt, { policy: 'application:read', tags, summary: '申报回执' }, async (req) =>
      getReceipt(ctx, req.actor, req.params.id),
    );

    serve(
      app,
      applicationEndpoints.dossier,
      {
        policy: 'application:read',
        tags,
        summary: '申报书（Word 或 PDF；提交前为带“草稿”水印的草稿，提交后为所提交的版本；记入审计）',
        exposeHeadRoute: false,
      },
      async (req, reply) =>
        sendFile(
          reply,
          await exportApplicationDossier(ctx, req.actor, req.params.id, req.params.format, originOf(req)),
          req.query,
        ),
    );

    serve(
      app,
      templateEndpoints.roster,
      { policy: 'public', tags, summary: '服务企业名单 Excel 模板' },
      async (_req, reply) => sendFile(reply, await exportRosterTemplate(ctx)),
    );

    serve(
      app,
      templateEndpoints.institutions,
      { policy: 'public', tags, summary: '集聚服务机构名单 Excel 模板' },
      async (_req, reply) => sendFile(reply, await exportInstitutionsTemplate()),
    );
  };
