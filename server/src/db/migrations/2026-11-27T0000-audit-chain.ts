import { sql, type Kysely } from 'kysely';
import { chainHash, GENESIS_HASH, type ChainedEntry } from '../../audit/audit-chain.js';

const PAGE_SIZE = 1000;

/**
 * Makes the audit log a hash chain (audit/audit-chain.ts): `seq` and `hash` on every entry, and the
 * chain's head in `audit_head`. Existing entries are chained in (at, id) order. SQLite cannot add a NOT
 * NULL column without a default to a table with rows, so `seq` is added nullable, filled, then made
 * unique; the verifier reports any entry left without one. All of it in one transaction, so a failed
 * backfill leaves the log as it was.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await (db.isTransaction ? chainExisting(db) : db.transaction().execute(chainExisting));
}

async function chainExisting(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addCheckConstraint('audit_head_single_row', sql`id = 1`)
    .execute();

  let seq = 0;
  let hash = GENESIS_HASH;
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let page = db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_user_id', 'actor_name', 'ip', 'action', 'target_type', 'target_id', 'detail'])
      .$castTo<Omit<ChainedEntry, 'seq'>>()
      .orderBy('at')
      .orderBy('id')
      .limit(PAGE_SIZE);
    if (after) {
      const { at, id } = after;
      page = page.where((eb) => eb.and([eb('at', '>=', at), eb.or([eb('at', '>', at), eb('id', '>', id)])]));
    }
    const rows = await page.execute();
    for (const row of rows) {
      seq += 1;
      hash = chainHash(hash, { ...row, seq });
      await db.updateTable('audit_log').set({ seq, hash }).where('id', '=', row.id).execute();
    }
    if (rows.length < PAGE_SIZE) break;
    after = rows[rows.length - 1]!;
  }

  await db.schema.createIndex('audit_log_seq').unique().on('audit_log').column('seq').execute();
  await db.insertInto('audit_head').values({ id: 1, seq, hash }).execute();
}
