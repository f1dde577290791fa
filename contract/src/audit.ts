import { z } from 'zod';
import { isoDate } from './validation.js';

/** One entry of the audit log, newest first; `seq` is its place in the hash chain. */
export const auditLogEntrySchema = z.object({
  id: z.string(),
  /** An integer 1, 2, 3 …; read as any number, so that a tampered log can still be listed. */
  seq: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** What the entry records beyond its action and target (JSON as written), or null. */
  detail: z.unknown(),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

/** The first entry that breaks the chain; `id` is null where the entry is missing (a cut-off tail). */
export const auditBreakSchema = z.object({
  /** The entry's seq as stored (a tampered one may be any number), or null where none is. */
  seq: z.number().nullable(),
  id: z.string().nullable(),
  reason: z.string(),
});
export type AuditBreak = z.infer<typeof auditBreakSchema>;

/** The server's check of the whole chain, and when it ran. */
export const auditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), verifiedThrough: z.number().int(), checkedAt: z.string() }),
  z.object({
    ok: z.literal(false),
    verifiedThrough: z.number().int(),
    brokenAt: auditBreakSchema,
    checkedAt: z.string(),
  }),
]);
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** The most entries one page of the audit log holds. */
export const AUDIT_PAGE_MAX = 100;

/** The audit log's filters and page: one action, one actor (user name as logged), one target, days in Beijing time. */
export const auditLogQuerySchema = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  /** First and last day (Beijing time, both included). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number({ error: '页码须为数字' }).int().min(1, { error: '页码须从1开始' }).default(1),
  pageSize: z.coerce
    .number({ error: '每页条数须为数字' })
    .int()
    .min(1, { error: '每页条数须在1至100之间' })
    .max(AUDIT_PAGE_MAX, { error: '每页条数须在1至100之间' })
    .default(50),
});
export type AuditLogQuery = z.input<typeof auditLogQuerySchema>;

/** One page of the audit log, newest first, and how many entries match the filters over all pages. */
export const auditLogPageSchema = z.object({
  items: z.array(auditLogEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;
