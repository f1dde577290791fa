import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { annualReportEndpoints, myAnnualReportEndpoints } from '#contract';
import { checkAnnualReport, evaluateAnnualReport } from '../../use-cases/check-annual-report.js';
import { importAnnualRoster, openAnnualRoster } from '../../use-cases/annual-roster.js';
import type { Context } from '../../use-cases/context.js';
import { saveAnnualReport, submitAnnualReport } from '../../use-cases/file-annual-report.js';
import { listAnnualReports, listMyAnnualReports, viewAnnualReport } from '../../use-cases/list-annual-reports.js';
import { acceptRectification, orderRectification, respondToRectification } from '../../use-cases/rectify-platform.js';
import { sendStoredFile } from '../downloads.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';
import { incomingFile, LIST_WORKBOOK_MAX_BYTES } from '../uploads.js';

/** The recognised platform's years (issue 16 item 5): yearly reports, the city's check, evaluation, 整改. */
export const annualReportRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const own = { policy: 'recognition:own' as const, tags: ['年度报告'] };
    const manage = { policy: 'recognition:manage' as const, tags: ['年度报告'] };

    serve(app, myAnnualReportEndpoints.list, { ...own, summary: '本单位示范平台的年度报告' }, async (req) =>
      listMyAnnualReports(ctx, req.actor),
    );
    serve(app, myAnnualReportEndpoints.save, { ...own, summary: '保存年度报告草稿（按版本防覆盖）' }, async (req) =>
      saveAnnualReport(ctx, req.actor, req.params.recognitionId, req.params.year, req.body, originOf(req)),
    );
    serve(app, myAnnualReportEndpoints.submit, { ...own, summary: '提交年度报告' }, async (req) =>
      submitAnnualReport(ctx, req.actor, req.params.recognitionId, req.params.year, originOf(req)),
    );
    serve(
      app,
      myAnnualReportEndpoints.importRoster,
      { ...own, summary: '从 Excel 导入本年度服务企业名单' },
      async (req) =>
        importAnnualRoster(
          ctx,
          req.actor,
          req.params.recognitionId,
          req.params.year,
          () => incomingFile(req, LIST_WORKBOOK_MAX_BYTES),
          originOf(req),
        ),
    );
    serve(
      app,
      myAnnualReportEndpoints.roster,
      { ...own, summary: '下载本单位导入的服务企业名单' },
      async (req, reply) => {
        const { file, stream } = await openAnnualRoster(
          ctx,
          req.actor,
          req.params.recognitionId,
          req.params.year,
          'recognition:own',
          originOf(req),
        );
        return sendStoredFile(reply, file, stream);
      },
    );
    serve(app, myAnnualReportEndpoints.respondToRectification, { ...own, summary: '报送整改情况' }, async (req) =>
      respondToRectification(ctx, req.actor, req.params.recognitionId, req.body.response, originOf(req)),
    );

    serve(
      app,
      annualReportEndpoints.list,
      { policy: 'annual-report:read', tags: ['年度报告'], summary: '某年度各示范平台的年度报告与预警' },
      async (req) => listAnnualReports(ctx, req.actor, req.query.year),
    );
    serve(
      app,
      annualReportEndpoints.get,
      { policy: 'annual-report:read', tags: ['年度报告'], summary: '一个示范平台的年度报告' },
      async (req) => viewAnnualReport(ctx, req.actor, req.params.recognitionId, req.params.year),
    );
    serve(
      app,
      annualReportEndpoints.roster,
      { policy: 'annual-report:read', tags: ['年度报告'], summary: '下载平台导入的服务企业名单（记入审计日志）' },
      async (req, reply) => {
        const { file, stream } = await openAnnualRoster(
          ctx,
          req.actor,
          req.params.recognitionId,
          req.params.year,
          'annual-report:read',
          originOf(req),
        );
        return sendStoredFile(reply, file, stream);
      },
    );
    serve(
      app,
      annualReportEndpoints.cityCheck,
      { policy: 'annual-report:check', tags: ['年度报告'], summary: '市级核查（服务质量、服务收费、满意度）' },
      async (req) =>
        checkAnnualReport(ctx, req.actor, req.params.recognitionId, req.params.year, req.body, originOf(req)),
    );
    serve(app, annualReportEndpoints.evaluate, { ...manage, summary: '省级评价年度报告' }, async (req) =>
      evaluateAnnualReport(ctx, req.actor, req.params.recognitionId, req.params.year, req.body, originOf(req)),
    );
    serve(app, annualReportEndpoints.orderRectification, { ...manage, summary: '责令整改' }, async (req, reply) =>
      reply
        .status(201)
        .send(await orderRectification(ctx, req.actor, req.params.recognitionId, req.body, originOf(req))),
    );
    serve(app, annualReportEndpoints.acceptRectification, { ...manage, summary: '整改验收通过' }, async (req) =>
      acceptRectification(ctx, req.actor, req.params.recognitionId, req.body.note, originOf(req)),
    );
  };
