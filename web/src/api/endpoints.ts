import type {
  AccountView,
  ActiveSession,
  AdministeredRole,
  ApplicantAccountView,
  ApplicantTransferInput,
  AuthoritySecurityView,
  ApplicationDraft,
  ApplicationView,
  BatchSummary,
  Channel,
  CityPackageView,
  DemoAccount,
  EvidenceFileView,
  FindingInput,
  InstitutionInput,
  OneTimePasswordView,
  InterviewInput,
  PackageArchiveInfo,
  PrecheckInput,
  PrecheckResult,
  ReceiptView,
  RegisterInput,
  ReviewView,
  SessionView,
  SiteCheckInput,
  SurveyContactInput,
  SurveyMethod,
} from '../../../shared/src/index.js';
import {
  isSecondFactorChallenge,
  type CaptchaView,
  type LoginAnswer,
  type RecoveryCodesView,
  type SecondFactorStatus,
  type SignInAccountView,
  type TotpEnrolmentView,
} from '../../../shared/src/index.js';
import { rememberCsrfToken, request, upload, type UploadProgress } from './client';
import type { ApplicationFilters, ApplicationListItem, AuditLogEntry, AuditVerification, ProvinceBoard, ReferenceData, RosterPreview } from './types';

const base = '/api/v1';

function remember(session: SessionView): SessionView {
  rememberCsrfToken(session.csrfToken);
  return session;
}

export const sessionApi = {
  current: () => request<SessionView>('GET', `${base}/session`).then(remember),
  /** The password step: the session, or the challenge of the second factor. */
  login: (input: { username: string; password: string; captchaId?: string; captchaAnswer?: string }) =>
    request<LoginAnswer>('POST', `${base}/auth/login`, input).then((answer) => (isSecondFactorChallenge(answer) ? answer : remember(answer))),
  loginSecondFactor: (challenge: string, factor: { code: string } | { recoveryCode: string }) =>
    request<SessionView>('POST', `${base}/auth/login/totp`, { challenge, ...factor }).then(remember),
  /** Password and code together: ends this device's lock on the account and signs in. */
  unlock: (username: string, password: string, code: string) => request<SessionView>('POST', `${base}/auth/unlock`, { username, password, code }).then(remember),
  captcha: () => request<CaptchaView>('POST', `${base}/auth/captcha`),
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

/** The same file served `inline`, for the viewer beside a review item. */
export const evidenceInlineUrl = (applicationId: string, fileId: string) => `${evidenceDownloadUrl(applicationId, fileId)}?inline=1`;

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
    request<{ items: ApplicationListItem[] }>('GET', `${base}/applications${queryString(filters)}`).then((r) => r.items),
  get: (id: string) => request<ApplicationView>('GET', app(id)),
  receipt: (id: string) => request<ReceiptView>('GET', `${app(id)}/receipt`),
};

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
    request<ReviewView>('POST', `${app(id)}/survey/draw`, sampleSize === undefined ? { methods } : { methods, sampleSize }),
  saveSurveyMethods: (id: string, methods: SurveyMethod[]) => request<ReviewView>('PUT', `${app(id)}/survey/methods`, { methods }),
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
  packageSummary: (authorityCode: string, format: 'xlsx' | 'pdf') => `${base}/packages/${encodeURIComponent(authorityCode)}/summary.${format}`,
  packageArchive: (authorityCode: string) => `${base}/packages/${encodeURIComponent(authorityCode)}/archive.zip`,
  packageLetter: (authorityCode: string, format: 'docx' | 'pdf') => `${base}/packages/${encodeURIComponent(authorityCode)}/letter.${format}`,
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

/** The system administrator's accounts of officials and administrators, and the second factor per city. */
export const accountAdminApi = {
  list: () => request<{ items: AccountView[] }>('GET', `${base}/admin/accounts`).then((r) => r.items),
  create: (input: { username: string; displayName: string; role: AdministeredRole; authorityCode: string | null }) =>
    request<OneTimePasswordView>('POST', `${base}/admin/accounts`, input),
  disable: (id: string) => request<AccountView>('POST', `${base}/admin/accounts/${encodeURIComponent(id)}/disable`),
  enable: (id: string) => request<AccountView>('POST', `${base}/admin/accounts/${encodeURIComponent(id)}/enable`),
  resetPassword: (id: string) => request<OneTimePasswordView>('POST', `${base}/admin/accounts/${encodeURIComponent(id)}/reset-password`),
  authorities: () => request<{ items: AuthoritySecurityView[] }>('GET', `${base}/admin/authorities`).then((r) => r.items),
  setRequireTotp: (code: string, requireTotp: boolean) =>
    request<AuthoritySecurityView>('PUT', `${base}/admin/authorities/${encodeURIComponent(code)}/require-totp`, { requireTotp }),
};

/** The signed-in user's own password. */
export const ownAccountApi = {
  changePassword: (oldPassword: string, newPassword: string) => request<void>('POST', `${base}/account/password`, { oldPassword, newPassword }),
};

/** The signed-in user's second factor (动态口令): enrolment, recovery codes. */
export const secondFactorApi = {
  status: () => request<SecondFactorStatus>('GET', `${base}/account/second-factor`),
  start: () => request<TotpEnrolmentView>('POST', `${base}/account/second-factor/enrolment`),
  confirm: (code: string) => request<RecoveryCodesView>('POST', `${base}/account/second-factor/enrolment/confirm`, { code }),
  regenerateRecoveryCodes: (code: string) => request<RecoveryCodesView>('POST', `${base}/account/second-factor/recovery-codes`, { code }),
};

/** The security administrator's care of sign-in: failed logins and locks, unlock, reset of a second factor. */
export const securityAdminApi = {
  accounts: (search?: string) =>
    request<{ items: SignInAccountView[] }>('GET', `${base}/admin/security/accounts${search ? `?search=${encodeURIComponent(search)}` : ''}`).then((r) => r.items),
  unlock: (userId: string) => request<{ clients: number }>('POST', `${base}/admin/security/accounts/${encodeURIComponent(userId)}/unlock`),
  resetSecondFactor: (userId: string) => request<{ sessionsEnded: number }>('DELETE', `${base}/admin/security/accounts/${encodeURIComponent(userId)}/second-factor`),
};

/** The signed-in user's own sessions (登录设备): list them, end one, end all but this one. */
export const accountSessionsApi = {
  list: () => request<{ items: ActiveSession[] }>('GET', `${base}/account/sessions`).then((r) => r.items),
  end: (id: string) => request<void>('DELETE', `${base}/account/sessions/${encodeURIComponent(id)}`),
  endOthers: () => request<{ ended: number }>('DELETE', `${base}/account/sessions`),
};

const applicantAccount = (unitId: string) => `${base}/applicant-accounts/${encodeURIComponent(unitId)}`;

/** An applicant unit's account, cared for by its city (or the province). */
export const applicantAccountApi = {
  get: (unitId: string) => request<ApplicantAccountView>('GET', applicantAccount(unitId)),
  resetPassword: (unitId: string, verifiedBy: string) => request<OneTimePasswordView>('POST', `${applicantAccount(unitId)}/reset-password`, { verifiedBy }),
  transfer: (unitId: string, input: ApplicantTransferInput) => request<OneTimePasswordView>('POST', `${applicantAccount(unitId)}/transfer`, input),
};

/** The province's audit log and the check of its hash chain. */
export const auditApi = {
  list: (limit: number) => request<{ items: AuditLogEntry[] }>('GET', `${base}/audit-log?limit=${limit}`).then((r) => r.items),
  verification: () => request<AuditVerification>('GET', `${base}/audit-log/verification`),
};
