import {
  expertEndpoints,
  expertPoolEndpoints,
  reviewRoundEndpoints,
  roundScoreEndpoints,
  scoreSheetEndpoints,
  type DecisionInput,
  type ExclusionsInput,
  type ExpertInput,
  type ReplacementInput,
  type ReviewRoundInput,
  type ScoreMetric,
  type ScoreSheetInput,
} from '#contract';
import { call, urlOf } from './client';

/** The province's expert pool (专家库): the list masks phones, the single view shows the phone in full (audited). */
export const expertPoolApi = {
  list: (signal?: AbortSignal) => call(expertPoolEndpoints.list, { signal }).then((r) => r.experts),
  get: (expertId: string, signal?: AbortSignal) => call(expertPoolEndpoints.get, { params: { expertId }, signal }),
  create: (input: ExpertInput) => call(expertPoolEndpoints.create, { body: input }),
  update: (expertId: string, version: number, input: ExpertInput) =>
    call(expertPoolEndpoints.update, { params: { expertId }, body: { ...input, version } }),
};

/** The province's review rounds of one batch (`?batch=`); every change answers the whole round. */
export const reviewRoundApi = {
  list: (batch: string | undefined, signal?: AbortSignal) =>
    call(reviewRoundEndpoints.list, { query: { batch }, signal }).then((r) => r.rounds),
  get: (roundId: string, signal?: AbortSignal) => call(reviewRoundEndpoints.get, { params: { roundId }, signal }),
  create: (batch: string | undefined, input: ReviewRoundInput) =>
    call(reviewRoundEndpoints.create, { query: { batch }, body: input }),
  update: (roundId: string, version: number, round: ReviewRoundInput) =>
    call(reviewRoundEndpoints.update, { params: { roundId }, body: { version, round } }),
  exclusions: (roundId: string, applicationId: string, input: ExclusionsInput) =>
    call(reviewRoundEndpoints.exclusions, { params: { roundId, applicationId }, body: input }),
  draw: (roundId: string, version: number) =>
    call(reviewRoundEndpoints.draw, { params: { roundId }, body: { version } }),
  replace: (roundId: string, input: ReplacementInput) =>
    call(reviewRoundEndpoints.replace, { params: { roundId }, body: input }),
  open: (roundId: string, version: number) =>
    call(reviewRoundEndpoints.open, { params: { roundId }, body: { version } }),
  close: (roundId: string, version: number) =>
    call(reviewRoundEndpoints.close, { params: { roundId }, body: { version } }),
  conflicts: (roundId: string, signal?: AbortSignal) =>
    call(reviewRoundEndpoints.conflicts, { params: { roundId }, signal }),
};

/** The expert's own rounds, the 承诺书 and the blind material. */
export const expertApi = {
  rounds: (signal?: AbortSignal) => call(expertEndpoints.rounds, { signal }).then((r) => r.rounds),
  pledge: (roundId: string, textVersion: string) =>
    call(expertEndpoints.pledge, { params: { roundId }, body: { textVersion } }),
  material: (roundId: string, label: string, signal?: AbortSignal) =>
    call(expertEndpoints.material, { params: { roundId, label }, signal }),
  documentUrl: (roundId: string, label: string, number: number, inline: boolean) =>
    urlOf(expertEndpoints.document, { params: { roundId, label, number }, query: { inline: inline ? '1' : '0' } }),
  /** A Word, Excel or OFD document's text and structure, for the in-page preview. */
  documentPreview: (roundId: string, label: string, number: number, signal?: AbortSignal) =>
    call(expertEndpoints.documentPreview, { params: { roundId, label, number }, signal }),
};

/** The expert's score sheet of one application (by its neutral label): save by version, submit, history, peers. */
export const scoreSheetApi = {
  get: (roundId: string, label: string, signal?: AbortSignal) =>
    call(scoreSheetEndpoints.get, { params: { roundId, label }, signal }),
  save: (roundId: string, label: string, input: ScoreSheetInput) =>
    call(scoreSheetEndpoints.save, { params: { roundId, label }, body: input }),
  submit: (roundId: string, label: string, version: number) =>
    call(scoreSheetEndpoints.submit, { params: { roundId, label }, body: { version } }),
  history: (roundId: string, label: string, signal?: AbortSignal) =>
    call(scoreSheetEndpoints.history, { params: { roundId, label }, signal }),
  /** The other experts' totals: refused (403) until the expert's own sheet is submitted. */
  peers: (roundId: string, label: string, signal?: AbortSignal) =>
    call(scoreSheetEndpoints.peers, { params: { roundId, label }, signal }),
  opinionsUrl: (roundId: string, inline: boolean) =>
    urlOf(scoreSheetEndpoints.opinions, { params: { roundId }, query: { inline: inline ? '1' : '0' } }),
};

/** The province's scores of a round: aggregation sorted by a metric, a sheet's history, reopening, decisions. */
export const roundScoreApi = {
  scores: (roundId: string, sort: ScoreMetric, order: 'asc' | 'desc', signal?: AbortSignal) =>
    call(roundScoreEndpoints.scores, { params: { roundId }, query: { sort, order }, signal }),
  history: (roundId: string, applicationId: string, expertId: string, signal?: AbortSignal) =>
    call(roundScoreEndpoints.history, { params: { roundId, applicationId, expertId }, signal }),
  reopen: (roundId: string, applicationId: string, expertId: string, reason: string) =>
    call(roundScoreEndpoints.reopen, { params: { roundId, applicationId, expertId }, body: { reason } }),
  decide: (roundId: string, applicationId: string, input: DecisionInput) =>
    call(roundScoreEndpoints.decide, { params: { roundId, applicationId }, body: input }),
  summaryUrl: (roundId: string, format: 'xlsx' | 'pdf', inline: boolean) =>
    urlOf(roundScoreEndpoints.summary, { params: { roundId, format }, query: { inline: inline ? '1' : '0' } }),
};

/** The query keys of the expert review's screens: a round's change refreshes its list and its conflicts. */
export const expertReviewKeys = {
  experts: ['expert-pool'] as const,
  rounds: ['review-rounds'] as const,
  roundList: (batch: string | undefined) => ['review-rounds', 'list', batch ?? null] as const,
  round: (roundId: string) => ['review-rounds', 'detail', roundId] as const,
  conflicts: (roundId: string) => ['review-rounds', 'conflicts', roundId] as const,
  expertRounds: ['expert', 'rounds'] as const,
  material: (roundId: string, label: string) => ['expert', 'material', roundId, label] as const,
  sheet: (roundId: string, label: string) => ['expert', 'sheet', roundId, label] as const,
  sheetHistory: (roundId: string, label: string) => ['expert', 'sheet', roundId, label, 'history'] as const,
  peers: (roundId: string, label: string) => ['expert', 'sheet', roundId, label, 'peers'] as const,
  scores: (roundId: string) => ['review-rounds', 'scores', roundId] as const,
  provinceSheetHistory: (roundId: string, applicationId: string, expertId: string) =>
    ['review-rounds', 'scores', roundId, 'history', applicationId, expertId] as const,
};
