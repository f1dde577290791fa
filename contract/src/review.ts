import { z } from 'zod';
import { ruleFields } from './precheck.js';
import { isoDate, mobileOrLandline, optionalText, requiredText } from './validation.js';

/** City review (domain §6): findings, site check, interview, survey, opinion, recommendation. */

export const verdicts = { pass: '符合', fail: '不符合', doubt: '存疑' } as const;
export type Verdict = keyof typeof verdicts;

/** A review item is an eligibility rule (`rule:ASSETS_BELOW_MIN`) or an evidence file (`evidence:<file id>`). */
export const reviewItemKey = z.string().regex(/^(rule:[A-Z_]+|evidence:[0-9a-f-]{36})$/, { error: '审核项格式不正确' });

/** Rules whose figure the official may correct; the corrected value is kept beside the claimed one. */
export const correctableRuleFields = {
  REGISTRATION_TOO_RECENT: ruleFields.REGISTRATION_TOO_RECENT,
  ASSETS_BELOW_MIN: ruleFields.ASSETS_BELOW_MIN,
  STAFF_BELOW_MIN: ruleFields.STAFF_BELOW_MIN,
  INSTITUTIONS_BELOW_MIN: ruleFields.INSTITUTIONS_BELOW_MIN,
  PREFERENTIAL_SHARE_BELOW_MIN: ruleFields.PREFERENTIAL_SHARE_BELOW_MIN,
  ENTERPRISES_SERVED_BELOW_MIN: ruleFields.ENTERPRISES_SERVED_BELOW_MIN,
} as const;

export const findingInputSchema = z.object({
  verdict: z.enum(['pass', 'fail', 'doubt'], { error: '须为 pass、fail 或 doubt' }),
  remark: optionalText(1000).optional(),
  /** A number, or a YYYY-MM-DD date for the registration rule; null clears a correction. */
  correctedValue: z.union([z.number().min(0, { error: '不能为负数' }).max(100_000_000), isoDate, z.null()]).optional(),
});
export type FindingInput = z.infer<typeof findingInputSchema>;

export const returnInputSchema = z.object({
  summary: requiredText(1000),
  remarks: z.array(z.object({ itemKey: z.string().max(80).nullable(), message: requiredText(500) })).max(100),
});
export const rejectInputSchema = z.object({ reason: requiredText(1000) });

const officials = z.array(requiredText(50), { error: '须为人员名单' }).min(1, { error: '至少一人' }).max(20);

export const siteCheckInputSchema = z.object({
  checkedOn: isoDate,
  officials,
  findings: requiredText(4000),
  conclusion: z.enum(['consistent', 'inconsistent'], { error: '须为 consistent 或 inconsistent' }),
});
export type SiteCheckInput = z.infer<typeof siteCheckInputSchema>;

export const interviewInputSchema = z.object({
  heldOn: isoDate,
  place: requiredText(200),
  officials,
  principalName: requiredText(50),
  principalTitle: requiredText(50),
  result: requiredText(4000),
});
export type InterviewInput = z.infer<typeof interviewInputSchema>;

export const surveyMethods = {
  visit: '上门拜访',
  phone: '电话询问',
  online: '网络互动',
  written: '书面征求',
  other: '其他',
} as const;
export type SurveyMethod = keyof typeof surveyMethods;
const methodList = z
  .array(z.enum(['visit', 'phone', 'online', 'written', 'other'], { error: '测评方法不正确' }))
  .min(1, { error: '至少选择一种测评方法' });

export const surveyDrawInputSchema = z.object({
  methods: methodList,
  sampleSize: z.number().int().min(1).max(200).optional(),
});
export const surveyMethodsInputSchema = z.object({ methods: methodList });

export const ratings = { very_satisfied: '很满意', satisfied: '基本满意', dissatisfied: '不满意' } as const;
export type Rating = keyof typeof ratings;

export const surveyContactInputSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('completed'),
    interviewee: requiredText(50),
    position: requiredText(50),
    phone: mobileOrLandline,
    rating: z.enum(['very_satisfied', 'satisfied', 'dissatisfied'], { error: '须选择总体评价' }),
    note: optionalText(500).optional(),
  }),
  z.object({ outcome: z.literal('unreachable'), note: requiredText(500) }),
]);
export type SurveyContactInput = z.infer<typeof surveyContactInputSchema>;

