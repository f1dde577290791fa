import { z } from 'zod';
import { evidencePreviewSchema } from '../evidence-preview.js';
import {
  blindMaterialSchema,
  exclusionsInputSchema,
  expertInputSchema,
  expertRoundListSchema,
  expertRoundViewSchema,
  expertUpdateSchema,
  expertViewSchema,
  pledgeInputSchema,
  replacementInputSchema,
  reviewRoundInputSchema,
  reviewRoundListSchema,
  reviewRoundUpdateSchema,
  reviewRoundViewSchema,
  roundConflictsViewSchema,
  roundVersionSchema,
} from '../expert-pool.js';
import {
  aggregationQuerySchema,
  decisionInputSchema,
  peerScoresSchema,
  reopenInputSchema,
  roundScoresSchema,
  scoreHistorySchema,
  scoreSheetInputSchema,
  scoreSheetViewSchema,
  sheetVersionSchema,
} from '../review-scores.js';
import { endpoint, fileDownload } from './endpoint.js';
import { batchQuery, inlineQuery } from './review.js';

const expertParams = z.object({ expertId: z.uuid({ error: '专家编号格式不正确' }) });
const roundParams = z.object({ roundId: z.uuid({ error: '评审轮次编号格式不正确' }) });
const roundApplicationParams = roundParams.extend({ applicationId: z.uuid({ error: '申报编号格式不正确' }) });
/** A neutral label such as A-03: the expert never sees an application's id. */
const materialParams = roundParams.extend({
  label: z.string().regex(/^[A-Z]{1,3}-\d{2,4}$/, { error: '材料编号格式不正确' }),
});
const sheetParams = roundApplicationParams.extend({ expertId: z.uuid({ error: '专家编号格式不正确' }) });
const documentParams = materialParams.extend({
  number: z.coerce.number({ error: '材料序号须为数字' }).int().min(1).max(10_000),
});

/** The province's expert pool (专家库). */
export const expertPoolEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/experts',
    response: z.object({ experts: z.array(expertViewSchema) }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/v1/experts',
    body: expertInputSchema,
    status: 201,
    response: expertViewSchema,
  }),
  get: endpoint({ method: 'GET', path: '/api/v1/experts/:expertId', params: expertParams, response: expertViewSchema }),
  update: endpoint({
    method: 'PUT',
    path: '/api/v1/experts/:expertId',
    params: expertParams,
    body: expertUpdateSchema,
    response: expertViewSchema,
  }),
};

/** The province's review rounds: settings, exclusions, the 双随机 draw, replacements, opening and closing. */
export const reviewRoundEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/review-rounds', query: batchQuery, response: reviewRoundListSchema }),
  create: endpoint({
    method: 'POST',
    path: '/api/v1/review-rounds',
    query: batchQuery,
    body: reviewRoundInputSchema,
    status: 201,
    response: reviewRoundViewSchema,
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/v1/review-rounds/:roundId',
    params: roundParams,
    response: reviewRoundViewSchema,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/v1/review-rounds/:roundId',
    params: roundParams,
    body: reviewRoundUpdateSchema,
    response: reviewRoundViewSchema,
  }),
  exclusions: endpoint({
    method: 'PUT',
    path: '/api/v1/review-rounds/:roundId/applications/:applicationId/exclusions',
    params: roundApplicationParams,
    body: exclusionsInputSchema,
    response: reviewRoundViewSchema,
  }),
  draw: endpoint({
    method: 'POST',
    path: '/api/v1/review-rounds/:roundId/draw',
    params: roundParams,
    body: roundVersionSchema,
    response: reviewRoundViewSchema,
  }),
  replace: endpoint({
    method: 'POST',
    path: '/api/v1/review-rounds/:roundId/replacements',
    params: roundParams,
    body: replacementInputSchema,
    response: reviewRoundViewSchema,
  }),
  open: endpoint({
    method: 'POST',
    path: '/api/v1/review-rounds/:roundId/open',
    params: roundParams,
    body: roundVersionSchema,
    response: reviewRoundViewSchema,
  }),
  close: endpoint({
    method: 'POST',
    path: '/api/v1/review-rounds/:roundId/close',
    params: roundParams,
    body: roundVersionSchema,
    response: reviewRoundViewSchema,
  }),
  conflicts: endpoint({
    method: 'GET',
    path: '/api/v1/review-rounds/:roundId/conflicts',
    params: roundParams,
    response: roundConflictsViewSchema,
  }),
};

