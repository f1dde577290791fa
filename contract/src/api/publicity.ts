import { z } from 'zod';
import {
  holidayCalendarSchema,
  holidayYearSchema,
  publicitySettingsSchema,
  publicityWindowSchema,
  recognitionStatuses,
  type RecognitionStatus,
} from '../recognition.js';
import { provinceLetterSettingsInputSchema, provinceLetterSettingsViewSchema } from '../letter.js';
import { isoDate, optionalText, requiredText } from '../validation.js';
import { endpoint, fileDownload } from './endpoint.js';
import { batchQuery } from './review.js';

/**
 * 公示, objections (异议) and 认定 (issue 16, server part 1): the holiday table as configuration, the province's
 * 公示 of a batch's candidates, the public list and objection form, the province's handling of objections, and
 * 认定 guarded by the window and the open objections.
 */

// ——— The holiday table ———

const yearParams = z.object({ year: z.coerce.number({ error: '须为年份' }).int().min(2000).max(2100) });

// ——— 公示 ———

export const publicityInputSchema = z.object({
  title: requiredText(200),
  /** The 公示 notice as published (公示内容、期限、异议方式). */
  notice: requiredText(5000),
  /** The candidates: applications the province received in the batch (later: the review round's proposals). */
  applicationIds: z
    .array(z.uuid({ error: '申报编号格式不正确' }))
    .min(1, { error: '至少列入一个平台' })
    .max(500),
  settings: publicitySettingsSchema,
});
export type PublicityInput = z.infer<typeof publicityInputSchema>;

const statusEnum = z.enum(Object.keys(recognitionStatuses) as [RecognitionStatus, ...RecognitionStatus[]]);

/** A candidate as the public sees it: public information only (no phones, no people). */
export const publicCandidateSchema = z.object({
  id: z.uuid(),
  platformName: z.string(),
  unitName: z.string(),
  cityName: z.string(),
  status: statusEnum,
  statusLabel: z.string(),
});
export type PublicCandidate = z.infer<typeof publicCandidateSchema>;

export const publicityPhases = { before: '未开始', open: '公示中', closed: '已结束' } as const;
export type PublicityPhase = keyof typeof publicityPhases;

export const publicPublicitySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  notice: z.string(),
  days: z.number().int(),
  unit: z.enum(['calendar', 'working']),
  window: publicityWindowSchema,
  phase: z.enum(['before', 'open', 'closed']),
  phaseLabel: z.string(),
  /** How to object: who receives objections and what they must contain. */
  objections: publicitySettingsSchema.shape.objections,
  candidates: z.array(publicCandidateSchema),
});
export type PublicPublicity = z.infer<typeof publicPublicitySchema>;
export const publicPublicityListSchema = z.object({ publicities: z.array(publicPublicitySchema) });
export type PublicPublicityList = z.infer<typeof publicPublicityListSchema>;

// ——— Objections ———

const ID_NUMBER = /\d{17}[\dXx]/;

/**
 * The objector's contact: a phone or an email address. An identity card number is never asked for; one given
 * here is refused rather than stored.
 */
export const objectionContactSchema = z
  .string({ error: '须填写' })
  .trim()
  .min(1, { error: '须填写' })
  .max(100, { error: '不能超过100个字符' })
  .refine((v) => !ID_NUMBER.test(v.replace(/\s/g, '')), {
    error: '请勿填写身份证号码，请填写手机号、座机号或电子邮箱',
  })
  .refine((v) => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(v) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    error: '须为手机号、座机号（如 0371-65507615）或电子邮箱',
  });

export const objectionInputSchema = z.object({
  /** 实名: the objector's name (a unit's name and its 联系人 for a unit). */
  name: requiredText(100).refine((v) => !ID_NUMBER.test(v), { error: '请勿填写身份证号码' }),
  contact: objectionContactSchema,
  /** The candidate the objection is about. */
  candidateId: z.uuid({ error: '请选择异议涉及的平台' }),
  grounds: requiredText(5000),
});
export type ObjectionInput = z.infer<typeof objectionInputSchema>;

