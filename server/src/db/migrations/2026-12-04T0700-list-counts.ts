import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Costs that grow with the page, not the batch:
 *
 * - `application_counts`: how many applications each (batch, authority, status) has, kept by triggers on every
 *   insert, delete and change of those columns, in the same transaction as the change. The lists' per-status counts
 *   read a few rows of it instead of counting the batch. On PostgreSQL a change of status moves one from one row to
 *   another in one statement, rows taken in key order, so two changes cannot wait for each other's rows in a cycle.
 *   Every use case changes an application's status before it appends its audit entry, so the count rows are always
 *   taken before the audit head (docs/pitfalls.md).
 * - The lists' order indexes also carry the status, and the name-key index too: the page's ids, a deep page's
 *   skipped entries and the duplicate groups are read from the index alone, never from the rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_counts')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('authority_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_counts_pk', ['batch_id', 'authority_code', 'status'])
    .execute();
  await sql`insert into application_counts (batch_id, authority_code, status, n)
    select batch_id, authority_code, status, count(*) from applications group by batch_id, authority_code, status`.execute(
    db,
  );
  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresTriggers(db);
  else await sqliteTriggers(db);

  for (const [name, columns] of [
    ['applications_batch_submitted', ['batch_id', 'submitted_at', 'id', 'status']],
    ['applications_batch_authority_submitted', ['batch_id', 'authority_code', 'submitted_at', 'id', 'status']],
    ['applications_batch_name_key', ['batch_id', 'platform_name_key', 'status']],
  ] as const) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('applications').columns([...columns]).execute();
  }
}

const changed = (old: string, now: string) =>
  `${old}.batch_id is not ${now}.batch_id or ${old}.authority_code is not ${now}.authority_code or ${old}.status is not ${now}.status`;

async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  const add = (row: string) => `insert into application_counts (batch_id, authority_code, status, n)
      values (${row}.batch_id, ${row}.authority_code, ${row}.status, 1)
      on conflict (batch_id, authority_code, status) do update set n = n + 1;`;
  const remove = (row: string) => `update application_counts set n = n - 1
      where batch_id = ${row}.batch_id and authority_code = ${row}.authority_code and status = ${row}.status;`;
  await sql.raw(`create trigger application_counts_insert after insert on applications begin ${add('new')} end`).execute(db);
  await sql.raw(`create trigger application_counts_delete after delete on applications begin ${remove('old')} end`).execute(db);
  await sql
    .raw(
      `create trigger application_counts_update after update of batch_id, authority_code, status on applications
      when ${changed('old', 'new')} begin ${remove('old')} ${add('new')} end`,
    )
    .execute(db);
}

async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function application_counts_track() returns trigger language plpgsql as $$
      begin
        insert into application_counts (batch_id, authority_code, status, n)
        select c.batch_id, c.authority_code, c.status, c.n from (
          select old.batch_id, old.authority_code, old.status, -1 where tg_op in ('UPDATE', 'DELETE')
          union all
          select new.batch_id, new.authority_code, new.status, 1 where tg_op in ('UPDATE', 'INSERT')
        ) as c (batch_id, authority_code, status, n)
        order by c.batch_id, c.authority_code, c.status
        on conflict (batch_id, authority_code, status) do update set n = application_counts.n + excluded.n;
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger application_counts_insert_delete after insert or delete on applications
      for each row execute function application_counts_track()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger application_counts_update after update of batch_id, authority_code, status on applications
      for each row when (${changed('old', 'new').replaceAll(' is not ', ' is distinct from ')})
      execute function application_counts_track()`,
    )
    .execute(db);
}
