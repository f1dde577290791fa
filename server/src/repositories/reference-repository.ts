import { batchConfigSchema, type BatchConfig } from '../../../shared/src/index.js';
import type { Db } from '../db/database.js';

export interface Batch {
  id: string;
  year: number;
  isDemo: boolean;
  label: string;
  config: BatchConfig;
}

/** Batches, authorities and regions: the configuration the province maintains. */
export class ReferenceRepository {
  constructor(private readonly db: Db) {}

  async listBatches(): Promise<Batch[]> {
    const rows = await this.db.selectFrom('batches').selectAll().orderBy('year', 'desc').orderBy('is_demo', 'asc').execute();
    return rows.map(toBatch);
  }

  async findBatch(id: string): Promise<Batch | undefined> {
    const row = await this.db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toBatch(row);
  }

  /** The official (non-demo) batch of a year, or the demo copy where no official one exists. */
  async findBatchByYear(year: number): Promise<Batch | undefined> {
    const row = await this.db.selectFrom('batches').selectAll().where('year', '=', year).orderBy('is_demo', 'asc').executeTakeFirst();
    return row && toBatch(row);
  }

  async insertBatch(b: Batch, now: Date): Promise<void> {
    await this.db
      .insertInto('batches')
      .values({ id: b.id, year: b.year, is_demo: b.isDemo ? 1 : 0, label: b.label, config: JSON.stringify(b.config), created_at: now.toISOString() })
      .execute();
  }

  listAuthorities() {
    return this.db.selectFrom('authorities').selectAll().orderBy('sort_order').execute();
  }

  findAuthority(code: string) {
    return this.db.selectFrom('authorities').selectAll().where('code', '=', code).executeTakeFirst();
  }

  listRegions() {
    return this.db
      .selectFrom('regions')
      .innerJoin('authorities', 'authorities.code', 'regions.authority_code')
      .select(['regions.code', 'regions.name', 'regions.authority_code', 'authorities.name as authority_name'])
      .orderBy('regions.sort_order')
      .execute();
  }

  findRegion(code: string) {
    return this.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async isSeeded(): Promise<boolean> {
    return (await this.db.selectFrom('authorities').select('code').limit(1).executeTakeFirst()) !== undefined;
  }
}

function toBatch(row: { id: string; year: number; is_demo: number; label: string; config: string }): Batch {
  return { id: row.id, year: row.year, isDemo: row.is_demo === 1, label: row.label, config: batchConfigSchema.parse(JSON.parse(row.config)) };
}