export const objectionReceiptSchema = z.object({
  objectionId: z.uuid(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  platformName: z.string(),
  /**
   * Online only: the token that attaches 佐证材料 to this objection (sent once, never shown again), while the
   * window is open; null for an objection registered from paper.
   */
  uploadToken: z.string().nullable(),
});

/** An objection's evidence file as its list shows it. */
export const objectionFileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
});
export type ObjectionFile = z.infer<typeof objectionFileSchema>;
export type ObjectionReceipt = z.infer<typeof objectionReceiptSchema>;

export const objectionOutcomes = { upheld: '异议成立', rejected: '异议不成立', withdrawn: '异议人撤回' } as const;
export type ObjectionOutcome = keyof typeof objectionOutcomes;

export const objectionCloseSchema = z.object({
  outcome: z.enum(['upheld', 'rejected', 'withdrawn'], { error: '须为异议成立、异议不成立或撤回' }),
  text: requiredText(5000),
});
export type ObjectionClose = z.infer<typeof objectionCloseSchema>;

/** An objection as the province's list shows it: the contact masked. */
export const objectionViewSchema = z.object({
  id: z.uuid(),
  receiptNumber: z.string(),
  origin: z.enum(['online', 'paper']),
  candidateId: z.uuid(),
  platformName: z.string(),
  name: z.string(),
  contactMasked: z.string(),
  grounds: z.string(),
  files: z.array(objectionFileSchema),
  /** The province official handling it. */
  assignedTo: z.object({ userId: z.string(), name: z.string() }).nullable(),
  notes: z.array(z.object({ at: z.string(), byName: z.string(), text: z.string() })),
  /** What the province asked the recommending city, and its answer once given. */
  cityRequest: z
    .object({
      question: z.string(),
      requestedAt: z.string(),
      response: z.string().nullable(),
      respondedAt: z.string().nullable(),
    })
    .nullable(),
  status: z.enum(['open', 'closed']),
  outcome: z.enum(['upheld', 'rejected', 'withdrawn']).nullable(),
  outcomeText: z.string().nullable(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type ObjectionView = z.infer<typeof objectionViewSchema>;

export const objectionAssignmentSchema = z.object({ userId: z.string().min(1).max(64) });
export const objectionNoteSchema = z.object({ text: requiredText(5000) });
export const cityRequestSchema = z.object({ question: requiredText(5000) });
export const cityResponseSchema = z.object({ text: requiredText(5000) });

/** An objection as the recommending city sees it when asked: the grounds, never the objector. */
export const cityObjectionSchema = z.object({
  id: z.uuid(),
  receiptNumber: z.string(),
  platformName: z.string(),
  grounds: z.string(),
  question: z.string(),
  requestedAt: z.string(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  status: z.enum(['open', 'closed']),
});
export type CityObjection = z.infer<typeof cityObjectionSchema>;

// ——— The province's view and 认定 ———

export const recognitionViewSchema = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  platformName: z.string(),
  unitName: z.string(),
  cityName: z.string(),
  status: statusEnum,
  statusLabel: z.string(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  certificateNumber: z.string().nullable(),
  history: z.array(z.object({ status: statusEnum, at: z.string(), note: optionalText(5000) })),
});
export type RecognitionView = z.infer<typeof recognitionViewSchema>;

export const publicityViewSchema = publicPublicitySchema.omit({ candidates: true }).extend({
  batchId: z.string(),
  candidates: z.array(recognitionViewSchema),
  objectionList: z.array(objectionViewSchema),
});
export type PublicityView = z.infer<typeof publicityViewSchema>;

const publicityParams = z.object({ publicityId: z.uuid({ error: '公示编号格式不正确' }) });
const objectionParams = z.object({ objectionId: z.uuid({ error: '异议编号格式不正确' }) });

export const holidayEndpoints = {
  get: endpoint({ method: 'GET', path: '/api/v1/holidays', response: holidayCalendarSchema }),
  put: endpoint({
    method: 'PUT',
    path: '/api/v1/admin/holidays/:year',
    params: yearParams,
    body: holidayYearSchema,
    response: holidayCalendarSchema,
  }),
};

export const publicityEndpoints = {
  create: endpoint({
    method: 'POST',
    path: '/api/v1/publicities',
    query: batchQuery,
    body: publicityInputSchema,
    status: 201,
    response: publicityViewSchema,
  }),
  get: endpoint({
    method: 'GET',
    path: '/api/v1/publicities/:publicityId',
    params: publicityParams,
    response: publicityViewSchema,
  }),
  registerPaperObjection: endpoint({
    method: 'POST',
    path: '/api/v1/publicities/:publicityId/objections',
    params: publicityParams,
    body: objectionInputSchema,
    status: 201,
    response: objectionReceiptSchema,
  }),
  closeObjection: endpoint({
    method: 'POST',
    path: '/api/v1/objections/:objectionId/close',
    params: objectionParams,
    body: objectionCloseSchema,
    response: objectionViewSchema,
  }),
  assign: endpoint({
    method: 'POST',
    path: '/api/v1/objections/:objectionId/assignment',
    params: objectionParams,
    body: objectionAssignmentSchema,
    response: objectionViewSchema,
  }),
  note: endpoint({
    method: 'POST',
    path: '/api/v1/objections/:objectionId/notes',
    params: objectionParams,
    body: objectionNoteSchema,
    response: objectionViewSchema,
  }),
  requestCity: endpoint({
    method: 'POST',
    path: '/api/v1/objections/:objectionId/city-request',
    params: objectionParams,
    body: cityRequestSchema,
    response: objectionViewSchema,
  }),
  /** One of an objection's 佐证材料, as uploaded (`inline=1` shows it in place); audited. */
  objectionFile: endpoint({
    method: 'GET',
    path: '/api/v1/objections/:objectionId/files/:fileId',
    params: objectionParams.extend({ fileId: z.uuid({ error: '文件编号格式不正确' }) }),
    query: z.object({ inline: z.enum(['0', '1'], { error: 'inline 须为 0 或 1' }).optional() }),
    response: fileDownload,
  }),
  recognize: endpoint({
    method: 'POST',
    path: '/api/v1/publicities/:publicityId/recognition',
    params: publicityParams,
    response: publicityViewSchema,
  }),
  letterSettings: endpoint({
    method: 'GET',
    path: '/api/v1/province/letter-settings',
    response: provinceLetterSettingsViewSchema,
  }),
  saveLetterSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/province/letter-settings',
    body: provinceLetterSettingsInputSchema,
    response: provinceLetterSettingsViewSchema,
  }),
  /** 认定文件 (Word or PDF; `inline=1` shows the PDF in place), once 认定 is issued. */
  decision: endpoint({
    method: 'GET',
    path: '/api/v1/publicities/:publicityId/decision.:format',
    params: publicityParams.extend({ format: z.enum(['docx', 'pdf'], { error: '格式须为 docx 或 pdf' }) }),
    query: z.object({ inline: z.enum(['0', '1'], { error: 'inline 须为 0 或 1' }).optional() }),
    response: fileDownload,
  }),
};

/** The recommending city, asked for its response to an objection about a platform it recommended. */
export const cityObjectionEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/city/objections',
    response: z.object({ objections: z.array(cityObjectionSchema) }),
  }),
  respond: endpoint({
    method: 'PUT',
    path: '/api/v1/city/objections/:objectionId/response',
    params: objectionParams,
    body: cityResponseSchema,
    response: cityObjectionSchema,
  }),
};

/** Without an account: the 公示 list and the objection form. */
export const publicPublicityEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/public/publicities', response: publicPublicityListSchema }),
  object: endpoint({
    method: 'POST',
    path: '/api/v1/public/publicities/:publicityId/objections',
    params: publicityParams,
    body: objectionInputSchema,
    status: 201,
    response: objectionReceiptSchema,
  }),
  /** One 佐证材料 file, with the receipt's token (header `x-objection-token`), checked by content. */
  evidence: endpoint({
    method: 'POST',
    path: '/api/v1/public/objections/:objectionId/evidence',
    params: objectionParams,
    upload: true,
    status: 201,
    response: objectionFileSchema,
  }),
};
