import type {
  Channel,
  CityPackageView,
  FindingInput,
  InterviewInput,
  PackageArchiveInfo,
  ReviewView,
  SiteCheckInput,
  SurveyContactInput,
  SurveyMethod,
} from '#contract';
import { request, upload, type UploadProgress } from './client';
import type { ProvinceBoard } from './types';

const base = '/api/v1';

const app = (id: string) => `${base}/applications/${encodeURIComponent(id)}`;

/** The city's review of one application (domain §6); every change answers the whole ReviewView. */
export const reviewApi = {
  get: (id: string) => request<ReviewView>('GET', `${app(id)}/review`),
  saveFinding: (id: string, itemKey: string, input: FindingInput) =>
    request<ReviewView>('PUT', `${app(id)}/review/findings/${encodeURIComponent(itemKey)}`, input),
  returnForRevision: (id: string, summary: string, remarks: { itemKey: string | null; message: string }[]) =>
    request<ReviewView>('POST', `${app(id)}/return`, { summary, remarks }),
  reject: (id: string, reason: string) => request<ReviewView>('POST', `${app(id)}/reject`, { reason }),
  saveSiteCheck: (id: string, input: SiteCheckInput) => request<ReviewView>('PUT', `${app(id)}/site-check`, input),
  uploadSiteCheckScan: (id: string, file: File, onProgress: (p: UploadProgress) => void) =>
    upload<ReviewView>(`${app(id)}/site-check/scan`, file, onProgress),
  saveInterview: (id: string, input: InterviewInput) => request<ReviewView>('PUT', `${app(id)}/interview`, input),
  drawSurvey: (id: string, methods: SurveyMethod[], sampleSize?: number) =>
    request<ReviewView>(
      'POST',
      `${app(id)}/survey/draw`,
      sampleSize === undefined ? { methods } : { methods, sampleSize },
    ),
  saveSurveyMethods: (id: string, methods: SurveyMethod[]) =>
    request<ReviewView>('PUT', `${app(id)}/survey/methods`, { methods }),
  recordSurveyContact: (id: string, rosterRowNo: number, input: SurveyContactInput) =>
    request<ReviewView>('PUT', `${app(id)}/survey/contacts/${rosterRowNo}`, input),
  /** The full roster phone of one drawn enterprise; the server audits the disclosure. */
  disclosePhone: (id: string, rosterRowNo: number) =>
    request<{ phone: string }>('GET', `${app(id)}/survey/contacts/${rosterRowNo}/phone`).then((r) => r.phone),
  saveOpinion: (id: string, input: { impact: string; opinion: string; opinionDate: string }) =>
    request<ReviewView>('PUT', `${app(id)}/opinion`, input),
  recommend: (id: string, channel: Channel, designatedAreaId: string | null) =>
    request<ReviewView>('POST', `${app(id)}/recommendation`, { channel, designatedAreaId }),
  withdrawRecommendation: (id: string) => request<ReviewView>('DELETE', `${app(id)}/recommendation`),
};

/** Generated official documents (附件1, 附件2), downloaded as files. */
export const documentUrls = {
  siteCheckStatement: (applicationId: string, format: 'docx' | 'pdf') =>
    `${base}/applications/${encodeURIComponent(applicationId)}/documents/site-check-statement.${format}`,
  recommendationForm: (applicationId: string, format: 'docx' | 'pdf') =>
    `${base}/applications/${encodeURIComponent(applicationId)}/documents/recommendation-form.${format}`,
  citySummary: (format: 'xlsx' | 'pdf') => `${base}/city/package/summary.${format}`,
  packageSummary: (authorityCode: string, format: 'xlsx' | 'pdf') =>
    `${base}/packages/${encodeURIComponent(authorityCode)}/summary.${format}`,
  packageArchive: (authorityCode: string) => `${base}/packages/${encodeURIComponent(authorityCode)}/archive.zip`,
  packageLetter: (authorityCode: string, format: 'docx' | 'pdf') =>
    `${base}/packages/${encodeURIComponent(authorityCode)}/letter.${format}`,
  provinceArchive: `${base}/province/archive.zip`,
  provinceSummary: (format: 'xlsx' | 'pdf') => `${base}/province/summary.${format}`,
};

/** The city's recommendation package to the province in the current batch. */
export const cityPackageApi = {
  get: () => request<CityPackageView>('GET', `${base}/city/package`),
  submit: () => request<CityPackageView>('POST', `${base}/city/package/submit`),
};

const cityPackage = (authorityCode: string) => `${base}/packages/${encodeURIComponent(authorityCode)}`;

/** What a 刻盘 package will hold, checked before its download (a refusal is shown, not saved as the zip). */
export const archiveApi = {
  city: (authorityCode: string) => request<PackageArchiveInfo>('GET', `${cityPackage(authorityCode)}/archive`),
  province: () => request<PackageArchiveInfo>('GET', `${base}/province/archive`),
};

/** The province's receipt board and its actions on a city's package. */
export const provinceApi = {
  board: () => request<ProvinceBoard>('GET', `${base}/province/board`),
  cityPackage: (authorityCode: string) => request<CityPackageView>('GET', cityPackage(authorityCode)),
  returnPackage: (authorityCode: string, remarks: string) =>
    request<CityPackageView>('POST', `${cityPackage(authorityCode)}/return`, { remarks }),
  /** `endsAt` is an ISO instant with +08:00. */
  grantException: (authorityCode: string, reason: string, endsAt: string) =>
    request<CityPackageView>('POST', `${cityPackage(authorityCode)}/exception`, { reason, endsAt }),
};
