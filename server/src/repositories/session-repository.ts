import type { Db } from '../db/database.js';

/** Server-side sessions; only the SHA-256 of the cookie value is stored. */
export class SessionRepository {
  constructor(private readonly db: Db) {}

  async insert(idHash: string, userId: string, csrfToken: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.db.insertInto('sessions').values({ id_hash: idHash, user_id: userId, csrf_token: csrfToken, created_at: at, last_seen_at: at }).execute();
  }

  /** The session with its user, in one query. */
  findWithUser(idHash: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.csrf_token',
        'sessions.last_seen_at',
        'users.id as user_id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.unit_id',
        'users.authority_code',
      ])
      .where('sessions.id_hash', '=', idHash)
      .executeTakeFirst();
  }

  async touch(idHash: string, now: Date): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteIdleSince(cutoff: Date): Promise<void> {
    await this.db.deleteFrom('sessions').where('last_seen_at', '<', cutoff.toISOString()).execute();
  }
}
