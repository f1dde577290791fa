import type { Kysely } from 'kysely';

/**
 * What the officials' list filters, searches and sorts on, kept beside the form so that the list is one indexed
 * query with LIMIT/OFFSET instead of parsing every form of the batch: the channel (`quota` when the form names
 * none), the categories as `,a,b,` (so that one category is a LIKE '%,a,%') and the platform name as written.
 * Existing rows are filled from their forms, a chunk at a time. And the audit log's filters get their indexes.
 */
export const listColumnsOf = (form: string) => {
  const f = JSON.parse(form) as { channel?: unknown; categories?: unknown; platformName?: unknown };
  const categories = Array.isArray(f.categories) ? f.categories.filter((c) => typeof c === 'string') : [];
  return {
    channel: typeof f.channel === 'string' ? f.channel : 'quota',
    categories: categories.length ? `,${categories.join(',')},` : '',
    platform_name: typeof f.platformName === 'string' ? f.platformName : '',
  };
};

const CHUNK = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('applications')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('quota'))
    .execute();
  await db.schema
    .alterTable('applications')
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('applications')
    .addColumn('platform_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  let after = '';
  for (;;) {
    const rows: { id: string; form: string }[] = await db
      .selectFrom('applications')
      .select(['id', 'form'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    for (const row of rows)
      await db.updateTable('applications').set(listColumnsOf(row.form)).where('id', '=', row.id).execute();
    if (rows.length < CHUNK) break;
    after = rows.at(-1)!.id;
  }
  // The audit log's page, newest first, of one action, one actor or one target (days use audit_log_at).
  for (const column of ['action', 'actor_name', 'target_id'])
    await db.schema
      .createIndex(`audit_log_${column}_seq`)
      .on('audit_log')
      .columns([column, 'seq'])
      .execute();
}
