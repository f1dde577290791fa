import { z } from 'zod';

/** A batch (申报批次): one year's notice, fully described as configuration. */
export const designatedAreaKinds = {
  info_consumption_city: '国家信息消费示范城市',
  three_products_city: '消费品工业“三品”战略示范城市',
  sino_foreign_zone: '中外中小企业合作区',
  industrial_cluster: '省级中小企业特色产业集群',
} as const;
export type DesignatedAreaKind = keyof typeof designatedAreaKinds;

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
  designatedAreas: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(Object.keys(designatedAreaKinds) as [DesignatedAreaKind, ...DesignatedAreaKind[]]),
      authorityCode: z.string(),
    }),
  ),
  /** Evidence types an application must carry. */
  evidenceTypes: z.array(
    z.object({ key: z.string(), label: z.string(), required: z.boolean(), accepts: z.array(z.string()) }),
  ),
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
