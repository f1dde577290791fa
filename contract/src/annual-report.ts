import { z } from 'zod';
import { isoDate, nonNegativeAmount, nonNegativeInt, optionalText, percent, requiredText } from './validation.js';

// ——— The recognised platform's years (issue 16 item 5): the yearly report, the city's check, the province's
// evaluation, the flags, and 整改 (rectification) ———

/**
 * The figures a recognised platform reports on its year: the five threshold figures it was recognised on (domain §4:
 * assets, staff, institutions, preferential share, enterprises served) and the satisfaction of the enterprises it
 * served (the share satisfied in its own survey).
 */
export const annualFigureLabels = {
  totalAssetsWan: '年末资产总额（万元）',
  serviceStaff: '服务人员（人）',
  institutions: '集聚服务机构（家）',
  preferentialSharePercent: '优惠服务占比（%）',
  enterprisesServed: '年服务企业数（家）',
  satisfactionPercent: '服务满意度（%）',
} as const;
export type AnnualFigure = keyof typeof annualFigureLabels;

export const annualFiguresSchema = z.object({
  totalAssetsWan: nonNegativeAmount,
  serviceStaff: nonNegativeInt,
  institutions: nonNegativeInt,
  preferentialSharePercent: percent,
  enterprisesServed: nonNegativeInt,
  satisfactionPercent: percent,
});
export type AnnualFigures = z.infer<typeof annualFiguresSchema>;

/** A draft: any figure may still be missing; those present are checked. */
export const annualReportDraftSchema = z.object({
  figures: z.object({
    totalAssetsWan: nonNegativeAmount.nullable(),
    serviceStaff: nonNegativeInt.nullable(),
    institutions: nonNegativeInt.nullable(),
    preferentialSharePercent: percent.nullable(),
    enterprisesServed: nonNegativeInt.nullable(),
    satisfactionPercent: percent.nullable(),
  }),
  /** 工作总结 / 自评: what the platform did in the year, measured against its application. */
  selfAssessment: optionalText(8000),
  /** The version the draft was read at; a save over a newer one is refused (two tabs, two clerks). */
  version: z.number().int().min(0),
});
export type AnnualReportDraft = z.infer<typeof annualReportDraftSchema>;

export const annualReportStatuses = {
  due: '待填报',
  draft: '填报中',
  submitted: '已提交，待市级核查',
  city_checked: '市级已核查，待省级评价',
  evaluated: '省级已评价',
} as const;
export type AnnualReportStatus = keyof typeof annualReportStatuses;

/** What the city checks (domain §10: 服务质量、服务收费、满意度), each fine or with an issue. */
export const cityCheckItems = { quality: '服务质量', fees: '服务收费', satisfaction: '服务满意度' } as const;
export type CityCheckItem = keyof typeof cityCheckItems;
const checkOutcome = z.enum(['ok', 'issue'], { error: '须为 ok（符合）或 issue（有问题）' });
export const cityCheckInputSchema = z
  .object({
    quality: checkOutcome,
    fees: checkOutcome,
    satisfaction: checkOutcome,
    remark: optionalText(2000),
  })
  .refine((c) => c.remark.length > 0 || (c.quality === 'ok' && c.fees === 'ok' && c.satisfaction === 'ok'), {
    error: '有问题的核查项须写明情况',
    path: ['remark'],
  });
export type CityCheckInput = z.infer<typeof cityCheckInputSchema>;

export const evaluationResults = { pass: '合格', fail: '不合格' } as const;
export const evaluationInputSchema = z
  .object({
    result: z.enum(['pass', 'fail'], { error: '须为 pass（合格）或 fail（不合格）' }),
    remark: optionalText(2000),
  })
  .refine((e) => e.result === 'pass' || e.remark.length > 0, { error: '评价为不合格时须写明理由', path: ['remark'] });
export type EvaluationInput = z.infer<typeof evaluationInputSchema>;

