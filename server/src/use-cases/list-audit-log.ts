import { BEIJING_OFFSET_MS, type AuditLogPage, type AuditLogQuery } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentAuditEntry } from '../presenters/audit.js';
import type { Context } from './context.js';

const DAY_MS = 24 * 3600_000;

/** The instant a Beijing calendar day (YYYY-MM-DD) starts, `days` later. */
const beijingDayStart = (day: string, days = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS + days * DAY_MS).toISOString();

/** One page of the audit log, newest first, filtered by action, actor, target and days (Beijing time) in SQL. */
export async function listAuditLog(ctx: Context, actor: Actor | null, query: AuditLogQuery): Promise<AuditLogPage> {
  authorize(actor, 'audit:read');
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 50);
  const { rows, total } = await ctx.audit.listPage(
    {
      action: query.action || undefined,
      actorName: query.actor || undefined,
      targetId: query.targetId || undefined,
      atFrom: query.from ? beijingDayStart(query.from) : undefined,
      atBefore: query.to ? beijingDayStart(query.to, 1) : undefined,
    },
    (page - 1) * pageSize,
    pageSize,
  );
  return { items: rows.map(presentAuditEntry), total, page, pageSize };
}
