import type { AuditLogEntry } from '#contract';
import type { AuditRow } from '../repositories/audit-repository.js';

/** An entry of the audit log; its detail is the JSON it was written with. */
export function presentAuditEntry(e: AuditRow): AuditLogEntry {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at,
    actorName: e.actor_name,
    ip: e.ip,
    action: e.action,
    targetType: e.target_type,
    targetId: e.target_id,
    detail: e.detail ? (JSON.parse(e.detail) as unknown) : null,
  };
}
