import {
  applicantEndpoints,
  applicationEndpoints,
  auditEndpoints,
  evidencePreviewEndpoints,
  precheckEndpoints,
  referenceEndpoints,
  templateEndpoints,
  type ApplicationDraft,
  type ApplicationFilters,
  type AuditLogQuery,
  type InstitutionInput,
  type PrecheckInput,
} from '#contract';
import { call, uploadTo, urlOf, type UploadProgress } from './client';

export const referenceApi = {
  reference: (signal?: AbortSignal) => call(referenceEndpoints.reference, { signal }),
  batches: (signal?: AbortSignal) => call(referenceEndpoints.batches, { signal }),
};

export const precheckApi = {
  check: (input: PrecheckInput) => call(precheckEndpoints.check, { body: input }),
};

export const templateUrls = {
  roster: urlOf(templateEndpoints.roster),
  institutions: urlOf(templateEndpoints.institutions),
};

export const evidenceDownloadUrl = (applicationId: string, fileId: string) =>
  urlOf(applicationEndpoints.evidenceFile, { params: { id: applicationId, fileId }, query: {} });

/** The same file served `inline`, for the viewer beside a review item. */
export const evidenceInlineUrl = (applicationId: string, fileId: string) =>
  urlOf(applicationEndpoints.evidenceFile, { params: { id: applicationId, fileId }, query: { inline: '1' } });

/** 申报书: the draft marked 草稿 before submission, the submitted version after. */
export const applicationDossierUrl = (applicationId: string, format: 'docx' | 'pdf') =>
  urlOf(applicationEndpoints.dossier, { params: { id: applicationId, format }, query: {} });

export const applicantApi = {
  myApplication: (signal?: AbortSignal) => call(applicantEndpoints.myApplication, { signal }),
  myApplications: (signal?: AbortSignal) => call(applicantEndpoints.myApplications, { signal }),
  startBlank: () => call(applicantEndpoints.startBlank),
  copyPrevious: (fromApplicationId: string) => call(applicantEndpoints.copyPrevious, { body: { fromApplicationId } }),
  confirmPreviousEvidence: (id: string, fileId: string) =>
    call(applicantEndpoints.confirmPreviousEvidence, { params: { id, fileId } }),
  saveDraft: (id: string, draft: ApplicationDraft) =>
    call(applicantEndpoints.saveDraft, { params: { id }, body: draft }),
  saveInstitutions: (id: string, institutions: InstitutionInput[]) =>
    call(applicantEndpoints.saveInstitutions, { params: { id }, body: { institutions } }),
  importInstitutions: (id: string, file: File, onProgress: (p: UploadProgress) => void) =>
    uploadTo(applicantEndpoints.importInstitutions, file, onProgress, { params: { id } }),
  importRoster: (id: string, file: File, onProgress: (p: UploadProgress) => void) =>
    uploadTo(applicantEndpoints.importRoster, file, onProgress, { params: { id } }),
  roster: (id: string, signal?: AbortSignal) => call(applicantEndpoints.roster, { params: { id }, signal }),
  uploadEvidence: (id: string, type: string, file: File, onProgress: (p: UploadProgress) => void) =>
    uploadTo(applicantEndpoints.uploadEvidence, file, onProgress, { params: { id }, query: { type } }),
  deleteEvidence: (id: string, fileId: string) => call(applicantEndpoints.deleteEvidence, { params: { id, fileId } }),
  submit: (id: string) => call(applicantEndpoints.submit, { params: { id } }),
};

/** The officials' list filters as the filter bar holds them: text, empty where unset (left out of the query). */
export type ApplicationFilterValues = { [K in keyof ApplicationFilters]?: string };

/** The audit log's filters and page as the page's address holds them: text, empty where unset. */
export type AuditFilterValues = { [K in keyof AuditLogQuery]?: string };

/** Reading applications: the officials' lists and details, and the receipt for every role. */
export const applicationsApi = {
  list: (filters: ApplicationFilterValues = {}, signal?: AbortSignal) =>
    // The bar offers only the server's values; the server checks them again.
    call(applicationEndpoints.list, { query: filters as ApplicationFilters, signal }),
  get: (id: string, signal?: AbortSignal) => call(applicationEndpoints.get, { params: { id }, signal }),
  receipt: (id: string, signal?: AbortSignal) => call(applicationEndpoints.receipt, { params: { id }, signal }),
  evidencePreview: (id: string, fileId: string, signal?: AbortSignal) =>
    call(evidencePreviewEndpoints.preview, { params: { id, fileId }, signal }),
};

/** The province's audit log and the check of its hash chain. */
export const auditApi = {
  list: (filters: AuditFilterValues, signal?: AbortSignal) =>
    call(auditEndpoints.list, { query: filters as AuditLogQuery, signal }),
  verification: (signal?: AbortSignal) => call(auditEndpoints.verification, { signal }),
};
