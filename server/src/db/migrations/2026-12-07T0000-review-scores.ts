import type { Kysely } from 'kysely';

/**
 * Expert scoring (专家评审, issue 15 items 6–8): one score sheet per assignment (round × application × expert) with
 * its entries (JSON), opinion, total in hundredths of a point, status and version; every change of a sheet kept as
 * a version in its history (saved, submitted, reopened, with who and when); the province's decision per
 * application of a round (建议认定 / 不建议, with its reason).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_score_sheets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id'))
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  // One sheet per assignment: two first saves at once store one.
  await db.schema
    .createIndex('review_score_sheets_once')
    .unique()
    .on('review_score_sheets')
    .columns(['round_id', 'application_id', 'expert_id'])
    .execute();

  await db.schema
    .createTable('review_score_history')
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('review_score_sheets.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_score_history_pk', ['sheet_id', 'version'])
    .execute();

  await db.schema
    .createTable('review_decisions')
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_decisions_pk', ['round_id', 'application_id'])
    .execute();
}
