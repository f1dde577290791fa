import type { Db } from '../db/database.js';
import { prepared } from '../db/prepared.js';

/** Read on every request: compiled once. */
const sessionWithUser = prepared((db: Db, { idHash }: { idHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('authorities', 'authorities.code', 'users.authority_code')
    .select([
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.unit_id',
      'users.authority_code',
      'users.must_change_password',
      'users.totp_enabled_at',
      'authorities.require_totp',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('users.disabled_at', 'is', null),
);

/** Server-side sessions; only the SHA-256 of the cookie value is stored. */
export class SessionRepository {
  constructor(private readonly db: Db) {}

  /** A new session, with the client's address and user agent at login. */
  async insert(
    idHash: string,
    userId: string,
    csrfToken: string,
    now: Date,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<void> {
    const at = now.toISOString();
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: idHash,
        user_id: userId,
        csrf_token: csrfToken,
        created_at: at,
        last_seen_at: at,
        ip: client.ip,
        user_agent: client.userAgent,
      })
      .execute();
  }

  /** The session with its user, in one query; a disabled user's session is no session. */
  async findWithUser(idHash: string) {
    return (await sessionWithUser(this.db, { idHash }))[0];
  }

  async touch(idHash: string, now: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a user, or every one but the session `exceptIdHash` (the one asking). */
  async deleteAllForUser(userId: string, exceptIdHash?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** A user's sessions, the most recently used first. */
  listForUser(userId: string) {
    return this.db
      .selectFrom('sessions')
      .select(['id_hash', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .orderBy('last_seen_at', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Ends one session of a user; false when it is not theirs or already gone. */
  async deleteOfUser(userId: string, idHash: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Removes sessions idle since `idleCutoff` or opened before `openedCutoff`; returns how many. */
  async deleteExpired(idleCutoff: Date, openedCutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([eb('last_seen_at', '<', idleCutoff.toISOString()), eb('created_at', '<', openedCutoff.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
