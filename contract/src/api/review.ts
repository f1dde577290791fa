import { z } from 'zod';
import {
  cityPackageViewSchema,
  exceptionInputSchema,
  findingInputSchema,
  interviewInputSchema,
  opinionInputSchema,
  packageAcceptInputSchema,
  packageArchiveInfoSchema,
  packageReturnInputSchema,
  provinceBoardSchema,
  recommendInputSchema,
  rejectInputSchema,
  returnInputSchema,
  reviewItemKey,
  reviewViewSchema,
  siteCheckInputSchema,
  surveyContactInputSchema,
  surveyDrawInputSchema,
  surveyMethodsInputSchema,
  surveyPhoneSchema,
} from '../review.js';
import { letterSettingsInputSchema, letterSettingsViewSchema } from '../letter.js';
import { applicationParams } from './applications.js';
import { endpoint, fileDownload } from './endpoint.js';

/** The `:rosterRowNo` of a drawn enterprise, beside the application's `:id`. */
const rosterRowParams = applicationParams.extend({
  rosterRowNo: z.coerce.number({ error: '名单行号须为数字' }).int().min(1),
});
/** The `:authorityCode` of a city (推荐单位). */
const authorityParams = z.object({
  authorityCode: z
    .string()
    .regex(/^\d{6}(-[A-Z]{3})?$/, { error: '推荐单位代码须为6位数字（可带三位大写字母后缀，如 410100-HKQ）' }),
});

const wordOrPdf = z.enum(['docx', 'pdf'], { error: '格式须为 docx 或 pdf' });
const excelOrPdf = z.enum(['xlsx', 'pdf'], { error: '格式须为 xlsx 或 pdf' });

/** `?inline=1` opens a generated PDF in the browser (the preview dialog's frame) instead of saving it. */
export const inlineQuery = z.object({ inline: z.enum(['0', '1'], { error: 'inline 须为 0 或 1' }).optional() });

/** `?batch=` picks the batch an official reads or acts on (default: the open one, else the latest). */
export const batchQuery = z.object({ batch: z.string().max(64, { error: '申报批次标识过长' }).optional() });
const batchFileQuery = inlineQuery.extend(batchQuery.shape);

/** The city's review of one application (domain §6); every change answers the whole ReviewView. */
export const reviewEndpoints = {
  get: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/review',
    params: applicationParams,
    response: reviewViewSchema,
  }),
  saveFinding: endpoint({
    method: 'PUT',
    path: '/api/v1/applications/:id/review/findings/:itemKey',
    params: applicationParams.extend({ itemKey: reviewItemKey }),
    body: findingInputSchema,
    response: reviewViewSchema,
  }),
  returnForRevision: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/return',
    params: applicationParams,
    body: returnInputSchema,
    response: reviewViewSchema,
  }),
  reject: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/reject',
    params: applicationParams,
    body: rejectInputSchema,
    response: reviewViewSchema,
  }),
  saveSiteCheck: endpoint({
    method: 'PUT',
    path: '/api/v1/applications/:id/site-check',
    params: applicationParams,
    body: siteCheckInputSchema,
    response: reviewViewSchema,
  }),
  uploadSiteCheckScan: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/site-check/scan',
    params: applicationParams,
    upload: true,
    response: reviewViewSchema,
  }),
  saveInterview: endpoint({
    method: 'PUT',
    path: '/api/v1/applications/:id/interview',
    params: applicationParams,
    body: interviewInputSchema,
    response: reviewViewSchema,
  }),
  drawSurvey: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/survey/draw',
    params: applicationParams,
    body: surveyDrawInputSchema,
    response: reviewViewSchema,
  }),
  saveSurveyMethods: endpoint({
    method: 'PUT',
    path: '/api/v1/applications/:id/survey/methods',
    params: applicationParams,
    body: surveyMethodsInputSchema,
    response: reviewViewSchema,
  }),
  recordSurveyContact: endpoint({
    method: 'PUT',
    path: '/api/v1/applications/:id/survey/contacts/:rosterRowNo',
    params: rosterRowParams,
    body: surveyContactInputSchema,
    response: reviewViewSchema,
  }),
  disclosePhone: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/survey/contacts/:rosterRowNo/phone',
    params: rosterRowParams,
    response: surveyPhoneSchema,
  }),
  saveOpinion: endpoint({
    method: 'PUT',
    path: '/api/v1/applications/:id/opinion',
    params: applicationParams,
    body: opinionInputSchema,
    response: reviewViewSchema,
  }),
  recommend: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/recommendation',
    params: applicationParams,
    body: recommendInputSchema,
    response: reviewViewSchema,
  }),
  withdrawRecommendation: endpoint({
    method: 'DELETE',
    path: '/api/v1/applications/:id/recommendation',
    params: applicationParams,
    response: reviewViewSchema,
  }),
};

