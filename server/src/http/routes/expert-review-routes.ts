import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  expertEndpoints,
  expertPoolEndpoints,
  reviewRoundEndpoints,
  roundScoreEndpoints,
  scoreSheetEndpoints,
} from '#contract';
import { changeReviewRoundStatus } from '../../use-cases/change-review-round-status.js';
import type { Context } from '../../use-cases/context.js';
import { decideReviewExclusions } from '../../use-cases/decide-review-exclusions.js';
import { drawReviewExperts } from '../../use-cases/draw-review-experts.js';
import { exportExpertOpinions, exportReviewSummary } from '../../use-cases/export-review-documents.js';
import { listExpertRounds } from '../../use-cases/list-expert-rounds.js';
import { listExperts } from '../../use-cases/list-experts.js';
import { downloadBlindDocument, previewBlindDocument } from '../../use-cases/open-blind-document.js';
import { readBlindMaterial } from '../../use-cases/read-blind-material.js';
import { replaceReviewExpert } from '../../use-cases/replace-review-expert.js';
import {
  decideApplication,
  reopenScoreSheet,
  viewRoundScores,
  viewSheetHistory,
} from '../../use-cases/review-scores.js';
import { createExpert, updateExpert } from '../../use-cases/save-expert.js';
import { createReviewRound, updateReviewRound } from '../../use-cases/save-review-round.js';
import {
  saveScoreSheet,
  submitScoreSheet,
  viewOwnSheetHistory,
  viewPeerScores,
  viewScoreSheet,
} from '../../use-cases/score-review-sheet.js';
import { signReviewPledge } from '../../use-cases/sign-review-pledge.js';
import { viewExpert } from '../../use-cases/view-expert.js';
import { listReviewRounds, viewReviewRound, viewRoundConflicts } from '../../use-cases/view-review-round.js';
import { sendFile, sendStoredFile } from '../downloads.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';

