import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import type { Db } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import type { NotificationEvent } from '../domain/notifications.js';

/** A notification to write for one user; `dedupeKey` makes a second write of the same one a no-op. */
export interface NewNotification {
  userId: string;
  dedupeKey: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** When what it tells of happened (the event's time; a reminder's, when it is due). */
  at: string;
}

// An application's history is read with every view of it: compiled once.
const submissionsOf = prepared((db: Db, { applicationId }: { applicationId: string }) =>
  db
    .selectFrom('application_versions')
    .select(['version', 'submitted_at'])
    .where('application_id', '=', applicationId)
    .orderBy('version'),
);
const recommendationOf = prepared((db: Db, { applicationId }: { applicationId: string }) =>
  db.selectFrom('recommendations').select('recommended_at').where('application_id', '=', applicationId),
);
const packageOf = prepared((db: Db, { batchId, authorityCode }: { batchId: string; authorityCode: string }) =>
  db
    .selectFrom('city_packages')
    .select(['status', 'submitted_at', 'returned_at', 'accepted_at'])
    .where('batch_id', '=', batchId)
    .where('authority_code', '=', authorityCode),
);

/** The outbox of notification events, the users' notifications and their emails, and users' email addresses. */
export class NotificationRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Writes an event into the outbox; called inside the transaction of the state change it reports. */
  async raise(event: NotificationEvent, now: Date): Promise<void> {
    const { kind, ...payload } = event;
    await this.db
      .insertInto('notification_events')
      .values({
        id: randomUUID(),
        kind,
        payload: JSON.stringify(payload),
        created_at: now.toISOString(),
        processed_at: null,
        next_attempt_at: now.toISOString(),
        last_error: null,
      })
      .execute();
  }

  /**
   * Claims up to `limit` events not yet turned into notifications whose next attempt is due, oldest first:
   * their next attempt moves to `leaseUntil`, so no other runner takes them meanwhile, and one whose runner
   * died is due again when the lease ends. On PostgreSQL the rows are locked as they are taken and rows
   * another claimer holds are skipped (`FOR UPDATE SKIP LOCKED`); SQLite serialises writers.
   */
  async claimEvents(now: Date, limit: number, leaseUntil: Date) {
    let due = this.db
      .selectFrom('notification_events')
      .select('id')
      .where('processed_at', 'is', null)
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit);
    if (this.db.getExecutor().adapter instanceof PostgresAdapter) due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('notification_events')
      .set({ next_attempt_at: leaseUntil.toISOString() })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
      .map((r) => ({ ...r, event: { kind: r.kind, ...(JSON.parse(r.payload) as object) } as NotificationEvent }));
  }

  async markEventProcessed(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('notification_events')
      .set({ processed_at: now.toISOString(), last_error: null })
      .where('id', '=', id)
      .execute();
  }

  async markEventFailed(id: string, error: string, retryAt: Date): Promise<void> {
    await this.db
      .updateTable('notification_events')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, next_attempt_at: retryAt.toISOString() }))
      .where('id', '=', id)
      .execute();
  }

  /**
   * Writes notifications, each once: a row whose dedupe key exists is left as it is (a second run of
   * the job, or a concurrent one, adds nothing). Those of users with an email address wait for their
   * email when `email` is on. Returns how many were new.
   */
  async deliver(items: readonly NewNotification[], now: Date, email: boolean): Promise<number> {
    if (!items.length) return 0;
    const withEmail = email ? await this.usersWithEmail(items.map((i) => i.userId)) : new Set<string>();
    let added = 0;
    for (const i of items) {
      const r = await this.db
        .insertInto('notifications')
        .values({
          id: randomUUID(),
          user_id: i.userId,
          dedupe_key: i.dedupeKey,
          kind: i.kind,
          title: i.title,
          body: i.body,
          link: i.link,
          created_at: i.at,
          read_at: null,
          email_status: withEmail.has(i.userId) ? 'pending' : 'none',
          email_next_at: withEmail.has(i.userId) ? now.toISOString() : null,
          email_error: null,
          email_sent_at: null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
  }

  private async usersWithEmail(userIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', [...new Set(userIds)])
      .where('email', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** A user's notifications, newest first, `limit` from `offset`, with the total and the unread count. */
  async listForUser(userId: string, limit: number, offset: number) {
    const [items, counts] = await Promise.all([
      this.db
        .selectFrom('notifications')
        .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.countsForUser(userId),
    ]);
    return { items, ...counts };
  }

  async countsForUser(userId: string): Promise<{ total: number; unread: number }> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(sql`case when read_at is null then 1 else 0 end`).as('unread'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { total: Number(r.total), unread: Number(r.unread ?? 0) };
  }

  /** Marks the user's own notifications read (the given ones, or all); another user's ids match nothing. */
  async markRead(userId: string, ids: readonly string[] | 'all', now: Date): Promise<number> {
    let q = this.db
      .updateTable('notifications')
      .set({ read_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (ids !== 'all') {
      if (!ids.length) return 0;
      q = q.where('id', 'in', [...ids]);
    }
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Emails due now, oldest first, with the address decrypted. */
  async dueEmails(now: Date, limit: number) {
    const rows = await this.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select([
        'notifications.id',
        'notifications.title',
        'notifications.body',
        'notifications.email_attempts',
        'notifications.email_next_at',
        'users.email',
      ])
      .where('notifications.email_status', '=', 'pending')
      .where('notifications.email_next_at', '<=', now.toISOString())
      .orderBy('notifications.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, email: r.email === null ? null : this.cipher.decrypt(r.email) }));
  }

  /**
   * Claims an email for one sender: moves its next attempt to `leaseUntil` if it is still the one read.
   * Of two runners only one gets true; if the claimer dies, the email is due again when the lease ends.
   */
  async claimEmail(id: string, seenNextAt: string | null, leaseUntil: Date): Promise<boolean> {
    if (seenNextAt === null) return false;
    const r = await this.db
      .updateTable('notifications')
      .set({ email_next_at: leaseUntil.toISOString() })
      .where('id', '=', id)
      .where('email_status', '=', 'pending')
      .where('email_next_at', '=', seenNextAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async markEmailSent(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set((eb) => ({
        email_status: 'sent',
        email_sent_at: now.toISOString(),
        email_error: null,
        email_next_at: null,
        email_attempts: eb('email_attempts', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** A failed attempt: tried again at `retryAt`, or given up (`null`). */
  async markEmailFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set((eb) => ({
        email_status: retryAt ? 'pending' : 'failed',
        email_error: error,
        email_next_at: retryAt ? retryAt.toISOString() : null,
        email_attempts: eb('email_attempts', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** The enabled users of an applicant unit. */
  async applicantsOf(unitId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('users')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('role', '=', 'applicant')
      .where('disabled_at', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  }

  /** The enabled officials of a city authority, or (null) of the province. */
  async officialsOf(authorityCode: string | null): Promise<string[]> {
    let q = this.db.selectFrom('users').select('id').where('disabled_at', 'is', null);
    q = authorityCode === null ? q.where('role', '=', 'province') : q.where('role', '=', 'city');
    if (authorityCode !== null) q = q.where('authority_code', '=', authorityCode);
    const rows = await q.execute();
    return rows.map((r) => r.id);
  }

  /** An application with its unit's and authority's names, as a notification names them. */
  findApplication(applicationId: string) {
    return this.db
      .selectFrom('applications')
      .innerJoin('units', 'units.id', 'applications.unit_id')
      .innerJoin('authorities', 'authorities.code', 'applications.authority_code')
      .select([
        'applications.id',
        'applications.unit_id',
        'applications.authority_code',
        'applications.version',
        'units.name as unit_name',
        'authorities.name as authority_name',
      ])
      .where('applications.id', '=', applicationId)
      .executeTakeFirst();
  }

  /** A recognised platform: its unit and recommending city, as the notifications of its years name them. */
  findRecognition(recognitionId: string) {
    return this.db
      .selectFrom('recognitions')
      .innerJoin('authorities', 'authorities.code', 'recognitions.authority_code')
      .select([
        'recognitions.unit_id',
        'recognitions.authority_code',
        'recognitions.platform_name',
        'authorities.name as authority_name',
      ])
      .where('recognitions.id', '=', recognitionId)
      .executeTakeFirst();
  }

  async authorityName(code: string): Promise<string> {
    const r = await this.db.selectFrom('authorities').select('name').where('code', '=', code).executeTakeFirst();
    return r?.name ?? code;
  }

  /** The applications a city's package decided on: every one submitted at least once, with any rejection reason. */
  cityApplications(batchId: string, authorityCode: string) {
    return this.db
      .selectFrom('applications')
      .leftJoin('application_rejections', 'application_rejections.application_id', 'applications.id')
      .select(['applications.id', 'applications.unit_id', 'applications.status', 'application_rejections.reason'])
      .where('applications.batch_id', '=', batchId)
      .where('applications.authority_code', '=', authorityCode)
      .where('applications.status', '!=', 'draft')
      .execute();
  }

  /** Applicants whose application in the batch is not (or no longer) submitted: a draft or returned. */
  unsubmittedApplicants(batchId: string) {
    return this.db
      .selectFrom('applications')
      .innerJoin('users', 'users.unit_id', 'applications.unit_id')
      .select(['users.id as user_id', 'applications.id as application_id'])
      .where('applications.batch_id', '=', batchId)
      .where('applications.status', 'in', ['draft', 'returned'])
      .where('users.role', '=', 'applicant')
      .where('users.disabled_at', 'is', null)
      .execute();
  }

  /** City officials whose package in the batch is not submitted, with any deadline exception of their city. */
  unsubmittedCities(batchId: string) {
    return this.db
      .selectFrom('users')
      .innerJoin('authorities', 'authorities.code', 'users.authority_code')
      .leftJoin('city_packages', (j) =>
        j.onRef('city_packages.authority_code', '=', 'users.authority_code').on('city_packages.batch_id', '=', batchId),
      )
      .leftJoin('deadline_exceptions', (j) =>
        j
          .onRef('deadline_exceptions.authority_code', '=', 'users.authority_code')
          .on('deadline_exceptions.batch_id', '=', batchId),
      )
      .select(['users.id as user_id', 'users.authority_code', 'deadline_exceptions.ends_at as exception_ends_at'])
      .where('users.role', '=', 'city')
      .where('authorities.kind', '=', 'city')
      .where('users.disabled_at', 'is', null)
      .where((eb) => eb.or([eb('city_packages.status', 'is', null), eb('city_packages.status', '!=', 'submitted')]))
      .execute();
  }

  /** The dated steps of an application and its city's package, for the timeline (domain/application-progress.ts). */
  async historyOf(app: { id: string; batch_id: string; authority_code: string }) {
    const [submissions, [recommendation], [cityPackage]] = await Promise.all([
      submissionsOf(this.db, { applicationId: app.id }),
      recommendationOf(this.db, { applicationId: app.id }),
      packageOf(this.db, { batchId: app.batch_id, authorityCode: app.authority_code }),
    ]);
    return { submissions, recommendation, cityPackage };
  }

  async findEmail(userId: string): Promise<string | null> {
    const r = await this.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    return r?.email ? this.cipher.decrypt(r.email) : null;
  }

  async setEmail(userId: string, email: string | null): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ email: email === null ? null : this.cipher.encrypt(email) })
      .where('id', '=', userId)
      .execute();
  }
}
