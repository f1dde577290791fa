import { z } from 'zod';
import {
  applicationDraftSchema,
  applicationFiltersSchema,
  applicationListPageSchema,
  applicationViewSchema,
  evidenceFileViewSchema,
  institutionInputSchema,
  myApplicationsSchema,
  receiptViewSchema,
  rosterPreviewSchema,
} from '../application.js';
import { auditLogPageSchema, auditLogQuerySchema, auditVerificationSchema } from '../audit.js';
import { batchSummarySchema } from '../batch.js';
import { precheckInputSchema, precheckResultSchema } from '../precheck.js';
import { referenceDataSchema } from '../reference.js';
import { endpoint, fileDownload } from './endpoint.js';

/** The `:id` of an application. */
export const applicationParams = z.object({ id: z.uuid({ error: '申报编号格式不正确' }) });
/** An application's `:id` and one of its files' `:fileId`. */
export const applicationFileParams = applicationParams.extend({ fileId: z.uuid({ error: '文件编号格式不正确' }) });

/** The applicant's own application: the form, its two lists, evidence and submission. */
export const applicantEndpoints = {
  myApplication: endpoint({ method: 'GET', path: '/api/v1/my/application', response: applicationViewSchema }),
  myApplications: endpoint({ method: 'GET', path: '/api/v1/my/applications', response: myApplicationsSchema }),
  /** 新建空白申报 in the open batch (409 when the unit has one there). */
  startBlank: endpoint({
    method: 'POST',
    path: '/api/v1/my/application',
    status: 201,
    response: applicationViewSchema,
  }),
  /** 以往年申报为基础: a draft in the open batch copied from an earlier application (409 when the unit has one there). */
  copyPrevious: endpoint({
    method: 'POST',
    path: '/api/v1/my/application/copy',
    body: z.object({ fromApplicationId: z.uuid({ error: '申报编号格式不正确' }) }),
    status: 201,
    response: applicationViewSchema,
  }),
  /** 沿用去年的文件: an earlier application's file confirmed as this application's evidence of the same type. */
  confirmPreviousEvidence: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/evidence/previous/:fileId',
    params: applicationFileParams,
    status: 201,
    response: evidenceFileViewSchema,
  }),
  saveDraft: endpoint({
    method: 'PATCH',
    path: '/api/v1/applications/:id',
    params: applicationParams,
    body: applicationDraftSchema,
    response: applicationViewSchema,
  }),
  saveInstitutions: endpoint({
    method: 'PUT',
    path: '/api/v1/applications/:id/institutions',
    params: applicationParams,
    body: z.object({ institutions: z.array(institutionInputSchema).max(1000) }),
    response: applicationViewSchema,
  }),
  importInstitutions: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/institutions/import',
    params: applicationParams,
    upload: true,
    response: applicationViewSchema,
  }),
  roster: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/roster',
    params: applicationParams,
    response: rosterPreviewSchema,
  }),
  importRoster: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/roster',
    params: applicationParams,
    upload: true,
    response: applicationViewSchema,
  }),
  uploadEvidence: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/evidence',
    params: applicationParams,
    query: z.object({ type: z.string({ error: '须指定材料类型' }).min(1).max(64) }),
    upload: true,
    status: 201,
    response: evidenceFileViewSchema,
  }),
  deleteEvidence: endpoint({
    method: 'DELETE',
    path: '/api/v1/applications/:id/evidence/:fileId',
    params: applicationFileParams,
    response: applicationViewSchema,
  }),
  submit: endpoint({
    method: 'POST',
    path: '/api/v1/applications/:id/submit',
    params: applicationParams,
    response: receiptViewSchema,
  }),
};

/** Reading applications: the officials' list, one application, its receipt and its files. */
export const applicationEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/applications',
    query: applicationFiltersSchema,
    response: applicationListPageSchema,
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id',
    params: applicationParams,
    response: applicationViewSchema,
  }),
  receipt: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/receipt',
    params: applicationParams,
    response: receiptViewSchema,
  }),
  /** A file of the application as stored: a download, or shown in place with `inline=1`. */
  evidenceFile: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/evidence/:fileId',
    params: applicationFileParams,
    query: z.object({ inline: z.enum(['0', '1']).optional() }),
    response: fileDownload,
  }),
  /** 申报书: the application to print, seal and sign; the draft marked 草稿, after submission the submitted version. */
  dossier: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/documents/application.:format',
    params: applicationParams.extend({ format: z.enum(['docx', 'pdf'], { error: '格式须为 docx 或 pdf' }) }),
    query: z.object({ inline: z.enum(['0', '1'], { error: 'inline 须为 0 或 1' }).optional() }),
    response: fileDownload,
  }),
};

/** The Excel templates of the two lists an applicant imports. */
export const templateEndpoints = {
  roster: endpoint({ method: 'GET', path: '/api/v1/templates/roster.xlsx', response: fileDownload }),
  institutions: endpoint({ method: 'GET', path: '/api/v1/templates/institutions.xlsx', response: fileDownload }),
};

/** Regions, authorities and batches: what every form chooses from. */
export const referenceEndpoints = {
  reference: endpoint({ method: 'GET', path: '/api/v1/reference', response: referenceDataSchema }),
  batches: endpoint({ method: 'GET', path: '/api/v1/batches', response: z.array(batchSummarySchema) }),
};

/** The public 申报条件自测. */
export const precheckEndpoints = {
  check: endpoint({
    method: 'POST',
    path: '/api/v1/precheck',
    body: precheckInputSchema,
    response: precheckResultSchema,
  }),
};

/** The province's audit log and the check of its hash chain. */
export const auditEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/audit-log',
    query: auditLogQuerySchema,
    response: auditLogPageSchema,
  }),
  verification: endpoint({
    method: 'GET',
    path: '/api/v1/audit-log/verification',
    response: auditVerificationSchema,
  }),
};
