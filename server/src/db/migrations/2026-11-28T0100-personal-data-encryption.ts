import type { Kysely } from 'kysely';

/** Placeholder filled by the personal-data encryption work (SM4 at rest). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