/** 专家评审 (issue 15): the province's expert pool and review rounds, and the expert's blind review. */
export const expertReviewRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const pool = { policy: 'expert-pool:manage' as const, tags: ['专家库'] };
    const rounds = { policy: 'review-round:manage' as const, tags: ['专家评审'] };
    const expert = { policy: 'expert-review:read' as const, tags: ['评审专家'] };
    const scoring = { policy: 'expert-review:score' as const, tags: ['评审专家'] };
    const scores = { policy: 'review-score:manage' as const, tags: ['专家评审'] };

    serve(app, expertPoolEndpoints.list, { ...pool, summary: '专家库（联系电话已遮盖）' }, async (req) =>
      listExperts(ctx, req.actor),
    );
    serve(app, expertPoolEndpoints.create, { ...pool, summary: '添加专家' }, async (req, reply) =>
      reply.status(201).send(await createExpert(ctx, req.actor, req.body, originOf(req))),
    );
    serve(
      app,
      expertPoolEndpoints.get,
      { ...pool, summary: '某位专家（完整联系电话，记入审计日志）', exposeHeadRoute: false },
      async (req) => viewExpert(ctx, req.actor, req.params.expertId, originOf(req)),
    );
    serve(app, expertPoolEndpoints.update, { ...pool, summary: '修改专家信息（含申报的利害关系）' }, async (req) =>
      updateExpert(ctx, req.actor, req.params.expertId, req.body, originOf(req)),
    );

    serve(app, reviewRoundEndpoints.list, { ...rounds, summary: '本批次的评审轮次' }, async (req) =>
      listReviewRounds(ctx, req.actor, req.query.batch),
    );
    serve(app, reviewRoundEndpoints.create, { ...rounds, summary: '新建评审轮次' }, async (req, reply) =>
      reply.status(201).send(await createReviewRound(ctx, req.actor, req.body, originOf(req), req.query.batch)),
    );
    serve(app, reviewRoundEndpoints.get, { ...rounds, summary: '评审轮次' }, async (req) =>
      viewReviewRound(ctx, req.actor, req.params.roundId),
    );
    serve(app, reviewRoundEndpoints.update, { ...rounds, summary: '修改评审轮次（抽取专家前）' }, async (req) =>
      updateReviewRound(ctx, req.actor, req.params.roundId, req.body.version, req.body.round, originOf(req)),
    );
    serve(
      app,
      reviewRoundEndpoints.exclusions,
      { ...rounds, summary: '记录申报单位申请回避的专家及省厅意见' },
      async (req) =>
        decideReviewExclusions(ctx, req.actor, req.params.roundId, req.params.applicationId, req.body, originOf(req)),
    );
    serve(app, reviewRoundEndpoints.draw, { ...rounds, summary: '双随机抽取专家（随机种子记录在案）' }, async (req) =>
      drawReviewExperts(ctx, req.actor, req.params.roundId, req.body.version, originOf(req)),
    );
    serve(app, reviewRoundEndpoints.replace, { ...rounds, summary: '随机替换某组的一位专家' }, async (req) =>
      replaceReviewExpert(ctx, req.actor, req.params.roundId, req.body, originOf(req)),
    );
    serve(app, reviewRoundEndpoints.open, { ...rounds, summary: '开始评审' }, async (req) =>
      changeReviewRoundStatus(ctx, req.actor, req.params.roundId, 'open', req.body.version, originOf(req)),
    );
    serve(app, reviewRoundEndpoints.close, { ...rounds, summary: '结束评审' }, async (req) =>
      changeReviewRoundStatus(ctx, req.actor, req.params.roundId, 'close', req.body.version, originOf(req)),
    );
    serve(app, reviewRoundEndpoints.conflicts, { ...rounds, summary: '回避情况（逐一列明原因）' }, async (req) =>
      viewRoundConflicts(ctx, req.actor, req.params.roundId),
    );

    serve(app, expertEndpoints.rounds, { ...expert, summary: '我的评审任务' }, async (req) =>
      listExpertRounds(ctx, req.actor),
    );
    serve(app, expertEndpoints.pledge, { ...expert, summary: '签署承诺书（回避声明）' }, async (req) =>
      signReviewPledge(ctx, req.actor, req.params.roundId, req.body.textVersion, originOf(req)),
    );
    serve(
      app,
      expertEndpoints.material,
      { ...expert, summary: '评审材料（盲审：不含单位名称、信用代码、人员、电话、地区）', exposeHeadRoute: false },
      async (req) => readBlindMaterial(ctx, req.actor, req.params.roundId, req.params.label, originOf(req)),
    );
    serve(
      app,
      expertEndpoints.document,
      { ...expert, summary: '佐证材料（以中性名称下载或在线查看，记入审计日志）', exposeHeadRoute: false },
      async (req, reply) => {
        const { file, stream } = await downloadBlindDocument(
          ctx,
          req.actor,
          req.params.roundId,
          req.params.label,
          req.params.number,
          originOf(req),
        );
        return sendStoredFile(reply, file, stream, req.query);
      },
    );
    serve(
      app,
      expertEndpoints.documentPreview,
      { ...expert, summary: '在线预览 Word、Excel、OFD 佐证材料', exposeHeadRoute: false },
      async (req) =>
        previewBlindDocument(ctx, req.actor, req.params.roundId, req.params.label, req.params.number, originOf(req)),
    );

    serve(app, scoreSheetEndpoints.get, { ...scoring, summary: '我的评分表（含计分公式与合计）' }, async (req) =>
      viewScoreSheet(ctx, req.actor, req.params.roundId, req.params.label),
    );
    serve(app, scoreSheetEndpoints.save, { ...scoring, summary: '保存评分表（草稿，按版本号）' }, async (req) =>
      saveScoreSheet(ctx, req.actor, req.params.roundId, req.params.label, req.body, originOf(req)),
    );
    serve(app, scoreSheetEndpoints.submit, { ...scoring, summary: '提交评分表（须全部评完）' }, async (req) =>
      submitScoreSheet(ctx, req.actor, req.params.roundId, req.params.label, req.body.version, originOf(req)),
    );
    serve(app, scoreSheetEndpoints.history, { ...scoring, summary: '我的评分表的修改记录' }, async (req) =>
      viewOwnSheetHistory(ctx, req.actor, req.params.roundId, req.params.label),
    );
    serve(
      app,
      scoreSheetEndpoints.peers,
      { ...scoring, summary: '其他专家的评分（本人提交后可见，不含姓名）' },
      async (req) => viewPeerScores(ctx, req.actor, req.params.roundId, req.params.label),
    );
    serve(
      app,
      scoreSheetEndpoints.opinions,
      { ...scoring, summary: '我的评审意见表（PDF，每件一页，供打印签字）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(reply, await exportExpertOpinions(ctx, req.actor, req.params.roundId, originOf(req)), req.query),
    );

    serve(
      app,
      roundScoreEndpoints.scores,
      { ...scores, summary: '评分汇总（原始分、统计量、合格判定、评审结论；可排序）' },
      async (req) => viewRoundScores(ctx, req.actor, req.params.roundId, req.query.sort, req.query.order),
    );
    serve(
      app,
      roundScoreEndpoints.summary,
      { ...scores, summary: '专家评审意见汇总表（Excel 或 PDF）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportReviewSummary(ctx, req.actor, req.params.roundId, req.params.format, originOf(req)),
          req.query,
        ),
    );
    serve(app, roundScoreEndpoints.history, { ...scores, summary: '某位专家评分表的修改记录' }, async (req) =>
      viewSheetHistory(ctx, req.actor, req.params.roundId, req.params.applicationId, req.params.expertId),
    );
    serve(app, roundScoreEndpoints.reopen, { ...scores, summary: '退回已提交的评分表（须说明理由）' }, async (req) =>
      reopenScoreSheet(
        ctx,
        req.actor,
        req.params.roundId,
        req.params.applicationId,
        req.params.expertId,
        req.body.reason,
        originOf(req),
      ),
    );
    serve(app, roundScoreEndpoints.decide, { ...scores, summary: '作出评审结论（建议认定／不建议）' }, async (req) =>
      decideApplication(ctx, req.actor, req.params.roundId, req.params.applicationId, req.body, originOf(req)),
    );
  };
