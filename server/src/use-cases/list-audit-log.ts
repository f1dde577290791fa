import type { AuditLogEntry } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAuditEntry } from '../presenters/audit.js';
import type { Context } from './context.js';

/** The latest entries of the audit log, newest first, of one action or of all. */
export async function listAuditLog(
  ctx: Context,
  actor: Actor | null,
  query: { limit: number; action?: string },
): Promise<AuditLogEntry[]> {
  authorize(actor, 'audit:read');
  return (await ctx.audit.list(query.limit, query.action)).map(presentAuditEntry);
}
