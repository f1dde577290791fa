import type { Kysely } from 'kysely';

/**
 * Review rounds (专家评审, issue 15): per batch, the applications under review (with the neutral label and group
 * the draw gave each), the settings and rubric (JSON), the dates, the draw's recorded seed and attempt and the
 * experts it drew from; the applicants' requested exclusions with the province's decision; the assignments
 * (round, group, expert, application; a replaced expert's rows kept with the reason); the experts' signed
 * 承诺书 / 回避声明 (time, address, text version).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('rubric', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('seed', 'text')
    .addColumn('draw_attempt', 'integer')
    .addColumn('draw_expert_ids', 'text')
    .addColumn('drawn_at', 'text')
    .addColumn('drawn_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_rounds_by_batch').on('review_rounds').columns(['batch_id', 'created_at']).execute();

  await db.schema
    .createTable('review_round_applications')
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('group_number', 'integer')
    .addColumn('label', 'text')
    .addPrimaryKeyConstraint('review_round_applications_pk', ['round_id', 'application_id'])
    .execute();
  await db.schema
    .createIndex('review_round_applications_by_label')
    .unique()
    .on('review_round_applications')
    .columns(['round_id', 'label'])
    .execute();

  await db.schema
    .createTable('review_exclusions')
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id'))
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_exclusions_pk', ['round_id', 'application_id', 'expert_id'])
    .execute();

  await db.schema
    .createTable('review_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('group_number', 'integer', (c) => c.notNull())
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text')
    .addColumn('replaced_reason', 'text')
    .execute();
  // An expert reviews an application once in a round: a double draw cannot store a second assignment.
  await db.schema
    .createIndex('review_assignments_once')
    .unique()
    .on('review_assignments')
    .columns(['round_id', 'expert_id', 'application_id'])
    .execute();
  await db.schema
    .createIndex('review_assignments_by_application')
    .on('review_assignments')
    .columns(['round_id', 'application_id'])
    .execute();

  await db.schema
    .createTable('review_pledges')
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id'))
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addPrimaryKeyConstraint('review_pledges_pk', ['round_id', 'expert_id'])
    .execute();
}
