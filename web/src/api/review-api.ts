import {
  archiveEndpoints,
  cityPackageEndpoints,
  documentEndpoints,
  provinceEndpoints,
  reviewEndpoints,
  type Channel,
  type FindingInput,
  type InterviewInput,
  type LetterSettingsInput,
  type SiteCheckInput,
  type SurveyContactInput,
  type SurveyMethod,
} from '#contract';
import { call, uploadTo, urlOf, type UploadProgress } from './client';

/** The city's review of one application (domain §6); every change answers the whole ReviewView. */
export const reviewApi = {
  get: (id: string, signal?: AbortSignal) => call(reviewEndpoints.get, { params: { id }, signal }),
  saveFinding: (id: string, itemKey: string, input: FindingInput) =>
    call(reviewEndpoints.saveFinding, { params: { id, itemKey }, body: input }),
  returnForRevision: (id: string, summary: string, remarks: { itemKey: string | null; message: string }[]) =>
    call(reviewEndpoints.returnForRevision, { params: { id }, body: { summary, remarks } }),
  reject: (id: string, reason: string) => call(reviewEndpoints.reject, { params: { id }, body: { reason } }),
  saveSiteCheck: (id: string, input: SiteCheckInput) =>
    call(reviewEndpoints.saveSiteCheck, { params: { id }, body: input }),
  uploadSiteCheckScan: (id: string, file: File, onProgress: (p: UploadProgress) => void) =>
    uploadTo(reviewEndpoints.uploadSiteCheckScan, file, onProgress, { params: { id } }),
  saveInterview: (id: string, input: InterviewInput) =>
    call(reviewEndpoints.saveInterview, { params: { id }, body: input }),
  drawSurvey: (id: string, methods: SurveyMethod[], sampleSize?: number) =>
    call(reviewEndpoints.drawSurvey, {
      params: { id },
      body: sampleSize === undefined ? { methods } : { methods, sampleSize },
    }),
  saveSurveyMethods: (id: string, methods: SurveyMethod[]) =>
    call(reviewEndpoints.saveSurveyMethods, { params: { id }, body: { methods } }),
  recordSurveyContact: (id: string, rosterRowNo: number, input: SurveyContactInput) =>
    call(reviewEndpoints.recordSurveyContact, { params: { id, rosterRowNo }, body: input }),
  /** The full roster phone of one drawn enterprise ('' if its roster row is gone); the server audits the disclosure. */
  disclosePhone: (id: string, rosterRowNo: number, signal?: AbortSignal) =>
    call(reviewEndpoints.disclosePhone, { params: { id, rosterRowNo }, signal }).then((r) => r.phone ?? ''),
  saveOpinion: (id: string, input: { impact: string; opinion: string; opinionDate: string }) =>
    call(reviewEndpoints.saveOpinion, { params: { id }, body: input }),
  recommend: (id: string, channel: Channel, designatedAreaId: string | null) =>
    call(reviewEndpoints.recommend, { params: { id }, body: { channel, designatedAreaId } }),
  withdrawRecommendation: (id: string) => call(reviewEndpoints.withdrawRecommendation, { params: { id } }),
};

/** Generated official documents (附件1, 附件2, 附件3, 推荐文件, 刻盘), downloaded as files; a package's of `batch`. */
export const documentUrls = {
  siteCheckStatement: (applicationId: string, format: 'docx' | 'pdf') =>
    urlOf(documentEndpoints.siteCheckStatement, { params: { id: applicationId, format }, query: {} }),
  recommendationForm: (applicationId: string, format: 'docx' | 'pdf') =>
    urlOf(documentEndpoints.recommendationForm, { params: { id: applicationId, format }, query: {} }),
  citySummary: (format: 'xlsx' | 'pdf', batch: string | undefined) =>
    urlOf(documentEndpoints.citySummary, { params: { format }, query: { batch } }),
  packageSummary: (authorityCode: string, format: 'xlsx' | 'pdf', batch: string | undefined) =>
    urlOf(documentEndpoints.packageSummary, { params: { authorityCode, format }, query: { batch } }),
  packageArchive: (authorityCode: string, batch: string | undefined) =>
    urlOf(documentEndpoints.packageArchive, { params: { authorityCode }, query: { batch } }),
  packageLetter: (authorityCode: string, format: 'docx' | 'pdf', batch: string | undefined) =>
    urlOf(documentEndpoints.packageLetter, { params: { authorityCode, format }, query: { batch } }),
  provinceArchive: (batch: string | undefined) => urlOf(documentEndpoints.provinceArchive, { query: { batch } }),
  provinceSummary: (format: 'xlsx' | 'pdf', batch: string | undefined) =>
    urlOf(documentEndpoints.provinceSummary, { params: { format }, query: { batch } }),
};

/**
 * The city's recommendation package to the province. `batch` is the batch picked (`?batch=`); undefined
 * leaves the choice to the server (the open batch, else the latest).
 */
export const cityPackageApi = {
  get: (batch: string | undefined, signal?: AbortSignal) =>
    call(cityPackageEndpoints.get, { query: { batch }, signal }),
  submit: (batch: string | undefined) => call(cityPackageEndpoints.submit, { query: { batch } }),
  letterSettings: (batch: string | undefined, signal?: AbortSignal) =>
    call(cityPackageEndpoints.letterSettings, { query: { batch }, signal }),
  saveLetterSettings: (body: LetterSettingsInput, batch: string | undefined) =>
    call(cityPackageEndpoints.saveLetterSettings, { query: { batch }, body }),
};

/** What a 刻盘 package will hold, checked before its download (a refusal is shown, not saved as the zip). */
export const archiveApi = {
  city: (authorityCode: string, batch: string | undefined, signal?: AbortSignal) =>
    call(archiveEndpoints.city, { params: { authorityCode }, query: { batch }, signal }),
  province: (batch: string | undefined, signal?: AbortSignal) =>
    call(archiveEndpoints.province, { query: { batch }, signal }),
};

/** The province's receipt board and its actions on a city's package, in `batch`. */
export const provinceApi = {
  board: (batch: string | undefined, signal?: AbortSignal) =>
    call(provinceEndpoints.board, { query: { batch }, signal }),
  cityPackage: (authorityCode: string, batch: string | undefined, signal?: AbortSignal) =>
    call(provinceEndpoints.cityPackage, { params: { authorityCode }, query: { batch }, signal }),
  returnPackage: (authorityCode: string, remarks: string, batch: string | undefined) =>
    call(provinceEndpoints.returnPackage, { params: { authorityCode }, query: { batch }, body: { remarks } }),
  /** 受理 of the submitted `version` the province looked at. */
  acceptPackage: (authorityCode: string, version: number, batch: string | undefined) =>
    call(provinceEndpoints.acceptPackage, { params: { authorityCode }, query: { batch }, body: { version } }),
  /** `endsAt` is an ISO instant with +08:00. */
  grantException: (authorityCode: string, reason: string, endsAt: string, batch: string | undefined) =>
    call(provinceEndpoints.grantException, { params: { authorityCode }, query: { batch }, body: { reason, endsAt } }),
};
