import { z } from 'zod';
import {
  annualReportSettingsSchema,
  defaultAnnualReportSettings,
  defaultValiditySettings,
  validitySettingsSchema,
} from './recognition.js';

/** A batch (申报批次): one year's notice, fully described as configuration. */

/** A kind of designated area (特定区域) the notice names; the province edits the list per batch. */
export const designatedAreaKindSchema = z.object({ key: z.string(), label: z.string() });
export type DesignatedAreaKind = z.infer<typeof designatedAreaKindSchema>;

/** The four kinds of the 2022 notice: what a batch stored without its own list reads. */
export const defaultDesignatedAreaKinds: DesignatedAreaKind[] = [
  { key: 'info_consumption_city', label: '国家信息消费示范城市' },
  { key: 'three_products_city', label: '消费品工业“三品”战略示范城市' },
  { key: 'sino_foreign_zone', label: '中外中小企业合作区' },
  { key: 'industrial_cluster', label: '省级中小企业特色产业集群' },
];

/** Evidence types the code itself refers to (lab channel, agreements, roster import, the checklist's links). */
export const evidenceTypesUsedByCode = {
  staff_list: '服务人员名单（审核清单链接）',
  fee_policy: '收费标准及优惠服务台账（审核清单链接）',
  institution_agreement: '集聚服务机构合作协议（机构名单导入）',
  lab_recognition: '实验室认定文件（实验室渠道）',
  roster: '服务企业名单（名单导入）',
} as const;

/** 筹备中 (only the system administrator sees it) or 已发布 (seen by every user, applications open by its dates). */
export const batchStatuses = { preparation: '筹备中', published: '已发布' } as const;
export const batchStatusSchema = z.enum(['preparation', 'published']);
export type BatchStatus = z.infer<typeof batchStatusSchema>;

/** A change made to a published batch, shown to every user of the batch. */
export const batchChangeSchema = z.object({
  /** ISO instant. */
  at: z.string(),
  kind: z.enum(['deadline', 'wording']),
  summary: z.string(),
});
export type BatchChange = z.infer<typeof batchChangeSchema>;

/** The notice a batch implements, as users read it in the help: who issued it, its text, whom to ask. */
export const batchNoticeSchema = z.object({
  issuer: z.string(),
  title: z.string(),
  /** The notice's body, one paragraph per item (its forms are the documents the system generates). */
  paragraphs: z.array(z.string()),
  contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
  address: z.string(),
});
export type BatchNotice = z.infer<typeof batchNoticeSchema>;

/** The smallest and largest size limit (MB) an evidence type may have. */
export const evidenceMaxMbRange = { min: 1, max: 1024 } as const;
/** The size limit of an evidence type stored before types had their own. */
export const defaultEvidenceMaxMb = 50;

/** A kind of evidence the batch asks for: whether it is required, the file kinds and the size (MB) it takes. */
export const evidenceTypeSchema = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  accepts: z.array(z.string()),
  /** Largest file accepted, in MB (1024 × 1024 bytes); the server's own upload limit applies as well. */
  maxMb: z.number().int().default(defaultEvidenceMaxMb),
});
export type EvidenceType = z.infer<typeof evidenceTypeSchema>;

export const batchConfigSchema = z.object({
  title: z.string(),
  /** Absent in batches stored before the notice was kept with them. */
  notice: batchNoticeSchema.optional(),
  noticeDate: z.string(),
  /** Registration age is measured back from this date (inclusive). */
  referenceDate: z.string(),
  /** 上年末: the date the total assets figure refers to. */
  assetsAsOf: z.string(),
  /** Applicants submit to their city until this instant (ISO with offset); null = until the city deadline. */
  applicationDeadline: z.string().nullable(),
  /** The city's package must be received by this instant (ISO with offset). */
  cityDeadline: z.string(),
  rules: z.object({
    forbiddenWord: z.string(),
    minRegistrationYears: z.number().int(),
    minAssetsWan: z.number(),
    minServiceStaff: z.number().int(),
    minInstitutions: z.number().int(),
    minPreferentialSharePercent: z.number(),
    minEnterprisesServed: z.number().int(),
    minSurveyed: z.number().int(),
  }),
  categories: z.array(z.string()),
  quota: z.object({ default: z.number().int(), byAuthority: z.record(z.string(), z.number().int()) }),
  /** Region code → recommending authority code (e.g. 航空港区 → 郑州市). Regions not listed recommend themselves. */
  routing: z.record(z.string(), z.string()),
  /** The kinds of designated area this notice names; batches stored without the list read the 2022 four. */
  designatedAreaKinds: z
    .array(designatedAreaKindSchema)
    .default(() => defaultDesignatedAreaKinds.map((k) => ({ ...k }))),
  designatedAreas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** A key of `designatedAreaKinds`. */
      kind: z.string(),
      authorityCode: z.string(),
    }),
  ),
  /** Evidence types an application must carry. */
  evidenceTypes: z.array(evidenceTypeSchema),
  /** Deadline extensions and wording corrections made after publication (the server keeps this list). */
  changes: z.array(batchChangeSchema).default(() => []),
  /** 认定 and the years after (issue 16): the certificate's validity, and when each yearly report is due. */
  recognition: z
    .object({ validity: validitySettingsSchema, annualReport: annualReportSettingsSchema })
    .default(() => ({ validity: defaultValiditySettings, annualReport: defaultAnnualReportSettings })),
});
export type BatchConfig = z.infer<typeof batchConfigSchema>;
export type RuleThresholds = BatchConfig['rules'];

/** A batch as the public list shows it: its configuration, and whether it takes applications now. */
export const batchSummarySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  isDemo: z.boolean(),
  label: z.string(),
  open: z.boolean(),
  config: batchConfigSchema,
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

/** The label of a designated area's kind in this batch (the key itself if the batch no longer lists it). */
export function designatedAreaKindLabel(config: Pick<BatchConfig, 'designatedAreaKinds'>, kind: string): string {
  return config.designatedAreaKinds.find((k) => k.key === kind)?.label ?? kind;
}

/**
 * The authority that recommends a region's platforms in a batch: the batch's routing first (航空港区 → 郑州, or
 * 航空港区 itself), else the region's own authority. One rule for the server and the web.
 */
export function routedAuthority(
  routing: Readonly<Record<string, string>> | undefined,
  regionCode: string,
  ownAuthorityCode: string,
): string {
  return routing?.[regionCode] ?? ownAuthorityCode;
}
