import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';

export interface AuditEntry {
  actorUserId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
}

/** Who did what, when, from where: logins, state changes, downloads, disclosures. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async record(e: AuditEntry, now: Date): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        at: now.toISOString(),
        actor_user_id: e.actorUserId,
        actor_name: e.actorName,
        ip: e.ip,
        action: e.action,
        target_type: e.targetType ?? null,
        target_id: e.targetId ?? null,
        detail: e.detail ? JSON.stringify(e.detail) : null,
      })
      .execute();
  }

  list(limit: number, action?: string) {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit);
    if (action) q = q.where('action', '=', action);
    return q.execute();
  }
}
