import { z } from 'zod';
import {
  isoDate,
  mobileOrLandline,
  nonNegativeAmount,
  nonNegativeInt,
  optionalText,
  pastOrTodayDate,
  percent,
  requiredText,
} from './validation.js';

export const channels = { quota: '市推荐名额', designated_area: '特定区域', lab: '工信部认定实验室' } as const;
export type Channel = keyof typeof channels;
const channelEnum = z.enum(['quota', 'designated_area', 'lab'], { error: '须为 quota、designated_area 或 lab' });

/**
 * What the operating unit enters (domain §5). The roster and the institutions are lists of their own;
 * 年服务企业数 and 集聚服务机构数量 are their row counts, never typed.
 */
export const applicationFormSchema = z.object({
  platformName: requiredText(100),
  categories: z.array(z.string(), { error: '须为类别列表' }).max(20),
  description: requiredText(4000),
  registeredOn: pastOrTodayDate,
  address: requiredText(200),
  legalRepresentative: requiredText(50),
  principalName: requiredText(50),
  principalTitle: requiredText(50),
  contactName: requiredText(50),
  contactPhone: mobileOrLandline,
  channel: channelEnum,
  designatedAreaId: z.string().nullable().optional(),
  totalAssetsWan: nonNegativeAmount,
  serviceStaff: nonNegativeInt,
  preferentialSharePercent: percent,
});
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

/** A draft: every field may be missing; present ones are type-checked, formats are checked at submission. */
export const applicationDraftSchema = z.object({
  platformName: optionalText(100).optional(),
  categories: z
    .array(z.string({ error: '须为文本' }), { error: '须为类别列表' })
    .max(20)
    .optional(),
  description: optionalText(4000).optional(),
  registeredOn: z.union([isoDate, z.literal('')], { error: '日期格式须为 YYYY-MM-DD' }).optional(),
  address: optionalText(200).optional(),
  legalRepresentative: optionalText(50).optional(),
  principalName: optionalText(50).optional(),
  principalTitle: optionalText(50).optional(),
  contactName: optionalText(50).optional(),
  contactPhone: optionalText(20).optional(),
  channel: channelEnum.optional(),
  designatedAreaId: z.string().max(64).nullable().optional(),
  totalAssetsWan: nonNegativeAmount.nullable().optional(),
  serviceStaff: nonNegativeInt.nullable().optional(),
  preferentialSharePercent: percent.nullable().optional(),
});
export type ApplicationDraft = z.infer<typeof applicationDraftSchema>;

export const institutionInputSchema = z.object({
  name: requiredText(100),
  uscc: z.string({ error: '须填写' }).trim().length(18, { error: '须为18位' }),
  agreementFileId: z.uuid({ error: '须为已上传的合作协议文件编号' }).nullable().optional(),
});
export type InstitutionInput = z.infer<typeof institutionInputSchema>;

export const applicationStatuses = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回修改',
  not_recommended: '不予推荐',
  recommended: '已推荐',
} as const;
export type ApplicationStatus = keyof typeof applicationStatuses;

/** An application's status, as every answer names it. */
export const applicationStatusSchema = z.enum(
  Object.keys(applicationStatuses) as [ApplicationStatus, ...ApplicationStatus[]],
);

/** The statuses in which the applicant may edit and submit the form. */
export const editableStatuses = ['draft', 'returned'] as const satisfies readonly ApplicationStatus[];
/** The statuses officials list and filter by: every application once submitted (a draft is the applicant's own). */
export const reviewableStatuses = [
  'submitted',
  'returned',
  'recommended',
  'not_recommended',
] as const satisfies readonly ApplicationStatus[];
/** The statuses in which the application is before the city, which may record its review. */
export const underCityReviewStatuses = ['submitted', 'recommended'] as const satisfies readonly ApplicationStatus[];

export const evidenceFileViewSchema = z.object({
  id: z.string(),
  evidenceType: z.string(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  /** Null while the digests are being computed, just after upload. */
  sha256: z.string().nullable(),
  sm3: z.string().nullable(),
  uploadedAt: z.string(),
});
export type EvidenceFileView = z.infer<typeof evidenceFileViewSchema>;

/** A row of the served-enterprise roster as lists show it: the phone masked. */
export const rosterRowViewSchema = z.object({
  rowNo: z.number().int(),
  enterpriseName: z.string(),
  uscc: z.string(),
  contactName: z.string(),
  position: z.string(),
  phone: z.string(),
  service: z.string(),
  servedOn: z.string(),
});
export type RosterRowView = z.infer<typeof rosterRowViewSchema>;

/** The whole roster of an application, phones masked. */
export const rosterPreviewSchema = z.object({ count: z.number().int(), rows: z.array(rosterRowViewSchema) });
export type RosterPreview = z.infer<typeof rosterPreviewSchema>;

export const institutionViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  agreementFileId: z.string().nullable(),
});
export type InstitutionView = z.infer<typeof institutionViewSchema>;

