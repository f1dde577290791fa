import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, type Db } from '../db/database.js';

/** The failures counted for an account from one client, and the lock they brought. */
export interface FailureCount {
  failures: number;
  lockedUntil: string | null;
}

/** Counters of past windows are kept this long after their window started, then removed. */
const COUNTER_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Failures of a client on an account are forgotten when none came for this long (and no lock holds). */
const FAILURES_FORGOTTEN_MS = 24 * 60 * 60 * 1000;
const forgottenBefore = (now: Date) => new Date(now.getTime() - FAILURES_FORGOTTEN_MS).toISOString();

/** The row of a pair's first counted attempt (see SignInRepository.takeAttempt). */
const firstAttempt = <K>(now: Date, threshold: number, lockUntil: Date, key: K) => ({
  ...key,
  failures: 1,
  locked_until: threshold <= 1 ? lockUntil.toISOString() : null,
  updated_at: now.toISOString(),
});

/**
 * The change of a pair's row by a counted attempt: a lock that has run out starts the count again at 1,
 * a lock still running is kept, and the attempt that reaches `threshold` locks until `lockUntil`.
 */
function nextAttempt(table: 'login_failures' | 'unknown_name_failures', now: Date, threshold: number, lockUntil: Date) {
  const at = now.toISOString();
  const lockedUntil = sql.ref<string | null>(`${table}.locked_until`);
  const restart = sql<boolean>`${lockedUntil} IS NOT NULL AND ${lockedUntil} <= ${at}`;
  const next = sql<number>`CASE WHEN ${restart} THEN 1 ELSE ${sql.ref(`${table}.failures`)} + 1 END`;
  return {
    failures: next,
    locked_until: sql<
      string | null
    >`CASE WHEN ${lockedUntil} > ${at} THEN ${lockedUntil} WHEN ${next} >= ${threshold} THEN ${lockUntil.toISOString()} ELSE NULL END`,
    updated_at: at,
  };
}

/**
 * Sign-in state: failed attempts per account and client (login_failures) and per unknown name and client
 * (unknown_name_failures), counters over a time window,
 * captchas, the challenges between password and second factor, the TOTP columns of users and the
 * recovery codes. Every count and every one-use item is changed by one statement that reads and writes
 * (UPSERT … RETURNING, UPDATE … WHERE … RETURNING, DELETE … RETURNING), so concurrent requests never
 * read the same value: SQLite runs such a statement under its write lock, PostgreSQL under the row lock.
 * TOTP secrets are stored encrypted with the personal-data key (SM4), written encrypted, read decrypted.
 */
