import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documentEndpoints as documents, reviewEndpoints as api } from '#contract';
import type { Context } from '../../use-cases/context.js';
import { discloseSurveyPhone } from '../../use-cases/disclose-survey-phone.js';
import { drawSurveySample } from '../../use-cases/draw-survey-sample.js';
import { exportRecommendationForm } from '../../use-cases/export-recommendation-form.js';
import { exportSiteCheckStatement } from '../../use-cases/export-site-check-statement.js';
import { openReview } from '../../use-cases/open-review.js';
import { recommendPlatform } from '../../use-cases/recommend-platform.js';
import { recordFinding } from '../../use-cases/record-finding.js';
import { recordInterview } from '../../use-cases/record-interview.js';
import { recordOpinion } from '../../use-cases/record-opinion.js';
import { recordSiteCheck } from '../../use-cases/record-site-check.js';
import { recordSurveyContact } from '../../use-cases/record-survey-contact.js';
import { rejectApplication } from '../../use-cases/reject-application.js';
import { returnApplication } from '../../use-cases/return-application.js';
import { setSurveyMethods } from '../../use-cases/set-survey-methods.js';
import { uploadSiteCheckScan } from '../../use-cases/upload-site-check-scan.js';
import { withdrawRecommendation } from '../../use-cases/withdraw-recommendation.js';
import { sendFile } from '../downloads.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';
import { incomingFile } from '../uploads.js';

const SCAN_MAX_BYTES = 50 * 1024 * 1024;

/** The city's review of one application (notice 第（四）条): read by the city and the province, written by the city. */
export const reviewRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['市级审核'];
    const read = { policy: 'review:read' as const, tags };
    const write = { policy: 'review:write' as const, tags };

    serve(app, api.get, { ...read, summary: '审核记录（逐项审核、核查、谈话、测评、意见、推荐）' }, async (req) =>
      openReview(ctx, req.actor, req.params.id),
    );

    serve(app, api.saveFinding, { ...write, summary: '逐项审核：记录一项审核意见（可核定数值）' }, async (req) =>
      recordFinding(ctx, req.actor, req.params.id, req.params.itemKey, req.body, originOf(req)),
    );

    serve(app, api.returnForRevision, { ...write, summary: '退回修改（逐项意见）' }, async (req) =>
      returnApplication(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    serve(app, api.reject, { ...write, summary: '不予推荐' }, async (req) =>
      rejectApplication(ctx, req.actor, req.params.id, req.body.reason, originOf(req)),
    );

    serve(app, api.saveSiteCheck, { ...write, summary: '现场核查记录' }, async (req) =>
      recordSiteCheck(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    serve(app, api.uploadSiteCheckScan, { ...write, summary: '上传双方盖章的现场核查真实性说明扫描件' }, async (req) =>
      uploadSiteCheckScan(ctx, req.actor, req.params.id, () => incomingFile(req, SCAN_MAX_BYTES), originOf(req)),
    );

    serve(
      app,
      documents.siteCheckStatement,
      { ...read, summary: '附件1 现场核查真实性说明（Word 或 PDF）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportSiteCheckStatement(ctx, req.actor, req.params.id, req.params.format, originOf(req)),
          req.query,
        ),
    );

    serve(
      app,
      documents.recommendationForm,
      { ...read, summary: '附件3 推荐表（Word 或 PDF，含测评企业联系电话，记入审计）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportRecommendationForm(ctx, req.actor, req.params.id, req.params.format, originOf(req)),
          req.query,
        ),
    );

    serve(app, api.saveInterview, { ...write, summary: '当面谈话记录' }, async (req) =>
      recordInterview(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    serve(app, api.drawSurvey, { ...write, summary: '测评：随机抽取服务企业（可复现）' }, async (req) =>
      drawSurveySample(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    serve(app, api.saveSurveyMethods, { ...write, summary: '测评方法' }, async (req) =>
      setSurveyMethods(ctx, req.actor, req.params.id, req.body.methods, originOf(req)),
    );

    serve(
      app,
      api.recordSurveyContact,
      { ...write, summary: '测评：记录一家抽样企业（完成或无法联系）' },
      async (req) =>
        recordSurveyContact(ctx, req.actor, req.params.id, req.params.rosterRowNo, req.body, originOf(req)),
    );

    serve(
      app,
      api.disclosePhone,
      { ...read, summary: '查看抽样企业完整电话（记入审计日志）', exposeHeadRoute: false },
      async (req) => discloseSurveyPhone(ctx, req.actor, req.params.id, req.params.rosterRowNo, originOf(req)),
    );

    serve(app, api.saveOpinion, { ...write, summary: '推荐意见' }, async (req) =>
      recordOpinion(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    serve(app, api.recommend, { ...write, summary: '推荐（名额内、特定区域或实验室）' }, async (req) =>
      recommendPlatform(ctx, req.actor, req.params.id, req.body, originOf(req)),
    );

    serve(app, api.withdrawRecommendation, { ...write, summary: '撤回推荐' }, async (req) =>
      withdrawRecommendation(ctx, req.actor, req.params.id, originOf(req)),
    );
  };