/** A rule or a requirement not met: its code, the field at fault and the message for the user. */
export const issueSchema = z.object({ code: z.string(), field: z.string(), message: z.string() });
export type Issue = z.infer<typeof issueSchema>;

/** The city's remarks on an application returned for revision, each on an item of the review or on the whole. */
export const returnRemarksSchema = z.object({
  summary: z.string(),
  remarks: z.array(z.object({ itemKey: z.string().nullable(), message: z.string() })),
  returnedAt: z.string(),
});
export type ReturnRemarks = z.infer<typeof returnRemarksSchema>;

export const rejectionViewSchema = z.object({ reason: z.string(), rejectedAt: z.string() });
export type RejectionView = z.infer<typeof rejectionViewSchema>;

/** A step of the application's way: 提交 → 市级审核 → 退回/推荐/不予推荐 → 报送省厅 → 省级受理. */
export const progressStepSchema = z.object({
  key: z.enum(['submitted', 'city_review', 'decision', 'forwarded', 'province']),
  label: z.string(),
  /** When the step happened (ISO instant); null while it has not. */
  at: z.string().nullable(),
  state: z.enum(['done', 'current', 'pending', 'failed', 'skipped']),
  note: z.string().nullable(),
});
export type ProgressStep = z.infer<typeof progressStepSchema>;

/** What came of the application once its city submitted the package: forwarded to the province, or not recommended. */
export const applicationOutcomeSchema = z.object({
  kind: z.enum(['forwarded', 'not_recommended']),
  label: z.string(),
  /** The city's reason, if it gave one (不予推荐). */
  reason: z.string().nullable(),
  at: z.string(),
});
export type ApplicationOutcome = z.infer<typeof applicationOutcomeSchema>;

export const applicationProgressSchema = z.object({
  steps: z.array(progressStepSchema),
  outcome: applicationOutcomeSchema.nullable(),
});
export type ApplicationProgress = z.infer<typeof applicationProgressSchema>;

export const applicationViewSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  uscc: z.string(),
  regionCode: z.string(),
  authorityCode: z.string(),
  status: applicationStatusSchema,
  version: z.number().int(),
  form: applicationDraftSchema,
  institutions: z.array(institutionViewSchema),
  rosterCount: z.number().int(),
  evidence: z.array(evidenceFileViewSchema),
  eligibility: z.object({ eligible: z.boolean(), failures: z.array(issueSchema) }),
  /** What still blocks submission besides eligibility: missing fields, formats, evidence. */
  incomplete: z.array(issueSchema),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** The city's remarks while the application is returned for revision. */
  returnRemarks: returnRemarksSchema.nullable(),
  rejection: rejectionViewSchema.nullable(),
  /** The timeline and, once the city's package is submitted, the outcome (derived; not a status). */
  progress: applicationProgressSchema,
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

/** One of the unit's applications in a batch other than the open one, as the applicant's 往年申报 list shows it. */
export const earlierApplicationSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  year: z.number().int(),
  batchLabel: z.string(),
  platformName: z.string(),
  status: applicationStatusSchema,
  submittedAt: z.string().nullable(),
  /** Submitted at least once: its receipt (回执) can be opened. */
  hasReceipt: z.boolean(),
});
export type EarlierApplication = z.infer<typeof earlierApplicationSchema>;

/** A file of the earlier application the applicant may confirm for this year's evidence (沿用去年的文件). */
export const previousEvidenceSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  evidenceType: z.string(),
  /** This batch's name of the evidence type. */
  typeLabel: z.string(),
  originalName: z.string(),
  sizeBytes: z.number(),
  uploadedAt: z.string(),
});
export type PreviousEvidence = z.infer<typeof previousEvidenceSchema>;

/**
 * The applicant's home: the application in the open batch (when no batch is open, the latest one, read
 * only); when the open batch has none yet and the unit applied before, the application it may start from.
 */
