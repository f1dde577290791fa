import { z } from 'zod';
import {
  rubricSchema,
  scoreEntrySchema,
  scoreMetricSchema,
  scoreSheetSchema,
  scoreStatisticsSchema,
} from './expert-review.js';
import { requiredText } from './validation.js';

/**
 * Expert scoring over HTTP (issue 15 items 6–8): the expert's score sheet of one assignment with its history, the
 * other experts' totals (shown once the expert's own sheet is submitted), the province's aggregation per round,
 * its decisions and the ranked results.
 */

export const scoreSheetStatusSchema = z.enum(['draft', 'submitted']);
export type ScoreSheetStatus = z.infer<typeof scoreSheetStatusSchema>;
export const scoreSheetStatusLabels: Record<ScoreSheetStatus, string> = { draft: '草稿', submitted: '已提交' };

/** The rubric's pass rule applied: passed, 直通 or not, the reason in Chinese. */
export const passVerdictSchema = z.object({ passed: z.boolean(), direct: z.boolean(), reason: z.string() });
export type PassVerdictView = z.infer<typeof passVerdictSchema>;

/** One expert's sheet for one application (version 0: nothing saved yet). */
export const scoreSheetViewSchema = z.object({
  roundId: z.string(),
  label: z.string(),
  status: scoreSheetStatusSchema,
  /** The compare-and-set token: a save or submit names the version it was made on. */
  version: z.number().int(),
  entries: z.array(scoreEntrySchema),
  opinion: z.string(),
  rubric: rubricSchema,
  /** The total of what is filled in (2 decimals). */
  total: z.number(),
  /** The rubric's rule as the form shows it. */
  formula: z.string(),
  /** The rule with this sheet's numbers. */
  calculation: z.string(),
  categories: z.array(
    z.object({ key: z.string(), label: z.string(), subtotal: z.number(), minimum: z.number().nullable() }),
  ),
  /** The items still to fill before the sheet can be submitted. */
  missing: z.array(z.object({ itemKey: z.string(), name: z.string() })),
  verdict: passVerdictSchema.nullable(),
  updatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type ScoreSheetView = z.infer<typeof scoreSheetViewSchema>;

/** A save: the entries, the opinion and the version it was made on. */
export const scoreSheetInputSchema = scoreSheetSchema.extend({
  version: z.number({ error: '须为数字' }).int().min(0),
});
export type ScoreSheetInput = z.infer<typeof scoreSheetInputSchema>;

export const sheetVersionSchema = z.object({ version: z.number({ error: '须为数字' }).int().min(1) });

export const reopenInputSchema = z.object({ reason: requiredText(500) });

export const scoreHistoryActionSchema = z.enum(['saved', 'submitted', 'reopened']);
export const scoreHistoryActionLabels: Record<z.infer<typeof scoreHistoryActionSchema>, string> = {
  saved: '保存',
  submitted: '提交',
  reopened: '退回修改',
};

/** Every version of a sheet, oldest first. */
export const scoreHistorySchema = z.object({
  versions: z.array(
    z.object({
      version: z.number().int(),
      action: scoreHistoryActionSchema,
      entries: z.array(scoreEntrySchema),
      opinion: z.string(),
      total: z.number(),
      reason: z.string().nullable(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});
export type ScoreHistory = z.infer<typeof scoreHistorySchema>;

/** The other experts' totals on an application, for an expert whose own sheet is submitted (names withheld). */
export const peerScoresSchema = z.object({
  own: z.number(),
  others: z.array(z.object({ total: z.number().nullable(), submitted: z.boolean() })),
  statistics: scoreStatisticsSchema,
});
export type PeerScores = z.infer<typeof peerScoresSchema>;

export const scoreOrderSchema = z.enum(['asc', 'desc'], { error: '排序方向须为 asc 或 desc' });

export const aggregationQuerySchema = z.object({
  sort: scoreMetricSchema.default('mean'),
  order: scoreOrderSchema.default('desc'),
});

export const reviewDecisionSchema = z.enum(['recommend', 'reject']);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;
export const reviewDecisionLabels: Record<ReviewDecision, string> = { recommend: '建议认定', reject: '不建议' };

export const decisionInputSchema = z
  .object({ decision: reviewDecisionSchema, reason: z.string().trim().max(1000, { error: '不能超过1000个字符' }) })
  .superRefine((d, ctx) => {
    if (d.decision === 'reject' && d.reason === '')
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '不建议认定时须填写理由' });
  });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

/** One application as the province aggregates it: real names, raw scores, statistics, the pass rule, decision. */
export const aggregatedApplicationSchema = z.object({
  applicationId: z.string(),
  label: z.string().nullable(),
  groupNumber: z.number().int().nullable(),
  unitName: z.string(),
  platformName: z.string(),
  scores: z.array(
    z.object({
      expertId: z.string(),
      expertName: z.string(),
      /** Null while the expert saved nothing. */
      total: z.number().nullable(),
      status: scoreSheetStatusSchema.nullable(),
      submitted: z.boolean(),
      version: z.number().int(),
    }),
  ),
  /** Of the submitted totals only. */
  statistics: scoreStatisticsSchema,
  /** The pass rule applied to the submitted sheets (see `passRule` of the response); null with none submitted. */
  verdict: passVerdictSchema.nullable(),
  allSubmitted: z.boolean(),
  decision: z
    .object({ decision: reviewDecisionSchema, reason: z.string(), decidedBy: z.string(), decidedAt: z.string() })
    .nullable(),
});
export type AggregatedApplicationView = z.infer<typeof aggregatedApplicationSchema>;

export const roundScoresSchema = z.object({
  roundId: z.string(),
  title: z.string(),
  status: z.string(),
  sort: scoreMetricSchema,
  order: scoreOrderSchema,
  /** How the pass rule read the scores, in Chinese. */
  passRule: z.object({ metric: z.literal('mean'), description: z.string(), formula: z.string() }),
  /** When decisions may be recorded, in Chinese. */
  decisionRule: z.string(),
  applications: z.array(aggregatedApplicationSchema),
});
export type RoundScoresView = z.infer<typeof roundScoresSchema>;