export class SignInRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The failures of a client on an account, unless forgotten (see FAILURES_FORGOTTEN_MS). */
  async failures(userId: string, clientKey: string, now: Date): Promise<FailureCount | undefined> {
    const row = await this.db
      .selectFrom('login_failures')
      .select(['failures', 'locked_until'])
      .where('user_id', '=', userId)
      .where('client_key', '=', clientKey)
      .where((eb) => eb.or([eb('locked_until', '>', now.toISOString()), eb('updated_at', '>', forgottenBefore(now))]))
      .executeTakeFirst();
    return row && { failures: row.failures, lockedUntil: row.locked_until };
  }

  /**
   * Counts an attempt before its password or code is checked, and returns the count: the attempt that
   * reaches `threshold` locks the pair until `lockUntil` (it is still checked; a success clears the row),
   * later ones find the lock. A lock that has run out starts the count again at 1; forgotten failures
   * (of any account) are removed on the way.
   */
  async takeAttempt(
    userId: string,
    clientKey: string,
    now: Date,
    threshold: number,
    lockUntil: Date,
  ): Promise<FailureCount> {
    const at = now.toISOString();
    return atomic(this.db, async (trx) => {
      await trx
        .deleteFrom('login_failures')
        .where('updated_at', '<=', forgottenBefore(now))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
        .execute();
      const row = await trx
        .insertInto('login_failures')
        .values(firstAttempt(now, threshold, lockUntil, { user_id: userId, client_key: clientKey }))
        .onConflict((oc) =>
          oc.columns(['user_id', 'client_key']).doUpdateSet(nextAttempt('login_failures', now, threshold, lockUntil)),
        )
        .returning(['failures', 'locked_until'])
        .executeTakeFirstOrThrow();
      return { failures: row.failures, lockedUntil: row.locked_until };
    });
  }

  /** The failures of a client on a user name no account has (by its keyed hash), as `failures` reads an account's. */
  async nameFailures(nameKey: string, clientKey: string, now: Date): Promise<FailureCount | undefined> {
    const row = await this.db
      .selectFrom('unknown_name_failures')
      .select(['failures', 'locked_until'])
      .where('name_key', '=', nameKey)
      .where('client_key', '=', clientKey)
      .where((eb) => eb.or([eb('locked_until', '>', now.toISOString()), eb('updated_at', '>', forgottenBefore(now))]))
      .executeTakeFirst();
    return row && { failures: row.failures, lockedUntil: row.locked_until };
  }

  /** Counts an attempt on a user name no account has (by its keyed hash) exactly as `takeAttempt` an account's. */
  async takeNameAttempt(
    nameKey: string,
    clientKey: string,
    now: Date,
    threshold: number,
    lockUntil: Date,
  ): Promise<FailureCount> {
    const at = now.toISOString();
    return atomic(this.db, async (trx) => {
      await trx
        .deleteFrom('unknown_name_failures')
        .where('updated_at', '<=', forgottenBefore(now))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
        .execute();
      const row = await trx
        .insertInto('unknown_name_failures')
        .values(firstAttempt(now, threshold, lockUntil, { name_key: nameKey, client_key: clientKey }))
        .onConflict((oc) =>
          oc
            .columns(['name_key', 'client_key'])
            .doUpdateSet(nextAttempt('unknown_name_failures', now, threshold, lockUntil)),
        )
        .returning(['failures', 'locked_until'])
        .executeTakeFirstOrThrow();
      return { failures: row.failures, lockedUntil: row.locked_until };
    });
  }

  async clearFailures(userId: string, clientKey: string): Promise<void> {
    await this.db
      .deleteFrom('login_failures')
      .where('user_id', '=', userId)
      .where('client_key', '=', clientKey)
      .execute();
  }

  /** Clears the account's failures from every client; returns how many clients had some. */
  async clearAllFailures(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('login_failures').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Accounts for the security administrator, with their authority: those whose user name or display name
   * contains `search`, or, without one, those with failed logins on record (not forgotten at `now`).
   */
  securityAccounts(search: string | null, now: Date, limit: number) {
    let q = this.db
      .selectFrom('users')
      .leftJoin('authorities', 'authorities.code', 'users.authority_code')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.authority_code',
        'authorities.name as authority_name',
        'authorities.require_totp',
        'users.totp_enabled_at',
        'users.totp_pending_secret',
      ]);
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(
        sql<boolean>`(users.username LIKE ${pattern} ESCAPE '\\' OR users.display_name LIKE ${pattern} ESCAPE '\\')`,
      );
    } else {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('login_failures')
            .select('login_failures.user_id')
            .whereRef('login_failures.user_id', '=', 'users.id')
            .where((f) =>
              f.or([
                f('login_failures.locked_until', '>', now.toISOString()),
                f('login_failures.updated_at', '>', forgottenBefore(now)),
              ]),
            ),
        ),
      );
    }
    return q.orderBy('users.username').limit(limit).execute();
  }

  /** The failures of these accounts per client not forgotten at `now`, the latest first. */
  failuresOf(userIds: string[], now: Date) {
    if (!userIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('login_failures')
      .select(['user_id', 'client_key', 'failures', 'locked_until', 'updated_at'])
      .where('user_id', 'in', userIds)
      .where((eb) => eb.or([eb('locked_until', '>', now.toISOString()), eb('updated_at', '>', forgottenBefore(now))]))
      .orderBy('updated_at', 'desc')
      .execute();
  }

  /** Adds one to a counter of fixed windows of `windowSeconds` and returns its value in the current window. */
  async bumpCounter(key: string, now: Date, windowSeconds: number): Promise<number> {
    const at = now.toISOString();
    const windowOver = sql<boolean>`attempt_counters.window_started_at <= ${new Date(now.getTime() - windowSeconds * 1000).toISOString()}`;
    return atomic(this.db, async (trx) => {
      await trx
        .deleteFrom('attempt_counters')
        .where('window_started_at', '<', new Date(now.getTime() - COUNTER_RETENTION_MS).toISOString())
        .execute();
      const row = await trx
        .insertInto('attempt_counters')
        .values({ key, count: 1, window_started_at: at })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`CASE WHEN ${windowOver} THEN 1 ELSE attempt_counters.count + 1 END`,
            window_started_at: sql<string>`CASE WHEN ${windowOver} THEN ${at} ELSE attempt_counters.window_started_at END`,
          }),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      return row.count;
    });
  }

  /** A counter's value in the current window (0 when its window is over). */
  async counter(key: string, now: Date, windowSeconds: number): Promise<number> {
    const row = await this.db
      .selectFrom('attempt_counters')
      .select('count')
      .where('key', '=', key)
      .where('window_started_at', '>', new Date(now.getTime() - windowSeconds * 1000).toISOString())
      .executeTakeFirst();
    return row?.count ?? 0;
  }

  async clearCounter(key: string): Promise<void> {
    await this.db.deleteFrom('attempt_counters').where('key', '=', key).execute();
  }

  /** Stores a captcha; expired ones are removed on the way. */
  async insertCaptcha(idHash: string, answerHash: string, expiresAt: Date, now: Date): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx.deleteFrom('captchas').where('expires_at', '<=', now.toISOString()).execute();
      await trx
        .insertInto('captchas')
        .values({ id_hash: idHash, answer_hash: answerHash, expires_at: expiresAt.toISOString() })
        .execute();
    });
  }

  /** Takes a captcha out (one use, right or wrong): its answer hash if it existed and had not expired. */
  async takeCaptcha(idHash: string, now: Date): Promise<string | null> {
    const row = await this.db
      .deleteFrom('captchas')
      .where('id_hash', '=', idHash)
      .returning(['answer_hash', 'expires_at'])
      .executeTakeFirst();
    return row && row.expires_at > now.toISOString() ? row.answer_hash : null;
  }

  /** Stores a challenge between password and second factor; expired ones are removed on the way. */
  async insertChallenge(idHash: string, userId: string, clientKey: string, expiresAt: Date, now: Date): Promise<void> {
    await this.db.deleteFrom('login_challenges').where('expires_at', '<=', now.toISOString()).execute();
    await this.db
      .insertInto('login_challenges')
      .values({
        id_hash: idHash,
        user_id: userId,
        client_key: clientKey,
        expires_at: expiresAt.toISOString(),
        created_at: now.toISOString(),
      })
      .execute();
  }

  findChallenge(idHash: string) {
    return this.db.selectFrom('login_challenges').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  }

  async deleteChallenge(idHash: string): Promise<void> {
    await this.db.deleteFrom('login_challenges').where('id_hash', '=', idHash).execute();
  }

  async recordLogin(userId: string, now: Date): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', userId).execute();
  }

  /** The enabled secret, decrypted; null when the user has no second factor. */
  async totpSecret(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.totp_secret && row.totp_enabled_at ? this.cipher.decrypt(row.totp_secret) : null;
  }

  /** A new pending secret replaces any earlier one; only while no factor is enabled. */
  async setPendingTotp(userId: string, secret: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ totp_pending_secret: this.cipher.encrypt(secret) })
      .where('id', '=', userId)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The pending secret, decrypted, with the stored value that `enableTotp` expects to find still pending. */
  async pendingTotp(userId: string): Promise<{ secret: string; stored: string } | null> {
    const row = await this.db
      .selectFrom('users')
      .select(['totp_pending_secret', 'totp_enabled_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row?.totp_pending_secret || row.totp_enabled_at) return null;
    return { secret: this.cipher.decrypt(row.totp_pending_secret), stored: row.totp_pending_secret };
  }

  /** Enables the pending secret, with the step of the code that confirmed it; only if it is still the one pending. */
  async enableTotp(userId: string, storedPending: string, step: number, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({
        totp_secret: storedPending,
        totp_pending_secret: null,
        totp_enabled_at: now.toISOString(),
        totp_last_step: step,
      })
      .where('id', '=', userId)
      .where('totp_pending_secret', '=', storedPending)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records the step of an accepted code; false when that step or a later one was used already (replay). */
  async acceptTotpStep(userId: string, step: number): Promise<boolean> {
    const row = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where('totp_enabled_at', 'is not', null)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Removes the second factor and its recovery codes; false when there was none, enabled or pending. */
  async resetTotp(userId: string): Promise<boolean> {
    return atomic(this.db, async (trx) => {
      const result = await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_enabled_at', 'is not', null), eb('totp_pending_secret', 'is not', null)]))
        .executeTakeFirst();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  async replaceRecoveryCodes(userId: string, codeHashes: string[], now: Date): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('recovery_codes')
        .values(
          codeHashes.map((code_hash) => ({
            id: randomUUID(),
            user_id: userId,
            code_hash,
            used_at: null,
            created_at: now.toISOString(),
          })),
        )
        .execute();
    });
  }

  /** Uses a recovery code (once): false when it is not one of the user's or was used already. */
  async useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const row = await this.db
      .updateTable('recovery_codes')
      .set({ used_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    const r = await this.db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
