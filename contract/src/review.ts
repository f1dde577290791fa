import { z } from 'zod';
import { rejectionViewSchema, returnRemarksSchema } from './application.js';
import { submittedLetterSchema } from './letter.js';
import { ruleFailureSchema, ruleFields } from './precheck.js';
import { isoDate, mobileOrLandline, optionalText, requiredText } from './validation.js';

/** City review (domain §6): findings, site check, interview, survey, opinion, recommendation. */

export const verdicts = { pass: '符合', fail: '不符合', doubt: '存疑' } as const;
export type Verdict = keyof typeof verdicts;
const verdictSchema = z.enum(['pass', 'fail', 'doubt'], { error: '须为 pass、fail 或 doubt' });

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
  verdict: verdictSchema,
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

const siteCheckConclusionSchema = z.enum(['consistent', 'inconsistent'], {
  error: '须为 consistent 或 inconsistent',
});
const officials = z.array(requiredText(50), { error: '须为人员名单' }).min(1, { error: '至少一人' }).max(20);

export const siteCheckInputSchema = z.object({
  checkedOn: isoDate,
  officials,
  findings: requiredText(4000),
  conclusion: siteCheckConclusionSchema,
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
const surveyMethodSchema = z.enum(['visit', 'phone', 'online', 'written', 'other'], { error: '测评方法不正确' });
const methodList = z.array(surveyMethodSchema).min(1, { error: '至少选择一种测评方法' });

export const surveyDrawInputSchema = z.object({
  methods: methodList,
  sampleSize: z.number().int().min(1).max(200).optional(),
});
export const surveyMethodsInputSchema = z.object({ methods: methodList });

export const ratings = { very_satisfied: '很满意', satisfied: '基本满意', dissatisfied: '不满意' } as const;
export type Rating = keyof typeof ratings;
const ratingSchema = z.enum(['very_satisfied', 'satisfied', 'dissatisfied'], { error: '须选择总体评价' });

export const surveyContactInputSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('completed'),
    interviewee: requiredText(50),
    position: requiredText(50),
    phone: mobileOrLandline,
    rating: ratingSchema,
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

const channelSchema = z.enum(['quota', 'designated_area', 'lab'], { error: '须为 quota、designated_area 或 lab' });

export const recommendInputSchema = z.object({
  channel: channelSchema,
  designatedAreaId: z.string().max(64).nullable().optional(),
});

export const exceptionInputSchema = z.object({
  reason: requiredText(500),
  endsAt: z.iso.datetime({ offset: true, error: '须为带时区的时间，如 2022-12-12T18:00:00+08:00' }),
});
export const packageReturnInputSchema = z.object({ remarks: requiredText(2000) });
/** 受理 names the submitted version the province looked at: a package submitted again meanwhile is not accepted unseen. */
export const packageAcceptInputSchema = z.object({ version: z.number().int().min(1) });

export const findingViewSchema = z.object({
  itemKey: z.string(),
  verdict: verdictSchema,
  remark: z.string(),
  correctedValue: z.union([z.number(), z.string()]).nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type FindingView = z.infer<typeof findingViewSchema>;

export const reviewItemViewSchema = z.object({
  itemKey: z.string(),
  kind: z.enum(['rule', 'evidence']),
  label: z.string(),
  /** What the applicant claimed (rules) or the file name (evidence). */
  claimed: z.union([z.string(), z.number()]).nullable(),
  correctable: z.boolean(),
  finding: findingViewSchema.nullable(),
});
export type ReviewItemView = z.infer<typeof reviewItemViewSchema>;

export const surveyContactViewSchema = z.object({
  drawPosition: z.number().int(),
  rosterRowNo: z.number().int(),
  enterpriseName: z.string(),
  rosterContactName: z.string(),
  /** Masked unless the record is opened with disclosure. */
  rosterPhone: z.string(),
  outcome: z.enum(['pending', 'completed', 'unreachable']),
  interviewee: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  rating: ratingSchema.nullable(),
  note: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type SurveyContactView = z.infer<typeof surveyContactViewSchema>;

const officialsView = z.array(z.string());

export const reviewViewSchema = z
  .object({
    applicationId: z.string(),
    status: z.string(),
    version: z.number().int(),
    items: z.array(reviewItemViewSchema),
    /** The eligibility re-evaluated on the official's corrected figures and overrides. */
    officialEligibility: z.object({ eligible: z.boolean(), failures: z.array(ruleFailureSchema) }),
    siteCheck: z
      .object({
        checkedOn: z.string(),
        officials: officialsView,
        findings: z.string(),
        conclusion: siteCheckConclusionSchema,
        scanFileId: z.string().nullable(),
        recordedAt: z.string(),
      })
      .nullable(),
    interview: z
      .object({
        heldOn: z.string(),
        place: z.string(),
        officials: officialsView,
        principalName: z.string(),
        principalTitle: z.string(),
        result: z.string(),
        recordedAt: z.string(),
      })
      .nullable(),
    survey: z
      .object({
        seed: z.string(),
        methods: z.array(surveyMethodSchema),
        sampleSize: z.number().int(),
        drawOrder: z.array(z.number().int()),
        contacts: z.array(surveyContactViewSchema),
        completed: z.number().int(),
        satisfactionPercent: z.number().nullable(),
      })
      .nullable(),
    opinion: z
      .object({ impact: z.string(), opinion: z.string(), opinionDate: z.string(), recordedAt: z.string() })
      .nullable(),
    recommendation: z
      .object({ channel: channelSchema, designatedAreaId: z.string().nullable(), recommendedAt: z.string() })
      .nullable(),
    /** What is still missing before the platform can be recommended. */
    readiness: z.object({
      siteCheck: z.boolean(),
      interview: z.boolean(),
      survey: z.boolean(),
      opinion: z.boolean(),
    }),
    versions: z.array(z.object({ version: z.number().int(), receiptNo: z.string(), submittedAt: z.string() })),
    /** Fields changed between the last two submitted versions. */
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    returnRemarks: returnRemarksSchema.nullable(),
    rejection: rejectionViewSchema.nullable(),
    /** Applications elsewhere that look like the same platform; another city's id and status are withheld from a city. */
    duplicates: z.array(
      z.object({
        applicationId: z.string().nullable(),
        authorityName: z.string(),
        channel: z.string(),
        status: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewView' });
export type ReviewView = z.infer<typeof reviewViewSchema>;

/** A drawn enterprise's phones in full: the roster's and the one recorded at the survey (audited). */
export const surveyPhoneSchema = z.object({ phone: z.string().nullable(), recordedPhone: z.string().nullable() });
export type SurveyPhone = z.infer<typeof surveyPhoneSchema>;

export const packageStates = {
  not_started: '未开始',
  in_progress: '准备中',
  submitted: '已报送',
  returned: '已退回',
  late_missing: '逾期未报',
} as const;
export type PackageState = keyof typeof packageStates;

const packageStateSchema = z.enum(Object.keys(packageStates) as [PackageState, ...PackageState[]]);

/** A province's exception to a city's deadline. */
const deadlineExceptionSchema = z.object({ reason: z.string(), endsAt: z.string() });
const quotaUseSchema = z.object({ limit: z.number().int(), used: z.number().int() });

export const cityPackageViewSchema = z
  .object({
    batchId: z.string(),
    authorityCode: z.string(),
    authorityName: z.string(),
    state: packageStateSchema,
    version: z.number().int(),
    deadline: z.string(),
    exception: deadlineExceptionSchema.nullable(),
    canSubmit: z.boolean(),
    problems: z.array(z.string()),
    quota: quotaUseSchema,
    recommended: z.array(
      z.object({
        applicationId: z.string(),
        platformName: z.string(),
        unitName: z.string(),
        channel: channelSchema,
        designatedAreaName: z.string().nullable(),
      }),
    ),
    submittedAt: z.string().nullable(),
    returnRemarks: z.string().nullable(),
    /** The 推荐文件 of the latest submitted version: the province's receipt compares its fingerprint with the disc. */
    letter: submittedLetterSchema.nullable(),
    /** 省级受理 (ISO instant); null until the province accepts the package. An accepted package is final. */
    acceptedAt: z.string().nullable(),
  })
  .meta({ id: 'CityPackageView' });
export type CityPackageView = z.infer<typeof cityPackageViewSchema>;

/** What a 刻盘 package will hold, checked before its download starts (so a refusal is shown, not saved as a file). */
export const packageArchiveInfoSchema = z.object({
  cities: z.number().int(),
  platforms: z.number().int(),
  /** Sealed scans and evidence, copied as uploaded. */
  storedFiles: z.number().int(),
  storedBytes: z.number().int(),
  /** 推荐文件, 汇总表, 申报书, 推荐表 and 真实性说明 (generated at download, 10–60 KB each) and SM3SUMS.txt. */
  generatedDocuments: z.number().int(),
});
export type PackageArchiveInfo = z.infer<typeof packageArchiveInfoSchema>;

/** One city on the province's receipt board. */
export const provinceBoardCitySchema = z.object({
  authorityCode: z.string(),
  name: z.string(),
  state: packageStateSchema,
  counts: z.object({ quota: z.number().int(), designated_area: z.number().int(), lab: z.number().int() }),
  quota: quotaUseSchema,
  submittedAt: z.string().nullable(),
  /** How many times the package was submitted: the version 受理 names. */
  version: z.number().int(),
  /** 省级受理 (ISO instant); null until the province accepts the package. */
  acceptedAt: z.string().nullable(),
  exception: deadlineExceptionSchema.nullable(),
});
export type ProvinceBoardCity = z.infer<typeof provinceBoardCitySchema>;

/** Applications that look like the same platform: the same USCC, or the same platform name. */
export const duplicateGroupSchema = z.object({
  uscc: z.string(),
  unitName: z.string(),
  platformName: z.string(),
  applications: z.array(
    z.object({
      id: z.string(),
      authorityName: z.string(),
      unitName: z.string(),
      channel: z.string(),
      status: z.string(),
    }),
  ),
});
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>;

/** The province's receipt board: the batch, every city's package, and the duplicates across the batch. */
export const provinceBoardSchema = z.object({
  batch: z.object({ id: z.string(), label: z.string(), cityDeadline: z.string() }),
  duplicates: z.array(duplicateGroupSchema),
  cities: z.array(provinceBoardCitySchema),
});
export type ProvinceBoard = z.infer<typeof provinceBoardSchema>;
