import {
  annualReportEndpoints,
  myAnnualReportEndpoints,
  type AnnualReportDraft,
  type CityCheckInput,
  type EvaluationInput,
} from '#contract';
import { call, uploadTo, urlOf, type UploadProgress } from './client';

export const annualReportKeys = {
  mine: ['annual-reports', 'mine'] as const,
  year: (year: number | undefined) => ['annual-reports', 'year', year ?? 'current'] as const,
};

/** The applicant's recognised platforms: yearly reports and the answer to a 整改 order. */
export const myAnnualReportApi = {
  list: (signal?: AbortSignal) => call(myAnnualReportEndpoints.list, { signal }).then((r) => r.reports),
  save: (recognitionId: string, year: number, draft: AnnualReportDraft) =>
    call(myAnnualReportEndpoints.save, { params: { recognitionId, year }, body: draft }),
  submit: (recognitionId: string, year: number) =>
    call(myAnnualReportEndpoints.submit, { params: { recognitionId, year } }),
  importRoster: (recognitionId: string, year: number, file: File, onProgress: (p: UploadProgress) => void) =>
    uploadTo(myAnnualReportEndpoints.importRoster, file, onProgress, { params: { recognitionId, year } }),
  rosterUrl: (recognitionId: string, year: number) =>
    urlOf(myAnnualReportEndpoints.roster, { params: { recognitionId, year } }),
  respond: (recognitionId: string, response: string) =>
    call(myAnnualReportEndpoints.respondToRectification, { params: { recognitionId }, body: { response } }),
};

/** The city's and the province's view of a year: every platform, its report and flags, and their steps. */
export const annualReportApi = {
  list: (year: number | undefined, signal?: AbortSignal) =>
    call(annualReportEndpoints.list, { query: { year }, signal }),
  rosterUrl: (recognitionId: string, year: number) =>
    urlOf(annualReportEndpoints.roster, { params: { recognitionId, year } }),
  cityCheck: (recognitionId: string, year: number, input: CityCheckInput) =>
    call(annualReportEndpoints.cityCheck, { params: { recognitionId, year }, body: input }),
  evaluate: (recognitionId: string, year: number, input: EvaluationInput) =>
    call(annualReportEndpoints.evaluate, { params: { recognitionId, year }, body: input }),
  orderRectification: (recognitionId: string, input: { reportYear: number; reason: string; deadline: string }) =>
    call(annualReportEndpoints.orderRectification, { params: { recognitionId }, body: input }),
  acceptRectification: (recognitionId: string, note: string) =>
    call(annualReportEndpoints.acceptRectification, { params: { recognitionId }, body: { note } }),
};
