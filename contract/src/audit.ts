import { z } from 'zod';

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
