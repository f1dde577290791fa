import { z } from 'zod';
import { conflictRulesSchema, reviewRoundSettingsSchema, rubricSchema } from './expert-review.js';
import { isoDate, mobileOrLandline, optionalText, requiredText } from './validation.js';

/**
 * The province's expert pool and review rounds (issue 15): inputs and answers. The rules themselves (rubric,
 * round settings, 回避) are in expert-review.ts.
 */

export const expertRelationKinds = {
  employment: '任职',
  shareholding: '持股',
  kin: '亲属',
  other: '其他利害',
} as const;
export type ExpertRelationKind = keyof typeof expertRelationKinds;

/** A relation the expert declared with a unit: by USCC or name (at least one), until a day or still going on. */
export const expertRelationSchema = z
  .object({
    kind: z.enum(Object.keys(expertRelationKinds) as [ExpertRelationKind, ...ExpertRelationKind[]], {
      error: '关系类型须为任职、持股、亲属或其他利害',
    }),
    counterpartName: optionalText(100).nullable(),
    counterpartUscc: optionalText(18).nullable(),
    /** The relation's last day; null while it lasts. */
    until: isoDate.nullable(),
  })
  .refine((r) => !!r.counterpartName || !!r.counterpartUscc, {
    error: '须填写对方单位名称或统一社会信用代码',
    path: ['counterpartName'],
  });
export type ExpertRelation = z.infer<typeof expertRelationSchema>;

export const expertInputSchema = z.object({
  name: requiredText(50),
  unitName: requiredText(100),
  unitUscc: z.string({ error: '须填写' }).trim().length(18, { error: '须为18位' }).nullable(),
  /** 行政区划代码 of the expert's city. */
  cityCode: z.string({ error: '须选择' }).regex(/^\d{6}$/, { error: '须为6位行政区划代码' }),
  fields: z.array(requiredText(50)).min(1, { error: '至少填写一个专业领域' }).max(20, { error: '不超过20个' }),
  phone: mobileOrLandline,
  email: z.email({ error: '邮箱格式不正确' }).max(200).nullable(),
  relations: z.array(expertRelationSchema).max(50, { error: '不超过50项' }),
  active: z.boolean({ error: '须为是或否' }),
});
export type ExpertInput = z.infer<typeof expertInputSchema>;

export const expertUpdateSchema = expertInputSchema.extend({ version: z.number().int() });
export type ExpertUpdate = z.infer<typeof expertUpdateSchema>;

/** An expert of the pool as the province sees it; the phone masked in lists, in full in the one expert's view. */
export const expertViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  unitName: z.string(),
  unitUscc: z.string().nullable(),
  cityCode: z.string(),
  cityName: z.string().nullable(),
  fields: z.array(z.string()),
  phone: z.string(),
  email: z.string().nullable(),
  relations: z.array(expertRelationSchema),
  active: z.boolean(),
  /** The sign-in account bound to the expert (created by the system administrator), if any. */
  accountUsername: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ExpertView = z.infer<typeof expertViewSchema>;

export const reviewRoundStatuses = {
  draft: '筹备中',
  drawn: '已抽取专家',
  open: '评审中',
  closed: '已结束',
} as const;
export type ReviewRoundStatus = keyof typeof reviewRoundStatuses;
export const reviewRoundStatusSchema = z.enum(
  Object.keys(reviewRoundStatuses) as [ReviewRoundStatus, ...ReviewRoundStatus[]],
);

/** A new round, or a round changed while it is a draft; no applicationIds: every application received. */
export const reviewRoundInputSchema = z
  .object({
    title: requiredText(100),
    applicationIds: z
      .array(z.uuid({ error: '申报编号格式不正确' }))
      .max(5000)
      .nullable(),
    settings: reviewRoundSettingsSchema,
    rubric: rubricSchema,
    opensOn: isoDate,
    closesOn: isoDate,
  })
  .refine((r) => r.opensOn <= r.closesOn, { error: '评审结束日期不能早于开始日期', path: ['closesOn'] });
export type ReviewRoundInput = z.infer<typeof reviewRoundInputSchema>;

export const reviewRoundUpdateSchema = z.object({ version: z.number().int(), round: reviewRoundInputSchema });
export const roundVersionSchema = z.object({ version: z.number().int() });

export const exclusionDecisionSchema = z.object({
  expertId: z.uuid({ error: '专家编号格式不正确' }),
  accepted: z.boolean({ error: '须为同意或不同意' }),
  reason: requiredText(500),
});
/** The exclusions an applicant asked for one application, with the province's decision on each. */
export const exclusionsInputSchema = z.object({ requests: z.array(exclusionDecisionSchema).max(10) });
export type ExclusionsInput = z.infer<typeof exclusionsInputSchema>;

