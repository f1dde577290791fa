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

export interface EvidenceFileView {
  id: string;
  evidenceType: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  /** Null while the digests are being computed, just after upload. */
  sha256: string | null;
  sm3: string | null;
  uploadedAt: string;
}

export interface RosterRowView {
  rowNo: number;
  enterpriseName: string;
  uscc: string;
  contactName: string;
  position: string;
  phone: string;
  service: string;
  servedOn: string;
}

export interface InstitutionView {
  id: string;
  name: string;
  uscc: string;
  agreementFileId: string | null;
}

/** A rule or a requirement not met: its code, the field at fault and the message for the user. */
export const issueSchema = z.object({ code: z.string(), field: z.string(), message: z.string() });
export type Issue = z.infer<typeof issueSchema>;

export interface ApplicationView {
  id: string;
  batchId: string;
  unitId: string;
  unitName: string;
  uscc: string;
  regionCode: string;
  authorityCode: string;
  status: ApplicationStatus;
  version: number;
  form: ApplicationDraft;
  institutions: InstitutionView[];
  rosterCount: number;
  evidence: EvidenceFileView[];
  eligibility: { eligible: boolean; failures: Issue[] };
  /** What still blocks submission besides eligibility: missing fields, formats, evidence. */
  incomplete: Issue[];
  submittedAt: string | null;
  updatedAt: string;
  /** The city's remarks while the application is returned for revision. */
  returnRemarks: { summary: string; remarks: { itemKey: string | null; message: string }[]; returnedAt: string } | null;
  rejection: { reason: string; rejectedAt: string } | null;
}

export interface ReceiptView {
  applicationId: string;
  receiptNo: string;
  version: number;
  batchTitle: string;
  unitName: string;
  uscc: string;
  platformName: string;
  authorityName: string;
  submittedAt: string;
  submittedAtText: string;
  files: EvidenceFileView[];
  /** Set when digests of files on this receipt were recomputed after it was issued (the digest defect of 2026-11). */
  digestCorrection: { at: string; fileIds: string[]; note: string } | null;
  rosterCount: number;
  institutionsCount: number;
}
