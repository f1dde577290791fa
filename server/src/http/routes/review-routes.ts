import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  findingInputSchema,
  interviewInputSchema,
  opinionInputSchema,
  recommendInputSchema,
  rejectInputSchema,
  returnInputSchema,
  reviewItemKey,
  siteCheckInputSchema,
  surveyContactInputSchema,
  surveyDrawInputSchema,
  surveyMethodsInputSchema,
} from '#contract';
import type { Context } from '../../use-cases/context.js';
import { exportRecommendationForm } from '../../use-cases/export-recommendation-form.js';
import { exportSiteCheckStatement } from '../../use-cases/export-site-check-statement.js';
import { recommendPlatform, withdrawRecommendation } from '../../use-cases/recommend-platform.js';
import { recordFinding } from '../../use-cases/record-finding.js';
import {
  recordInterview,
  recordOpinion,
  recordSiteCheck,
  uploadSiteCheckScan,
} from '../../use-cases/record-review-records.js';
import { rejectApplication, returnApplication } from '../../use-cases/return-application.js';
import { openReview } from '../../use-cases/review-view.js';
import {
  discloseSurveyPhone,
  drawSurveySample,
  recordSurveyContact,
  setSurveyMethods,
} from '../../use-cases/survey-enterprises.js';
import { originOf } from '../security.js';
import { inlineQuery, sendFile } from '../downloads.js';
import { incomingFile } from './application-routes.js';

const idParams = z.object({ id: z.uuid({ error: '申报编号格式不正确' }) });
const rowParams = idParams.extend({ rosterRowNo: z.coerce.number({ error: '名单行号须为数字' }).int().min(1) });
const SCAN_MAX_BYTES = 50 * 1024 * 1024;

/** The city's review of one application (notice 第（四）条): read by the city and the province, written by the city. */
export const reviewRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['市级审核'];
    const write = { config: { policy: 'review:write' as const } };

    app.get(
      '/api/v1/applications/:id/review',
      {
        config: { policy: 'review:read' },
        schema: { tags, summary: '审核记录（逐项审核、核查、谈话、测评、意见、推荐）', params: idParams },
      },
      async (req) => openReview(ctx, req.actor, req.params.id),
    );

    app.put(
      '/api/v1/applications/:id/review/findings/:itemKey',
      {
        ...write,
        schema: {
          tags,
          summary: '逐项审核：记录一项审核意见（可核定数值）',
          params: idParams.extend({ itemKey: reviewItemKey }),
          body: findingInputSchema,
        },
      },
      async (req) => recordFinding(ctx, req.actor, req.params.id, req.params.itemKey, req.body, originOf(req)),
    );

    app.post(
      '/api/v1/applications/:id/return',
      { ...write, schema: { tags, summary: '退回修改（逐项意见）', params: idParams, body: returnInputSchema } },
      async (req) => returnApplication(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    app.post(
      '/api/v1/applications/:id/reject',
      { ...write, schema: { tags, summary: '不予推荐', params: idParams, body: rejectInputSchema } },
      async (req) => rejectApplication(ctx, req.actor, req.params.id, req.body.reason, originOf(req)),
    );

    app.put(
      '/api/v1/applications/:id/site-check',
      { ...write, schema: { tags, summary: '现场核查记录', params: idParams, body: siteCheckInputSchema } },
      async (req) => recordSiteCheck(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    app.post(
      '/api/v1/applications/:id/site-check/scan',
      {
        ...write,
        schema: {
          tags,
          summary: '上传双方盖章的现场核查真实性说明扫描件',
          params: idParams,
          consumes: ['multipart/form-data'],
        },
      },
      async (req) =>
        uploadSiteCheckScan(ctx, req.actor, req.params.id, () => incomingFile(req, SCAN_MAX_BYTES), originOf(req)),
    );

    app.get(
      '/api/v1/applications/:id/documents/site-check-statement.:format',
      {
        config: { policy: 'review:read' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: '附件1 现场核查真实性说明（Word 或 PDF）',
          params: idParams.extend({ format: z.enum(['docx', 'pdf'], { error: '格式须为 docx 或 pdf' }) }),
          querystring: inlineQuery,
        },
      },
      async (req, reply) =>
        sendFile(
          reply,
          await exportSiteCheckStatement(ctx, req.actor, req.params.id, req.params.format, originOf(req)),
          req.query,
        ),
    );

    app.get(
      '/api/v1/applications/:id/documents/recommendation-form.:format',
      {
        config: { policy: 'review:read' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: '附件3 推荐表（Word 或 PDF，含测评企业联系电话，记入审计）',
          params: idParams.extend({ format: z.enum(['docx', 'pdf'], { error: '格式须为 docx 或 pdf' }) }),
          querystring: inlineQuery,
        },
      },
      async (req, reply) =>
        sendFile(
          reply,
          await exportRecommendationForm(ctx, req.actor, req.params.id, req.params.format, originOf(req)),
          req.query,
        ),
    );

    app.put(
      '/api/v1/applications/:id/interview',
      { ...write, schema: { tags, summary: '当面谈话记录', params: idParams, body: interviewInputSchema } },
      async (req) => recordInterview(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    app.post(
      '/api/v1/applications/:id/survey/draw',
      {
        ...write,
        schema: { tags, summary: '测评：随机抽取服务企业（可复现）', params: idParams, body: surveyDrawInputSchema },
      },
      async (req) => drawSurveySample(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    app.put(
      '/api/v1/applications/:id/survey/methods',
      { ...write, schema: { tags, summary: '测评方法', params: idParams, body: surveyMethodsInputSchema } },
      async (req) => setSurveyMethods(ctx, req.actor, req.params.id, req.body.methods, originOf(req)),
    );

    app.put(
      '/api/v1/applications/:id/survey/contacts/:rosterRowNo',
      {
        ...write,
        schema: {
          tags,
          summary: '测评：记录一家抽样企业（完成或无法联系）',
          params: rowParams,
          body: surveyContactInputSchema,
        },
      },
      async (req) =>
        recordSurveyContact(ctx, req.actor, req.params.id, req.params.rosterRowNo, req.body, originOf(req)),
    );

    app.get(
      '/api/v1/applications/:id/survey/contacts/:rosterRowNo/phone',
      {
        config: { policy: 'review:read' },
        exposeHeadRoute: false,
        schema: { tags, summary: '查看抽样企业完整电话（记入审计日志）', params: rowParams },
      },
      async (req) => discloseSurveyPhone(ctx, req.actor, req.params.id, req.params.rosterRowNo, originOf(req)),
    );

    app.put(
      '/api/v1/applications/:id/opinion',
      { ...write, schema: { tags, summary: '推荐意见', params: idParams, body: opinionInputSchema } },
      async (req) => recordOpinion(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    app.post(
      '/api/v1/applications/:id/recommendation',
      {
        ...write,
        schema: { tags, summary: '推荐（名额内、特定区域或实验室）', params: idParams, body: recommendInputSchema },
      },
      async (req) => recommendPlatform(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    app.delete(
      '/api/v1/applications/:id/recommendation',
      { ...write, schema: { tags, summary: '撤回推荐', params: idParams } },
      async (req) => withdrawRecommendation(ctx, req.actor, req.params.id, originOf(req)),
    );
  };
