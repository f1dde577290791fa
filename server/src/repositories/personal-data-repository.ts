import { sql, type RawBuilder } from 'kysely';
import { ENCRYPTED_PREFIX, type PersonalDataCipher } from '../crypto/personal-data.js';
import type { Db } from '../db/database.js';
import { ENCRYPTED_COLUMNS, mapJsonFields, type EncryptedColumn } from './personal-fields.js';

/**
 * Which values a pass encrypts: those still in clear (the start-up step), or every one not encrypted
 * with the current key (re-encryption after a new key was put first in DATA_KEY).
 */
export type EncryptionPass = 'plaintext' | 'rekey';

export interface EncryptedPage {
  /** Rows whose value was rewritten. */
  changed: number;
  /** The primary key of the page's last row, where the next page starts; null when the column is done. */
  last: unknown[] | null;
}

/** The key registry and the passes over every encrypted column (see personal-fields.ts). */
export class PersonalDataRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: PersonalDataCipher,
  ) {}

  listKeys() {
    return this.db.selectFrom('data_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  async recordKey(id: string, checkValue: string, at: Date): Promise<void> {
    await this.db
      .insertInto('data_keys')
      .values({ id, check_value: checkValue, created_at: at.toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async forgetKey(id: string): Promise<void> {
    await this.db.deleteFrom('data_keys').where('id', '=', id).execute();
  }

  /**
   * Rewrites the database file without free space: values deleted or overwritten before `secure_delete`
   * was on (phones in clear, before encryption at rest) do not linger in freed pages. Outside any transaction.
   */
  async compact(): Promise<void> {
    await sql`vacuum`.execute(this.db);
  }

  /** How many rows hold a value encrypted with `keyId` (key ids are letters, digits and '-': nothing to escape in LIKE). */
  async countUsing(keyId: string): Promise<number> {
    let n = 0;
    for (const column of ENCRYPTED_COLUMNS) {
      const r = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(column.table)} where ${anyFieldStartsWith(column, `${ENCRYPTED_PREFIX}${keyId}:`)}`.execute(
        this.db,
      );
      n += Number(r.rows[0]?.n ?? 0);
    }
    return n;
  }

  /**
   * One page of a pass over `column`: at most `limit` rows after the key `after` (in primary-key order)
   * that may hold a value the pass rewrites, each rewritten only if it still holds what was read (a
   * concurrent writer wins). Call it in a transaction with the audit entry of the page.
   */
  async encryptPage(
    column: EncryptedColumn,
    pass: EncryptionPass,
    after: unknown[] | null,
    limit: number,
  ): Promise<EncryptedPage> {
    const value = sql.ref(column.column);
    const keys = sql.join(column.key.map((k) => sql.ref(k)));
    const done = pass === 'plaintext' ? ENCRYPTED_PREFIX : `${ENCRYPTED_PREFIX}${this.cipher.currentKeyId}:`;
    const start = after ? sql`and (${keys}) > (${sql.join(after)})` : sql``;
    const rows = (
      await sql<Record<string, unknown>>`select ${keys}, ${value} as value from ${sql.table(column.table)}
        where ${value} is not null and not (${everyFieldStartsWith(column, done)}) ${start}
        order by ${keys} limit ${limit}`.execute(this.db)
    ).rows;
    const rewrite = (v: string) => {
      if (pass === 'plaintext') return v.startsWith(ENCRYPTED_PREFIX) ? v : this.cipher.encrypt(v);
      if (this.cipher.isCurrent(v)) return v;
      return this.cipher.encrypt(v.startsWith(ENCRYPTED_PREFIX) ? this.cipher.decrypt(v) : v);
    };
    let changed = 0;
    for (const row of rows) {
      const old = row.value as string;
      const next = column.fields ? mapJsonFields(old, column.fields, rewrite) : rewrite(old);
      if (next === old) continue;
      const matches = sql.join(
        column.key.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
        sql` and `,
      );
      const r =
        await sql`update ${sql.table(column.table)} set ${value} = ${next} where ${matches} and ${value} = ${old}`.execute(
          this.db,
        );
      changed += Number(r.numAffectedRows ?? 0);
    }
    const last = rows.length === limit ? column.key.map((k) => rows[rows.length - 1]![k]) : null;
    return { changed, last };
  }
}

/**
 * The condition that the column's value (a text column) or every encrypted field in it (a JSON
 * column, as JSON.stringify writes it) starts with `prefix`. Exact for text columns; for JSON columns a
 * filter whose matches are then checked field by field.
 */
function everyFieldStartsWith(column: EncryptedColumn, prefix: string): RawBuilder<unknown> {
  const value = sql.ref(column.column);
  if (!column.fields) return sql`substr(${value}, 1, ${prefix.length}) = ${prefix}`;
  return sql.join(
    column.fields.map((f) => sql`${value} like ${`%"${f[f.length - 1]}":"${prefix}%`}`),
    sql` and `,
  );
}

function anyFieldStartsWith(column: EncryptedColumn, prefix: string): RawBuilder<unknown> {
  const value = sql.ref(column.column);
  if (!column.fields) return sql`substr(${value}, 1, ${prefix.length}) = ${prefix}`;
  return sql.join(
    column.fields.map((f) => sql`${value} like ${`%"${f[f.length - 1]}":"${prefix}%`}`),
    sql` or `,
  );
}
