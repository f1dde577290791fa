import type { Insertable, Selectable } from 'kysely';
import { atomic, type Db } from '../db/database.js';
import type { UnitTable, UserTable } from '../db/schema.js';

export type UserRow = Selectable<UserTable>;
export type UnitRow = Selectable<UnitTable>;

export class UserRepository {
  constructor(private readonly db: Db) {}

  findByUsername(username: string) {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(id: string) {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findUnitByUscc(uscc: string) {
    return this.db.selectFrom('units').selectAll().where('uscc', '=', uscc).executeTakeFirst();
  }

  findUnit(id: string) {
    return this.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Creates a unit and its one applicant account atomically. */
  async insertUnitWithUser(unit: Insertable<UnitTable>, user: Insertable<UserTable>): Promise<void> {
    await atomic(this.db, async (trx) => {
      await trx.insertInto('units').values(unit).execute();
      await trx.insertInto('users').values(user).execute();
    });
  }

  async insertUser(user: Insertable<UserTable>): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  async setLoginFailures(id: string, failedLogins: number, lockedUntil: string | null): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: failedLogins, locked_until: lockedUntil }).where('id', '=', id).execute();
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
    const rows = await this.db.selectFrom('application_views').select(['application_id', 'viewed_at']).where('user_id', '=', userId).execute();
    return new Map(rows.map((r) => [r.application_id, r.viewed_at]));
  }

  async countByRole(role: UserRow['role']): Promise<number> {
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', role).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
