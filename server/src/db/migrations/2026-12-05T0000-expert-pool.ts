import type { Kysely } from 'kysely';

/**
 * The province's expert pool (专家库, issue 15): each expert's unit, city, fields, contact (the phone encrypted
 * like every phone) and declared relations (JSON: kind, counterpart name/USCC, until), active or not. A sign-in
 * account of role `expert` names its expert (`users.expert_id`, one account per expert).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('experts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_uscc', 'text')
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('relations', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('expert_id', 'text', (c) => c.references('experts.id'))
    .execute();
  await db.schema.createIndex('users_by_expert').unique().on('users').column('expert_id').execute();
}
