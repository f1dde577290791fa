import type {
  ApplicationDraft,
  ApplicationView,
  BatchSummary,
  EvidenceFileView,
  InstitutionInput,
  PrecheckInput,
  PrecheckResult,
  ReceiptView,
} from '#contract';
import { request, upload, type UploadProgress } from './client';
import type {
  ApplicationFilters,
  ApplicationListItem,
  AuditLogEntry,
  AuditVerification,
  ReferenceData,
  RosterPreview,
} from './types';

const base = '/api/v1';

export const referenceApi = {
  reference: () => request<ReferenceData>('GET', `${base}/reference`),
  batches: () => request<BatchSummary[]>('GET', `${base}/batches`),
};

export const precheckApi = {
  check: (input: PrecheckInput) => request<PrecheckResult>('POST', `${base}/precheck`, input),
};

const app = (id: string) => `${base}/applications/${encodeURIComponent(id)}`;

export const templateUrls = {
  roster: `${base}/templates/roster.xlsx`,
  institutions: `${base}/templates/institutions.xlsx`,
};

export const evidenceDownloadUrl = (applicationId: string, fileId: string) =>
  `${app(applicationId)}/evidence/${encodeURIComponent(fileId)}`;

/** The same file served `inline`, for the viewer beside a review item. */
export const evidenceInlineUrl = (applicationId: string, fileId: string) =>
  `${evidenceDownloadUrl(applicationId, fileId)}?inline=1`;

export const applicantApi = {
  myApplication: () => request<ApplicationView>('GET', `${base}/my/application`),
  saveDraft: (id: string, draft: ApplicationDraft) => request<ApplicationView>('PATCH', app(id), draft),
  saveInstitutions: (id: string, institutions: InstitutionInput[]) =>
    request<ApplicationView>('PUT', `${app(id)}/institutions`, { institutions }),
  importInstitutions: (id: string, file: File, onProgress: (p: UploadProgress) => void) =>
    upload<ApplicationView>(`${app(id)}/institutions/import`, file, onProgress),
  importRoster: (id: string, file: File, onProgress: (p: UploadProgress) => void) =>
    upload<ApplicationView>(`${app(id)}/roster`, file, onProgress),
  roster: (id: string) => request<RosterPreview>('GET', `${app(id)}/roster`),
  uploadEvidence: (id: string, type: string, file: File, onProgress: (p: UploadProgress) => void) =>
    upload<EvidenceFileView>(`${app(id)}/evidence?type=${encodeURIComponent(type)}`, file, onProgress),
  deleteEvidence: (id: string, fileId: string) =>
    request<ApplicationView>('DELETE', `${app(id)}/evidence/${encodeURIComponent(fileId)}`),
  submit: (id: string) => request<ReceiptView>('POST', `${app(id)}/submit`),
};

function queryString(filters: ApplicationFilters): string {
  const params = new URLSearchParams();
  Object.entries(filters).forEach(([key, value]) => {
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value.trim());
  });
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Reading applications: the officials' lists and details, and the receipt for every role. */
export const applicationsApi = {
  list: (filters: ApplicationFilters = {}) =>
    request<{ items: ApplicationListItem[] }>('GET', `${base}/applications${queryString(filters)}`).then(
      (r) => r.items,
    ),
  get: (id: string) => request<ApplicationView>('GET', app(id)),
  receipt: (id: string) => request<ReceiptView>('GET', `${app(id)}/receipt`),
};

/** The province's audit log and the check of its hash chain. */
export const auditApi = {
  list: (limit: number) =>
    request<{ items: AuditLogEntry[] }>('GET', `${base}/audit-log?limit=${limit}`).then((r) => r.items),
  verification: () => request<AuditVerification>('GET', `${base}/audit-log/verification`),
};
