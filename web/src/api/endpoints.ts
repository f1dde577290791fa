import type {
  ApplicationDraft,
  ApplicationView,
  BatchSummary,
  DemoAccount,
  EvidenceFileView,
  InstitutionInput,
  PrecheckInput,
  PrecheckResult,
  ReceiptView,
  RegisterInput,
  SessionView,
} from '../../../shared/src/index.js';
import { rememberCsrfToken, request, upload, type UploadProgress } from './client';
import type { ApplicationListItem, ReferenceData, RosterPreview } from './types';

const base = '/api/v1';

function remember(session: SessionView): SessionView {
  rememberCsrfToken(session.csrfToken);
  return session;
}

export const sessionApi = {
  current: () => request<SessionView>('GET', `${base}/session`).then(remember),
  login: (username: string, password: string) =>
    request<SessionView>('POST', `${base}/auth/login`, { username, password }).then(remember),
  register: (input: RegisterInput) => request<SessionView>('POST', `${base}/auth/register`, input).then(remember),
  logout: () => request<void>('POST', `${base}/auth/logout`),
  demoAccounts: () => request<DemoAccount[]>('GET', `${base}/demo-accounts`),
};

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
  submit: (id: string, idempotencyKey: string) =>
    request<ReceiptView>('POST', `${app(id)}/submit`, undefined, { 'idempotency-key': idempotencyKey }),
};

/** Reading applications: the officials' lists and details, and the receipt for every role. */
export const applicationsApi = {
  list: () => request<{ items: ApplicationListItem[] }>('GET', `${base}/applications`).then((r) => r.items),
  get: (id: string) => request<ApplicationView>('GET', app(id)),
  receipt: (id: string) => request<ReceiptView>('GET', `${app(id)}/receipt`),
};