export const opinionInputSchema = z.object({
  impact: requiredText(4000),
  opinion: requiredText(4000),
  opinionDate: isoDate,
});

export const recommendInputSchema = z.object({
  channel: z.enum(['quota', 'designated_area', 'lab'], { error: '须为 quota、designated_area 或 lab' }),
  designatedAreaId: z.string().max(64).nullable().optional(),
});

export const exceptionInputSchema = z.object({
  reason: requiredText(500),
  endsAt: z.iso.datetime({ offset: true, error: '须为带时区的时间，如 2022-12-12T18:00:00+08:00' }),
});
export const packageReturnInputSchema = z.object({ remarks: requiredText(2000) });

export interface FindingView {
  itemKey: string;
  verdict: Verdict;
  remark: string;
  correctedValue: number | string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface ReviewItemView {
  itemKey: string;
  kind: 'rule' | 'evidence';
  label: string;
  /** What the applicant claimed (rules) or the file name (evidence). */
  claimed: string | number | null;
  correctable: boolean;
  finding: FindingView | null;
}

export interface SurveyContactView {
  drawPosition: number;
  rosterRowNo: number;
  enterpriseName: string;
  rosterContactName: string;
  /** Masked unless the record is opened with disclosure. */
  rosterPhone: string;
  outcome: 'pending' | 'completed' | 'unreachable';
  interviewee: string | null;
  position: string | null;
  phone: string | null;
  rating: Rating | null;
  note: string | null;
  recordedAt: string | null;
}

export interface ReviewView {
  applicationId: string;
  status: string;
  version: number;
  items: ReviewItemView[];
  /** The eligibility re-evaluated on the official's corrected figures and overrides. */
  officialEligibility: { eligible: boolean; failures: { code: string; field: string; message: string }[] };
  siteCheck: (SiteCheckInput & { scanFileId: string | null; recordedAt: string }) | null;
  interview: (InterviewInput & { recordedAt: string }) | null;
  survey: {
    seed: string;
    methods: SurveyMethod[];
    sampleSize: number;
    drawOrder: number[];
    contacts: SurveyContactView[];
    completed: number;
    satisfactionPercent: number | null;
  } | null;
  opinion: { impact: string; opinion: string; opinionDate: string; recordedAt: string } | null;
  recommendation: {
    channel: 'quota' | 'designated_area' | 'lab';
    designatedAreaId: string | null;
    recommendedAt: string;
  } | null;
  /** What is still missing before the platform can be recommended. */
  readiness: { siteCheck: boolean; interview: boolean; survey: boolean; opinion: boolean };
  versions: { version: number; receiptNo: string; submittedAt: string }[];
  /** Fields changed between the last two submitted versions. */
  changes: { field: string; before: unknown; after: unknown }[];
  returnRemarks: { summary: string; remarks: { itemKey: string | null; message: string }[]; returnedAt: string } | null;
  rejection: { reason: string; rejectedAt: string } | null;
  /** Applications elsewhere that look like the same platform; another city's id and status are withheld from a city. */
  duplicates: { applicationId: string | null; authorityName: string; channel: string; status: string | null }[];
}

export const packageStates = {
  not_started: '未开始',
  in_progress: '准备中',
  submitted: '已报送',
  returned: '已退回',
  late_missing: '逾期未报',
} as const;
export type PackageState = keyof typeof packageStates;

export interface CityPackageView {
  batchId: string;
  authorityCode: string;
  authorityName: string;
  state: PackageState;
  version: number;
  deadline: string;
  exception: { reason: string; endsAt: string } | null;
  canSubmit: boolean;
  problems: string[];
  quota: { limit: number; used: number };
  recommended: {
    applicationId: string;
    platformName: string;
    unitName: string;
    channel: 'quota' | 'designated_area' | 'lab';
    designatedAreaName: string | null;
  }[];
  submittedAt: string | null;
  returnRemarks: string | null;
}

/** What a 刻盘 package will hold, checked before its download starts (so a refusal is shown, not saved as a file). */
export interface PackageArchiveInfo {
  cities: number;
  platforms: number;
  /** Sealed scans and evidence, copied as uploaded. */
  storedFiles: number;
  storedBytes: number;
  /** 推荐文件, 汇总表, 推荐表 and 真实性说明, generated at download (10–60 KB each). */
  generatedDocuments: number;
}
