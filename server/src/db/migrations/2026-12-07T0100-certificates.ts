import type { Kysely } from 'kysely';

/**
 * Certificates (issue 16 item 4): one per recognition, issued with 认定 — its number, the URL-safe key of the
 * verification address (2026-001), the signed form as issued (JSON) — and its revocation (the instant, the reason
 * and the published notice, who decided).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('recognition_id', 'text', (c) => c.primaryKey().references('recognitions.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('number_key', 'text', (c) => c.notNull().unique())
    .addColumn('signed', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revocation_reason', 'text')
    .addColumn('revocation_notice', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('certificates_by_revocation').on('certificates').columns(['revoked_at']).execute();
}