/** The official documents generated from the records (附件1, 附件2, 附件3, 推荐文件, 刻盘), as files. */
export const documentEndpoints = {
  siteCheckStatement: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/documents/site-check-statement.:format',
    params: applicationParams.extend({ format: wordOrPdf }),
    query: inlineQuery,
    response: fileDownload,
  }),
  recommendationForm: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/documents/recommendation-form.:format',
    params: applicationParams.extend({ format: wordOrPdf }),
    query: inlineQuery,
    response: fileDownload,
  }),
  citySummary: endpoint({
    method: 'GET',
    path: '/api/v1/city/package/summary.:format',
    params: z.object({ format: excelOrPdf }),
    query: batchFileQuery,
    response: fileDownload,
  }),
  packageSummary: endpoint({
    method: 'GET',
    path: '/api/v1/packages/:authorityCode/summary.:format',
    params: authorityParams.extend({ format: excelOrPdf }),
    query: batchFileQuery,
    response: fileDownload,
  }),
  packageLetter: endpoint({
    method: 'GET',
    path: '/api/v1/packages/:authorityCode/letter.:format',
    params: authorityParams.extend({ format: wordOrPdf }),
    query: batchFileQuery,
    response: fileDownload,
  }),
  packageArchive: endpoint({
    method: 'GET',
    path: '/api/v1/packages/:authorityCode/archive.zip',
    params: authorityParams,
    query: batchQuery,
    response: fileDownload,
  }),
  provinceArchive: endpoint({
    method: 'GET',
    path: '/api/v1/province/archive.zip',
    query: batchQuery,
    response: fileDownload,
  }),
  provinceSummary: endpoint({
    method: 'GET',
    path: '/api/v1/province/summary.:format',
    params: z.object({ format: excelOrPdf }),
    query: batchFileQuery,
    response: fileDownload,
  }),
};

/** The signed-in city's recommendation package to the province in the current batch. */
export const cityPackageEndpoints = {
  get: endpoint({ method: 'GET', path: '/api/v1/city/package', query: batchQuery, response: cityPackageViewSchema }),
  submit: endpoint({
    method: 'POST',
    path: '/api/v1/city/package/submit',
    query: batchQuery,
    response: cityPackageViewSchema,
  }),
  letterSettings: endpoint({
    method: 'GET',
    path: '/api/v1/city/package/letter',
    query: batchQuery,
    response: letterSettingsViewSchema,
  }),
  saveLetterSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/city/package/letter',
    query: batchQuery,
    body: letterSettingsInputSchema,
    response: letterSettingsViewSchema,
  }),
};

/** What a 刻盘 package will hold, checked before its download (a refusal is shown, not saved as the zip). */
export const archiveEndpoints = {
  city: endpoint({
    method: 'GET',
    path: '/api/v1/packages/:authorityCode/archive',
    params: authorityParams,
    query: batchQuery,
    response: packageArchiveInfoSchema,
  }),
  province: endpoint({
    method: 'GET',
    path: '/api/v1/province/archive',
    query: batchQuery,
    response: packageArchiveInfoSchema,
  }),
};

/** The province's receipt board and its actions on a city's package. */
export const provinceEndpoints = {
  board: endpoint({ method: 'GET', path: '/api/v1/province/board', query: batchQuery, response: provinceBoardSchema }),
  cityPackage: endpoint({
    method: 'GET',
    path: '/api/v1/packages/:authorityCode',
    params: authorityParams,
    query: batchQuery,
    response: cityPackageViewSchema,
  }),
  returnPackage: endpoint({
    method: 'POST',
    path: '/api/v1/packages/:authorityCode/return',
    params: authorityParams,
    query: batchQuery,
    body: packageReturnInputSchema,
    response: cityPackageViewSchema,
  }),
  acceptPackage: endpoint({
    method: 'POST',
    path: '/api/v1/packages/:authorityCode/accept',
    params: authorityParams,
    query: batchQuery,
    body: packageAcceptInputSchema,
    response: cityPackageViewSchema,
  }),
  grantException: endpoint({
    method: 'POST',
    path: '/api/v1/packages/:authorityCode/exception',
    params: authorityParams,
    query: batchQuery,
    body: exceptionInputSchema,
    response: cityPackageViewSchema,
  }),
};