export const myApplicationsSchema = z.object({
  current: applicationViewSchema.nullable(),
  openBatch: z.object({ id: z.string(), year: z.number().int(), label: z.string() }).nullable(),
  /** Set while the open batch has no application of the unit and the unit applied in an earlier batch. */
  startFrom: earlierApplicationSchema.nullable(),
  /** The unit's applications in the other batches, newest first. */
  earlier: z.array(earlierApplicationSchema),
  /** While the current application is editable: the files of the earlier application not yet confirmed for it. */
  previousEvidence: z.array(previousEvidenceSchema),
});
export type MyApplications = z.infer<typeof myApplicationsSchema>;

export const receiptViewSchema = z.object({
  applicationId: z.string(),
  receiptNo: z.string(),
  version: z.number().int(),
  batchTitle: z.string(),
  unitName: z.string(),
  uscc: z.string(),
  platformName: z.string(),
  authorityName: z.string(),
  submittedAt: z.string(),
  submittedAtText: z.string(),
  files: z.array(evidenceFileViewSchema),
  /** Set when digests of files on this receipt were recomputed after it was issued (the digest defect of 2026-11). */
  digestCorrection: z.object({ at: z.string(), fileIds: z.array(z.string()), note: z.string() }).nullable(),
  rosterCount: z.number().int(),
  institutionsCount: z.number().int(),
});
export type ReceiptView = z.infer<typeof receiptViewSchema>;

/** The most applications one page of the officials' list holds. */
export const APPLICATION_PAGE_MAX = 100;

/** The columns the officials' list sorts on; ties are broken by the application's id. */
export const applicationSortKeys = ['submittedAt', 'unitName', 'platformName', 'status', 'authority'] as const;
export type ApplicationSortKey = (typeof applicationSortKeys)[number];

/** The officials' list: filters by status, channel, category, authority (the province) and a search text. */
export const applicationFiltersSchema = z.object({
  status: z.enum(reviewableStatuses).optional(),
  channel: channelEnum.optional(),
  category: z.string().max(20).optional(),
  authorityCode: z.string().max(10).optional(),
  q: z.string().max(100).optional(),
  /** The batch listed (default: the open one, else the latest). */
  batch: z.string().max(64).optional(),
  /** The column sorted on (default the submission time) and its direction (default: newest first, else ascending). */
  sort: z.enum(applicationSortKeys, { error: '排序字段不正确' }).optional(),
  order: z.enum(['asc', 'desc'], { error: '排序方向须为 asc 或 desc' }).optional(),
  /** The page (from 1) and its size: the server sends one page, never the whole list. */
  page: z.coerce.number({ error: '页码须为数字' }).int().min(1, { error: '页码须从1开始' }).default(1),
  pageSize: z.coerce
    .number({ error: '每页条数须为数字' })
    .int()
    .min(1, { error: '每页条数须在1至100之间' })
    .max(APPLICATION_PAGE_MAX, { error: '每页条数须在1至100之间' })
    .default(20),
});
export type ApplicationFilters = z.input<typeof applicationFiltersSchema>;

/** One application in the officials' list, judged by the rule engine on its claimed figures. */
export const applicationListItemSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  unitName: z.string(),
  uscc: z.string(),
  platformName: z.string(),
  categories: z.array(z.string()),
  channel: channelEnum,
  regionName: z.string(),
  authorityCode: z.string(),
  authorityName: z.string(),
  status: applicationStatusSchema,
  eligible: z.boolean(),
  failureCodes: z.array(z.string()),
  /** The same USCC or platform name applies through another city or channel. */
  duplicate: z.boolean(),
  /** Changed (submitted or resubmitted) since this official last opened it. */
  isNew: z.boolean(),
  submittedAt: z.string().nullable(),
  contactName: z.string(),
  /** Masked (138****1234). */
  contactPhone: z.string(),
});
export type ApplicationListItem = z.infer<typeof applicationListItemSchema>;

/** One page of the officials' list, with what the filter bar shows of the whole: how many match, how many are new. */
export const applicationListPageSchema = z.object({
  items: z.array(applicationListItemSchema),
  /** Applications matching the filters, over all pages. */
  total: z.number().int(),
  /** Of those, changed since this official last opened them. */
  newCount: z.number().int(),
  /** Per status, the applications matching every filter but the status (what the status filter would give). */
  statusCounts: z.partialRecord(applicationStatusSchema, z.number().int()),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ApplicationListPage = z.infer<typeof applicationListPageSchema>;
