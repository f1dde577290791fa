import {
  expertEndpoints,
  expertPoolEndpoints,
  reviewRoundEndpoints,
  type ExclusionsInput,
  type ExpertInput,
  type ReplacementInput,
  type ReviewRoundInput,
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
};
