import {
  cityObjectionEndpoints,
  holidayEndpoints,
  publicityEndpoints,
  publicPublicityEndpoints,
  type HolidayYear,
  type ObjectionClose,
  type ObjectionInput,
  type ProvinceLetterSettingsInput,
  type PublicityInput,
} from '#contract';
import { call, upload, urlOf, type UploadProgress } from './client';

/** Without an account: the 公示 now and before, the objection form and its evidence (with the receipt's token). */
export const publicPublicityApi = {
  list: (signal?: AbortSignal) => call(publicPublicityEndpoints.list, { signal }).then((r) => r.publicities),
  object: (publicityId: string, input: ObjectionInput) =>
    call(publicPublicityEndpoints.object, { params: { publicityId }, body: input }),
  evidence: (objectionId: string, token: string, file: File, onProgress: (p: UploadProgress) => void) =>
    upload<{ id: string; name: string }>(
      urlOf(publicPublicityEndpoints.evidence, { params: { objectionId } }),
      file,
      onProgress,
      { 'x-objection-token': token },
    ),
};

/** The province's 公示 of a batch, its objections and 认定; every change answers the objection or the 公示. */
export const publicityApi = {
  create: (batch: string | undefined, input: PublicityInput) =>
    call(publicityEndpoints.create, { query: { batch }, body: input }),
  get: (publicityId: string, signal?: AbortSignal) => call(publicityEndpoints.get, { params: { publicityId }, signal }),
  registerPaper: (publicityId: string, input: ObjectionInput) =>
    call(publicityEndpoints.registerPaperObjection, { params: { publicityId }, body: input }),
  assign: (objectionId: string, userId: string) =>
    call(publicityEndpoints.assign, { params: { objectionId }, body: { userId } }),
  note: (objectionId: string, text: string) =>
    call(publicityEndpoints.note, { params: { objectionId }, body: { text } }),
  requestCity: (objectionId: string, question: string) =>
    call(publicityEndpoints.requestCity, { params: { objectionId }, body: { question } }),
  close: (objectionId: string, input: ObjectionClose) =>
    call(publicityEndpoints.closeObjection, { params: { objectionId }, body: input }),
  recognize: (publicityId: string) => call(publicityEndpoints.recognize, { params: { publicityId } }),
  letterSettings: (signal?: AbortSignal) => call(publicityEndpoints.letterSettings, { signal }),
  saveLetterSettings: (input: ProvinceLetterSettingsInput) =>
    call(publicityEndpoints.saveLetterSettings, { body: input }),
  /** 认定文件, once 认定 is issued. */
  decisionUrl: (publicityId: string, format: 'docx' | 'pdf') =>
    urlOf(publicityEndpoints.decision, { params: { publicityId, format }, query: {} }),
};

/** The recommending city: the objections it is asked to answer. */
export const cityObjectionApi = {
  list: (signal?: AbortSignal) => call(cityObjectionEndpoints.list, { signal }).then((r) => r.objections),
  respond: (objectionId: string, text: string) =>
    call(cityObjectionEndpoints.respond, { params: { objectionId }, body: { text } }),
};

export const publicityKeys = {
  publicList: ['public', 'publicities'] as const,
  publicity: (publicityId: string) => ['publicities', publicityId] as const,
  cityObjections: ['city', 'objections'] as const,
  holidays: ['holidays'] as const,
  letterSettings: ['province', 'letter-settings'] as const,
};

/** The holiday table working days are counted on (the 公示 window's preview); the system administrator edits it. */
export const holidayApi = {
  get: (signal?: AbortSignal) => call(holidayEndpoints.get, { signal }),
  put: (year: number, input: HolidayYear) => call(holidayEndpoints.put, { params: { year }, body: input }),
};
