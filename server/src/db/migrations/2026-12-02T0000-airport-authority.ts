import { sql, type Kysely } from 'kysely';

/**
 * 郑州航空港经济综合实验区 as a recommending authority of its own (code 410100-HKQ, like its region), after
 * the cities: a batch may route 航空港区 directly instead of through 郑州. Its region keeps 郑州 as its
 * default authority. Databases seeded before get the row; an empty database gets it from the seed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO authorities (code, name, kind, sort_order)
            SELECT '410100-HKQ', '郑州航空港经济综合实验区', 'city', MAX(sort_order) + 1 FROM authorities
            HAVING COUNT(*) > 0 AND NOT EXISTS (SELECT 1 FROM authorities WHERE code = '410100-HKQ')`.execute(db);
}
