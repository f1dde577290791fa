import { randomUUID } from 'node:crypto';
import { PostgresAdapter } from 'kysely';
import type { Db } from '../db/database.js';

/** A job as a runner gets it: its payload parsed. */
export interface ClaimedJob {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  attempts: number;
}

/** A job to queue: `key` names the work, so the same work queued twice while not done is one job. */
export interface NewJob {
  kind: string;
  key: string;
  payload: unknown;
}

/**
 * The jobs table: queueing (inside the caller's transaction), claiming with a lease, completing, failing
 * with backoff. On PostgreSQL a claim locks the rows it takes and skips those another claimer holds
 * (`FOR UPDATE SKIP LOCKED`), so concurrent claimers never take the same job; on SQLite writers are
 * serialised, so the same statement without the clause is safe.
 */
export class JobRepository {
  constructor(private readonly db: Db) {}

  /** Queues jobs; one whose key is held by a job not yet done is left out. Returns how many were added. */
  async enqueue(jobs: readonly NewJob[], now: Date): Promise<number> {
    if (!jobs.length) return 0;
    const r = await this.db
      .insertInto('jobs')
      .values(
        jobs.map((j) => ({
          id: randomUUID(),
          kind: j.kind,
          key: j.key,
          payload: JSON.stringify(j.payload),
          run_after: now.toISOString(),
          claimed_by: null,
          lease_until: null,
          done_at: null,
          last_error: null,
          created_at: now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.column('key').where('done_at', 'is', null).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n);
  }

  /**
   * Claims up to `n` due jobs of these kinds for `processId` until `now + leaseMs`: jobs not done, due, and
   * not held by a live lease (a job whose claimer crashed is due again when its lease ends). Oldest first.
   */
  async claim(kinds: readonly string[], n: number, processId: string, leaseMs: number, now: Date) {
    if (!kinds.length || n < 1) return [];
    const at = now.toISOString();
    let due = this.db
      .selectFrom('jobs')
      .select('id')
      .where('done_at', 'is', null)
      .where('kind', 'in', [...kinds])
      .where('run_after', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
      .orderBy('run_after')
      .orderBy('created_at')
      .limit(n);
    if (this.db.getExecutor().adapter instanceof PostgresAdapter) due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        claimed_by: processId,
        lease_until: new Date(now.getTime() + leaseMs).toISOString(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', due)
      .returning(['id', 'kind', 'key', 'payload', 'attempts'])
      .execute();
    return rows.map((r): ClaimedJob => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
  }

  /** Marks a job done, if `processId` still holds it (not when its lease ran out and another took it). */
  async complete(id: string, processId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ done_at: now.toISOString(), lease_until: null, last_error: null })
      .where('id', '=', id)
      .where('claimed_by', '=', processId)
      .where('done_at', 'is', null)
      .execute();
  }

  /** A failed run of `processId`'s: due again at `retryAt` (its lease released), or given up (`null`: done, with the error). */
  async fail(id: string, processId: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        last_error: error,
        lease_until: null,
        claimed_by: null,
        ...(retryAt ? { run_after: retryAt.toISOString() } : { done_at: now.toISOString() }),
      })
      .where('id', '=', id)
      .where('claimed_by', '=', processId)
      .where('done_at', 'is', null)
      .execute();
  }

  /** The latest job of each key (done or not), for callers waiting on work by name. */
  async latestByKey(keys: readonly string[]) {
    if (!keys.length) return [];
    return this.db
      .selectFrom('jobs')
      .select(['key', 'done_at', 'last_error', 'attempts'])
      .where('key', 'in', [...keys])
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Removes jobs done before `before`; returns how many. */
  async purgeDone(before: Date): Promise<number> {
    const r = await this.db.deleteFrom('jobs').where('done_at', '<', before.toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
