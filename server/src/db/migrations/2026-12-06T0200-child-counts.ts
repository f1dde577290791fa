import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * How many roster rows and institutions an application has, beside it: the officials' list judges each row of its
 * page by the rules, which need both counts, and counting them per row was most of the page's cost. Kept by triggers
 * on `roster_rows` and `institutions` in the same transaction as the rows, whichever way they are written.
 */
const CHILDREN = [
  { table: 'roster_rows', column: 'roster_count' },
  { table: 'institutions', column: 'institution_count' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const { table, column } of CHILDREN) {
    await db.schema
      .alterTable('applications')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql
      .raw(
        `update applications set ${column} = (select count(*) from ${table} where ${table}.application_id = applications.id)`,
      )
      .execute(db);
    const step = (row: string, by: string) =>
      `update applications set ${column} = ${column} ${by} where id = ${row}.application_id;`;
    if (postgres) {
      await sql
        .raw(
          `create function ${column}_track() returns trigger language plpgsql as $$
          begin
            if tg_op in ('UPDATE', 'DELETE') then ${step('old', '- 1')} end if;
            if tg_op in ('UPDATE', 'INSERT') then ${step('new', '+ 1')} end if;
            return null;
          end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${column}_track after insert or delete or update of application_id on ${table}
          for each row execute function ${column}_track()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(`create trigger ${column}_insert after insert on ${table} begin ${step('new', '+ 1')} end`)
        .execute(db);
      await sql
        .raw(`create trigger ${column}_delete after delete on ${table} begin ${step('old', '- 1')} end`)
        .execute(db);
      await sql
        .raw(
          `create trigger ${column}_move after update of application_id on ${table} begin
          ${step('old', '- 1')} ${step('new', '+ 1')} end`,
        )
        .execute(db);
    }
  }
}