/** The expert's own side: assignments, the 承诺书, the blind material and its files. */
export const expertEndpoints = {
  rounds: endpoint({ method: 'GET', path: '/api/v1/expert/rounds', response: expertRoundListSchema }),
  pledge: endpoint({
    method: 'POST',
    path: '/api/v1/expert/rounds/:roundId/pledge',
    params: roundParams,
    body: pledgeInputSchema,
    response: expertRoundViewSchema,
  }),
  material: endpoint({
    method: 'GET',
    path: '/api/v1/expert/rounds/:roundId/materials/:label',
    params: materialParams,
    response: blindMaterialSchema,
  }),
  document: endpoint({
    method: 'GET',
    path: '/api/v1/expert/rounds/:roundId/materials/:label/documents/:number',
    params: documentParams,
    query: inlineQuery,
    response: fileDownload,
  }),
  documentPreview: endpoint({
    method: 'GET',
    path: '/api/v1/expert/rounds/:roundId/materials/:label/documents/:number/preview',
    params: documentParams,
    response: evidencePreviewSchema,
  }),
};

/** The expert's score sheet of one application (by its neutral label), its history and the others' totals. */
export const scoreSheetEndpoints = {
  get: endpoint({
    method: 'GET',
    path: '/api/v1/expert/rounds/:roundId/materials/:label/sheet',
    params: materialParams,
    response: scoreSheetViewSchema,
  }),
  save: endpoint({
    method: 'PUT',
    path: '/api/v1/expert/rounds/:roundId/materials/:label/sheet',
    params: materialParams,
    body: scoreSheetInputSchema,
    response: scoreSheetViewSchema,
  }),
  submit: endpoint({
    method: 'POST',
    path: '/api/v1/expert/rounds/:roundId/materials/:label/sheet/submit',
    params: materialParams,
    body: sheetVersionSchema,
    response: scoreSheetViewSchema,
  }),
  history: endpoint({
    method: 'GET',
    path: '/api/v1/expert/rounds/:roundId/materials/:label/sheet/history',
    params: materialParams,
    response: scoreHistorySchema,
  }),
  peers: endpoint({
    method: 'GET',
    path: '/api/v1/expert/rounds/:roundId/materials/:label/scores',
    params: materialParams,
    response: peerScoresSchema,
  }),
  /** The expert's 评审意见表: one page per submitted sheet, to print and sign. */
  opinions: endpoint({
    method: 'GET',
    path: '/api/v1/expert/rounds/:roundId/opinions.pdf',
    params: roundParams,
    query: inlineQuery,
    response: fileDownload,
  }),
};

/** The province's side of scoring: aggregation and ranking, a sheet's history, reopening, decisions. */
export const roundScoreEndpoints = {
  scores: endpoint({
    method: 'GET',
    path: '/api/v1/review-rounds/:roundId/scores',
    params: roundParams,
    query: aggregationQuerySchema,
    response: roundScoresSchema,
  }),
  history: endpoint({
    method: 'GET',
    path: '/api/v1/review-rounds/:roundId/applications/:applicationId/sheets/:expertId/history',
    params: sheetParams,
    response: scoreHistorySchema,
  }),
  reopen: endpoint({
    method: 'POST',
    path: '/api/v1/review-rounds/:roundId/applications/:applicationId/sheets/:expertId/reopen',
    params: sheetParams,
    body: reopenInputSchema,
    response: scoreHistorySchema,
  }),
  /** 专家评审意见汇总表. */
  summary: endpoint({
    method: 'GET',
    path: '/api/v1/review-rounds/:roundId/summary.:format',
    params: roundParams.extend({ format: z.enum(['xlsx', 'pdf'], { error: '格式须为 xlsx 或 pdf' }) }),
    query: inlineQuery,
    response: fileDownload,
  }),
  decide: endpoint({
    method: 'PUT',
    path: '/api/v1/review-rounds/:roundId/applications/:applicationId/decision',
    params: roundApplicationParams,
    body: decisionInputSchema,
    response: roundScoresSchema,
  }),
};