export const replacementInputSchema = z.object({
  groupNumber: z.number().int().min(1),
  expertId: z.uuid({ error: '专家编号格式不正确' }),
  reason: requiredText(500),
});
export type ReplacementInput = z.infer<typeof replacementInputSchema>;

const roundExpertSchema = z.object({ expertId: z.string(), name: z.string(), signedAt: z.string().nullable() });

/** The round as the province sees it: everything, the units' names included. */
export const reviewRoundViewSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  title: z.string(),
  status: reviewRoundStatusSchema,
  settings: reviewRoundSettingsSchema,
  rubric: rubricSchema,
  opensOn: z.string(),
  closesOn: z.string(),
  /** The recorded seed of the draw (hex), and the attempt that served every group. */
  seed: z.string().nullable(),
  drawAttempt: z.number().int().nullable(),
  drawnAt: z.string().nullable(),
  version: z.number().int(),
  applications: z.array(
    z.object({
      applicationId: z.string(),
      label: z.string().nullable(),
      unitName: z.string(),
      platformName: z.string(),
      groupNumber: z.number().int().nullable(),
      exclusions: z.array(
        z.object({ expertId: z.string(), expertName: z.string(), accepted: z.boolean(), reason: z.string() }),
      ),
    }),
  ),
  groups: z.array(
    z.object({
      number: z.number().int(),
      applicationIds: z.array(z.string()),
      experts: z.array(roundExpertSchema),
      /** Experts who left the group (replaced), with the reason. */
      replaced: z.array(z.object({ expertId: z.string(), name: z.string(), reason: z.string(), at: z.string() })),
    }),
  ),
});
export type ReviewRoundView = z.infer<typeof reviewRoundViewSchema>;

export const reviewRoundSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: reviewRoundStatusSchema,
  opensOn: z.string(),
  closesOn: z.string(),
  applicationCount: z.number().int(),
});
export const reviewRoundListSchema = z.object({ rounds: z.array(reviewRoundSummarySchema) });

/** Every (application, expert) pair of the round's pool with a 回避 conflict now, each conflict with its reason. */
export const roundConflictsViewSchema = z.object({
  rules: conflictRulesSchema,
  pairs: z.array(
    z.object({
      applicationId: z.string(),
      label: z.string().nullable(),
      expertId: z.string(),
      expertName: z.string(),
      /** The expert is assigned to the application now (a conflict that came up after the draw). */
      assigned: z.boolean(),
      conflicts: z.array(z.object({ code: z.string(), label: z.string(), reason: z.string() })),
    }),
  ),
});
export type RoundConflictsView = z.infer<typeof roundConflictsViewSchema>;

/** The text version of the 承诺书 / 回避声明 an expert signs. */
export const pledgeInputSchema = z.object({ textVersion: z.string().min(1).max(40) });

/** A round as the expert sees it: no unit names, applications under neutral labels. */
export const expertRoundViewSchema = z.object({
  roundId: z.string(),
  title: z.string(),
  status: reviewRoundStatusSchema,
  opensOn: z.string(),
  closesOn: z.string(),
  pledge: z.object({ textVersion: z.string(), text: z.string(), signedAt: z.string().nullable() }),
  groups: z.array(z.object({ number: z.number().int(), labels: z.array(z.string()) })),
});
export type ExpertRoundView = z.infer<typeof expertRoundViewSchema>;
export const expertRoundListSchema = z.object({ rounds: z.array(expertRoundViewSchema) });

/** One evidence file under a neutral name; whether its text names the unit (null: cannot tell, e.g. a PDF). */
export const blindDocumentSchema = z.object({
  number: z.number().int(),
  name: z.string(),
  evidenceType: z.string(),
  evidenceTypeLabel: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  namesUnit: z.boolean().nullable(),
  /** Shown beside a document whose content cannot be checked or redacted. */
  notice: z.string().nullable(),
});
export type BlindDocument = z.infer<typeof blindDocumentSchema>;

/** One application as an expert reads it: blind, the form's facts for scoring only. */
export const blindMaterialSchema = z.object({
  roundId: z.string(),
  label: z.string(),
  title: z.string(),
  facts: z.object({
    platformName: z.string(),
    categories: z.array(z.string()),
    description: z.string(),
    registeredOn: z.string().nullable(),
    channel: z.string().nullable(),
    totalAssetsWan: z.number().nullable(),
    serviceStaff: z.number().nullable(),
    preferentialSharePercent: z.number().nullable(),
    institutionCount: z.number().int(),
    rosterCount: z.number().int(),
  }),
  rubric: rubricSchema,
  documents: z.array(blindDocumentSchema),
});
export type BlindMaterial = z.infer<typeof blindMaterialSchema>;