/** A flag the system raises on a platform's year, computed at read (so it appears the moment it becomes true). */
export const annualFlagCodes = {
  REPORT_MISSING: '逾期未提交年度报告',
  REPORT_LATE: '年度报告逾期提交',
  ASSETS_BELOW_MIN: '资产总额低于认定条件',
  STAFF_BELOW_MIN: '服务人员低于认定条件',
  INSTITUTIONS_BELOW_MIN: '集聚服务机构低于认定条件',
  PREFERENTIAL_SHARE_BELOW_MIN: '优惠服务占比低于认定条件',
  ENTERPRISES_SERVED_BELOW_MIN: '年服务企业数低于认定条件',
  ROSTER_MISSING: '未附服务企业名单，年服务企业数无佐证',
  CITY_CHECK_ISSUE: '市级核查发现问题',
  EVALUATION_FAILED: '省级评价不合格',
} as const;
export type AnnualFlagCode = keyof typeof annualFlagCodes;
export const annualFlagSchema = z.object({ code: z.string(), message: z.string() });
export type AnnualFlag = z.infer<typeof annualFlagSchema>;

const nullableFigures = annualReportDraftSchema.shape.figures;

export const annualReportViewSchema = z.object({
  recognitionId: z.string(),
  reportYear: z.number().int(),
  platformName: z.string(),
  unitName: z.string(),
  cityName: z.string(),
  certificateNumber: z.string().nullable(),
  /** The recognition's status (已认定, 整改中, …). */
  recognitionStatus: z.string(),
  dueDate: z.string(),
  status: z.enum(Object.keys(annualReportStatuses) as [AnnualReportStatus, ...AnnualReportStatus[]]),
  figures: nullableFigures,
  selfAssessment: z.string(),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  /** What the platform was recognised with (the thresholds of its batch), beside each figure. */
  thresholds: z.object({
    totalAssetsWan: z.number(),
    serviceStaff: z.number(),
    institutions: z.number(),
    preferentialSharePercent: z.number(),
    enterprisesServed: z.number(),
  }),
  cityCheck: z
    .object({
      quality: z.enum(['ok', 'issue']),
      fees: z.enum(['ok', 'issue']),
      satisfaction: z.enum(['ok', 'issue']),
      remark: z.string(),
      byName: z.string(),
      at: z.string(),
    })
    .nullable(),
  evaluation: z
    .object({ result: z.enum(['pass', 'fail']), remark: z.string(), byName: z.string(), at: z.string() })
    .nullable(),
  flags: z.array(annualFlagSchema),
  /** The imported served-enterprise roster: its 年服务企业数 is the row count. */
  roster: z.object({ fileName: z.string(), rows: z.number().int(), importedAt: z.string() }).nullable(),
  rectification: z
    .object({
      id: z.string(),
      reportYear: z.number().int(),
      reason: z.string(),
      deadline: z.string(),
      orderedAt: z.string(),
      response: z.string().nullable(),
      respondedAt: z.string().nullable(),
      status: z.enum(['open', 'accepted']),
      closeNote: z.string().nullable(),
    })
    .nullable(),
});
export type AnnualReportView = z.infer<typeof annualReportViewSchema>;

export const annualReportListSchema = z.object({
  reportYear: z.number().int(),
  /**
   * When the year's reports are due, earliest first: one date unless the listed platforms were recognised in
   * batches that set different dates (each report carries its own); the default's date when none is listed.
   */
  dueDates: z.array(z.string()),
  reports: z.array(annualReportViewSchema),
});
export type AnnualReportList = z.infer<typeof annualReportListSchema>;

export const rectificationOrderSchema = z.object({
  /** The year whose report (or its absence) the order is about. */
  reportYear: z.number({ error: '须为年份' }).int().min(2000).max(2100),
  reason: requiredText(2000),
  /** The last day (Beijing date) by which the platform must have rectified. */
  deadline: isoDate,
});
export const rectificationResponseSchema = z.object({ response: requiredText(8000) });
export const rectificationAcceptSchema = z.object({ note: requiredText(2000) });
