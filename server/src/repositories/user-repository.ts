import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import type { PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, type Db } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import type { Database, UnitTable, UserTable } from '../db/schema.js';

export type UserRow = Selectable<UserTable>;
export type UnitRow = Selectable<UnitTable>;

/** Read on every visit of the applicant's home: compiled once. */
const unitById = prepared((db: Db, { id }: { id: string }) => db.selectFrom('units').selectAll().where('id', '=', id));

/** Units' contact phones are stored encrypted (personal-fields.ts): written encrypted, read decrypted. */
export class UserRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private readonly plainUnit = (unit: UnitRow | undefined): UnitRow | undefined =>
    unit && { ...unit, contact_phone: this.cipher.decrypt(unit.contact_phone) };

  findByUsername(username: string) {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(id: string) {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findUnitByUscc(uscc: string) {
    return this.plainUnit(await this.db.selectFrom('units').selectAll().where('uscc', '=', uscc).executeTakeFirst());
  }

  async findUnit(id: string) {
    return this.plainUnit((await unitById(this.db, { id }))[0]);
  }

  /** Creates a unit and its one applicant account atomically. */
  async insertUnitWithUser(unit: Insertable<UnitTable>, user: Insertable<UserTable>): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx
        .insertInto('units')
        .values({ ...unit, contact_phone: this.cipher.encrypt(unit.contact_phone) })
        .execute();
      await trx.insertInto('users').values(user).execute();
    });
  }

  async insertUser(user: Insertable<UserTable>): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  /** Records that an official opened an application. */
  async recordView(userId: string, applicationId: string, at: Date): Promise<void> {
    await this.db
      .insertInto('application_views')
      .values({ user_id: userId, application_id: applicationId, viewed_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'application_id']).doUpdateSet({ viewed_at: at.toISOString() }))
      .execute();
  }

  async listViews(userId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('application_views')
      .select(['application_id', 'viewed_at'])
      .where('user_id', '=', userId)
      .execute();
    return new Map(rows.map((r) => [r.application_id, r.viewed_at]));
  }

  /**
   * Officials' and administrators' accounts (applicants are their cities' business) with their authority's
   * name and whether a lock holds at `now`, on the account or on one of the clients it was tried from.
   */
  listAccounts(now: Date) {
    return this.accounts(now)
      .where('users.role', '!=', 'applicant')
      .orderBy('authorities.sort_order')
      .orderBy('users.username')
      .execute();
  }

  /** One account as `listAccounts` shows it, whatever its role. */
  findAccount(id: string, now: Date) {
    return this.accounts(now).where('users.id', '=', id).executeTakeFirst();
  }

  private accounts(now: Date) {
    return this.db
      .selectFrom('users')
      .leftJoin('authorities', 'authorities.code', 'users.authority_code')
      .select((eb) => [
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.authority_code',
        'authorities.name as authority_name',
        'users.disabled_at',
        'users.must_change_password',
        'users.last_login_at',
        'users.created_at',
        lockedAt(eb, now).as('locked'),
      ]);
  }

  /** Whether a lock holds at `now` on the account or on one of the clients it was tried from. */
  async isLocked(userId: string, now: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => lockedAt(eb, now).as('locked'))
      .where('users.id', '=', userId)
      .executeTakeFirst();
    return Boolean(row?.locked);
  }

  /** The applicant account of a unit (one per unit). */
  findApplicantOfUnit(unitId: string) {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('role', '=', 'applicant')
      .executeTakeFirst();
  }

  /** The hashes of the `count` passwords a user had before the current one, newest first. */
  async recentPasswordHashes(userId: string, count: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('seq', 'desc')
      .limit(count)
      .execute();
    return rows.map((r) => r.password_hash);
  }

  /**
   * Replaces a password only while it is still `expectedHash`, so of two concurrent changes or resets one
   * wins and the other changes nothing (false). The replaced hash joins the history, which keeps the last
   * `historyKept` entries.
   */
  async replacePassword(
    userId: string,
    expectedHash: string,
    change: { passwordHash: string; mustChange: boolean; historyKept: number },
    now: Date,
  ): Promise<boolean> {
    const at = now.toISOString();
    return atomic(this.db, async (trx) => {
      const updated = await trx
        .updateTable('users')
        .set({
          password_hash: change.passwordHash,
          must_change_password: change.mustChange ? 1 : 0,
          password_changed_at: at,
        })
        .where('id', '=', userId)
        .where('password_hash', '=', expectedHash)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      const last = await trx
        .selectFrom('password_history')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      await trx
        .insertInto('password_history')
        .values({ id: randomUUID(), user_id: userId, password_hash: expectedHash, created_at: at, seq })
        .execute();
      await trx
        .deleteFrom('password_history')
        .where('user_id', '=', userId)
        .where('seq', '<=', seq - change.historyKept)
        .execute();
      return true;
    });
  }

  /** Disables (a time) or enables (null) an account; false when it already was in that state. */
  async setDisabled(userId: string, disabledAt: Date | null): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ disabled_at: disabledAt?.toISOString() ?? null })
      .where('id', '=', userId)
      .where('disabled_at', disabledAt ? 'is' : 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The unit's contact person, who holds its applicant account. */
  async updateUnitContact(unitId: string, contactName: string, contactPhone: string): Promise<void> {
    await this.db
      .updateTable('units')
      .set({ contact_name: contactName, contact_phone: this.cipher.encrypt(contactPhone) })
      .where('id', '=', unitId)
      .execute();
  }
}

/** True when a client the user's account was tried from is locked at `now`. */
function lockedAt(eb: ExpressionBuilder<Database, 'users'>, now: Date) {
  return eb.exists(
    eb
      .selectFrom('login_failures')
      .select('login_failures.user_id')
      .whereRef('login_failures.user_id', '=', 'users.id')
      .where('login_failures.locked_until', '>', now.toISOString()),
  );
}
