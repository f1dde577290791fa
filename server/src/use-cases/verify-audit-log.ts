import type { AuditVerification } from '#contract';
import { verifyAuditChain } from '../audit/verify-audit.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';

/** Checks the whole hash chain of the audit log and says when (the province's 审计日志 page). */
export async function verifyAuditLog(ctx: Context, actor: Actor | null): Promise<AuditVerification> {
  authorize(actor, 'audit:read');
  return { ...(await verifyAuditChain(ctx.db)), checkedAt: ctx.clock.now().toISOString() };
}
