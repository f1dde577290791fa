import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cityObjectionEndpoints, holidayEndpoints, publicityEndpoints, publicPublicityEndpoints } from '#contract';
import { closeObjection } from '../../use-cases/close-objection.js';
import type { Context } from '../../use-cases/context.js';
import { exportRecognitionDecision } from '../../use-cases/export-recognition-decision.js';
import { getHolidayCalendar } from '../../use-cases/get-holiday-calendar.js';
import {
  assignObjection,
  noteObjection,
  openObjectionFile,
  requestCityResponse,
} from '../../use-cases/investigate-objection.js';
import { issueRecognition } from '../../use-cases/issue-recognition.js';
import { getProvinceLetterSettings, saveProvinceLetterSettings } from '../../use-cases/province-letter-settings.js';
import { publishPublicity } from '../../use-cases/publish-publicity.js';
import { listCityObjections, respondToObjection } from '../../use-cases/respond-to-objection.js';
import { saveHolidayYear } from '../../use-cases/save-holiday-year.js';
import { registerPaperObjection, submitObjection } from '../../use-cases/submit-objection.js';
import { uploadObjectionEvidence } from '../../use-cases/upload-objection-evidence.js';
import { listPublicPublicities, viewPublicity } from '../../use-cases/view-publicity.js';
import { sendFile, sendStoredFile } from '../downloads.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';
import { incomingFile } from '../uploads.js';

/** 公示, objections and 认定 (issue 16), and the holiday table the 公示 windows are counted on. */
export const publicityRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { policy: 'publicity:manage' as const, tags: ['公示与认定'] };
    const open = { policy: 'public' as const, tags: ['公示（公开）'] };

    serve(
      app,
      holidayEndpoints.get,
      { policy: 'session:use', tags: ['节假日'], summary: '节假日和调休安排' },
      async (req) => getHolidayCalendar(ctx, req.actor),
    );
    serve(
      app,
      holidayEndpoints.put,
      { policy: 'holidays:admin', tags: ['节假日'], summary: '录入或更正某年的节假日和调休安排' },
      async (req) => saveHolidayYear(ctx, req.actor, req.params.year, req.body, originOf(req)),
    );

    serve(app, publicityEndpoints.create, { ...manage, summary: '发布公示（计算公示期）' }, async (req, reply) =>
      reply.status(201).send(await publishPublicity(ctx, req.actor, req.body, originOf(req), req.query.batch)),
    );
    serve(app, publicityEndpoints.get, { ...manage, summary: '公示、名单与异议（联系方式已遮盖）' }, async (req) =>
      viewPublicity(ctx, req.actor, req.params.publicityId),
    );
    serve(app, publicityEndpoints.registerPaperObjection, { ...manage, summary: '登记书面异议' }, async (req, reply) =>
      reply
        .status(201)
        .send(await registerPaperObjection(ctx, req.actor, req.params.publicityId, req.body, originOf(req))),
    );
    serve(app, publicityEndpoints.assign, { ...manage, summary: '指定异议承办人' }, async (req) =>
      assignObjection(ctx, req.actor, req.params.objectionId, req.body.userId, originOf(req)),
    );
    serve(app, publicityEndpoints.note, { ...manage, summary: '记录异议核查情况' }, async (req) =>
      noteObjection(ctx, req.actor, req.params.objectionId, req.body.text, originOf(req)),
    );
    serve(
      app,
      publicityEndpoints.requestCity,
      { ...manage, summary: '请推荐市核查答复（通知该市工作人员）' },
      async (req) => requestCityResponse(ctx, req.actor, req.params.objectionId, req.body.question, originOf(req)),
    );
    serve(app, publicityEndpoints.closeObjection, { ...manage, summary: '办结异议（记录处理结果）' }, async (req) =>
      closeObjection(ctx, req.actor, req.params.objectionId, req.body, originOf(req)),
    );
    serve(
      app,
      publicityEndpoints.objectionFile,
      { ...manage, summary: '下载或查看异议的佐证材料（记入审计日志）' },
      async (req, reply) => {
        const { file, stream } = await openObjectionFile(
          ctx,
          req.actor,
          req.params.objectionId,
          req.params.fileId,
          originOf(req),
        );
        return sendStoredFile(reply, file, stream, req.query);
      },
    );
    serve(app, publicityEndpoints.letterSettings, { ...manage, summary: '认定文件的发文设置' }, async (req) =>
      getProvinceLetterSettings(ctx, req.actor),
    );
    serve(app, publicityEndpoints.saveLetterSettings, { ...manage, summary: '保存认定文件的发文设置' }, async (req) =>
      saveProvinceLetterSettings(ctx, req.actor, req.body, originOf(req)),
    );
    serve(app, publicityEndpoints.recognize, { ...manage, summary: '认定（公示期满且异议均已办结）' }, async (req) =>
      issueRecognition(ctx, req.actor, req.params.publicityId, originOf(req)),
    );
    serve(
      app,
      publicityEndpoints.decision,
      { ...manage, summary: '认定文件（Word 或 PDF，认定后）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportRecognitionDecision(ctx, req.actor, req.params.publicityId, req.params.format, originOf(req)),
          req.query,
        ),
    );

    const city = { policy: 'objection:respond' as const, tags: ['公示异议（市级核查）'] };
    serve(app, cityObjectionEndpoints.list, { ...city, summary: '省厅请本市核查的公示异议' }, async (req) =>
      listCityObjections(ctx, req.actor),
    );
    serve(app, cityObjectionEndpoints.respond, { ...city, summary: '答复省厅的异议核查' }, async (req) =>
      respondToObjection(ctx, req.actor, req.params.objectionId, req.body.text, originOf(req)),
    );

    serve(app, publicPublicityEndpoints.list, { ...open, summary: '公示（当前与以往）' }, async () =>
      listPublicPublicities(ctx),
    );
    serve(
      app,
      publicPublicityEndpoints.object,
      {
        ...open,
        summary: '提出异议（实名，公示期内）',
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      async (req, reply) =>
        reply.status(201).send(await submitObjection(ctx, req.params.publicityId, req.body, originOf(req))),
    );
    serve(
      app,
      publicPublicityEndpoints.evidence,
      {
        ...open,
        summary: '上传异议佐证材料（按内容校验类型）',
        description: '以回执中的上传凭证（请求头 x-objection-token）上传，公示期内、异议办结前有效，每件最多5个文件。',
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      async (req, reply) => {
        const token = req.headers['x-objection-token'];
        const receive = (maxBytes: number, limitOf: string) => incomingFile(req, maxBytes, limitOf);
        return reply
          .status(201)
          .send(
            await uploadObjectionEvidence(
              ctx,
              req.params.objectionId,
              typeof token === 'string' ? token : undefined,
              receive,
              originOf(req),
            ),
          );
      },
    );
  };
