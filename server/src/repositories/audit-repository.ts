import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { chainHash } from '../audit/audit-chain.js';
import { atomic, type Db } from '../db/database.js';
import type { AuditHeadTable, AuditLogTable } from '../db/schema.js';

export interface AuditEntry {
  actorUserId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
}

export type AuditRow = Selectable<AuditLogTable>;

/** What the audit log's page is filtered on; each one given narrows it. */
export interface AuditFilter {
  action?: string;
  actorName?: string;
  targetId?: string;
  atFrom?: string;
  atBefore?: string;
}
export type AuditHead = Pick<Selectable<AuditHeadTable>, 'seq' | 'hash'>;

/** The position of an entry in the (seq, id) order the verifier reads the log in. */
export interface ChainPosition {
  seq: number;
  id: string;
}

/**
 * Who did what, when, from where: logins, state changes, downloads, disclosures. Entries form a hash chain
 * (audit/audit-chain.ts); `record` is the only writer.
 */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends an entry to the chain, inside the caller's transaction or in its own. Taking the next seq is
   * an UPDATE of the head row, which holds that row's lock (PostgreSQL) or the write lock (SQLite) until
   * the transaction ends, so concurrent appends queue up and never share a seq or a previous hash.
   */
  async record(e: AuditEntry, now: Date): Promise<void> {
    await atomic(this.db, async (trx) => {
      const previous = await trx
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb('seq', '+', 1) }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const entry = {
        id: randomUUID(),
        seq: previous.seq,
        at: now.toISOString(),
        actor_user_id: e.actorUserId,
        actor_name: e.actorName,
        ip: e.ip,
        action: e.action,
        target_type: e.targetType ?? null,
        target_id: e.targetId ?? null,
        detail: e.detail ? JSON.stringify(e.detail) : null,
      };
      const hash = chainHash(previous.hash, entry);
      await trx
        .insertInto('audit_log')
        .values({ ...entry, hash })
        .execute();
      await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
    });
  }

  /**
   * One page of the log, newest first, of the entries matching every filter given (`atFrom` included, `atBefore`
   * excluded, ISO instants), and how many match over all pages; each filter has an index leading with it.
   */
  async listPage(filter: AuditFilter, offset: number, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
    if (!Object.values(filter).some(Boolean)) return this.wholeLogPage(offset, limit);
    let q = this.db.selectFrom('audit_log');
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.actorName) q = q.where('actor_name', '=', filter.actorName);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.atFrom) q = q.where('at', '>=', filter.atFrom);
    if (filter.atBefore) q = q.where('at', '<', filter.atBefore);
    const [rows, count] = await Promise.all([
      // seq is unique: the index gives the order, and reads only the rows up to the page.
      q.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /**
   * A page of the whole log: the chain runs 1…N without gaps (verify-audit.ts checks it) and the head holds N, so the
   * total is the head's seq and the page is a range of seq — however long the log, however deep the page.
   */
  private async wholeLogPage(offset: number, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
    const total = (await this.head())?.seq ?? 0;
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '<=', total - offset)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return { rows, total };
  }

  /** The newest entries first. */
  list(limit: number, action?: string) {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
    if (action) q = q.where('action', '=', action);
    return q.execute();
  }

  head(): Promise<AuditHead | undefined> {
    return this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  }

  /** Entries with a seq up to `through` (all when null), after `after` in (seq, id) order: one page of the chain. */
  chainPage(after: ChainPosition | null, through: number | null, limit: number): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('seq', 'is not', null);
    if (through !== null) q = q.where('seq', '<=', through);
    if (after)
      q = q.where((eb) =>
        eb.and([eb('seq', '>=', after.seq), eb.or([eb('seq', '>', after.seq), eb('id', '>', after.id)])]),
      );
    return q.orderBy('seq').orderBy('id').limit(limit).execute();
  }

  /** The first entry with a seq beyond `seq`. */
  firstAfter(seq: number): Promise<AuditRow | undefined> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', seq)
      .orderBy('seq')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  /** An entry without a seq: outside the chain. */
  firstUnchained(): Promise<AuditRow | undefined> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', 'is', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }
}
