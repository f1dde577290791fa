import { batchConfigSchema, type BatchConfig } from '#contract';
import type { Db } from '../db/database.js';

export interface Batch {
  id: string;
  year: number;
  isDemo: boolean;
  label: string;
  config: BatchConfig;
}

/**
 * Batches, authorities and regions: the configuration the province maintains. Batches are read on
 * nearly every request and change only through this repository, so the parsed list is kept in memory
 * and dropped on every write.
 */
export class ReferenceRepository {
  private batches: Promise<Batch[]> | null = null;

  constructor(private readonly db: Db) {}

  /** Newest year first; within a year the official batch before its demo copy. */
  listBatches(): Promise<Batch[]> {
    this.batches ??= this.db
      .selectFrom('batches')
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('is_demo', 'asc')
      .execute()
      .then((rows) => rows.map(toBatch));
    return this.batches;
  }

  async findBatch(id: string): Promise<Batch | undefined> {
    return (await this.listBatches()).find((b) => b.id === id);
  }

  /** The official (non-demo) batch of a year, or the demo copy where no official one exists. */
  async findBatchByYear(year: number): Promise<Batch | undefined> {
    return (await this.listBatches()).find((b) => b.year === year);
  }

  async insertBatch(b: Batch, now: Date): Promise<void> {
    this.batches = null;
    await this.db
      .insertInto('batches')
      .values({
        id: b.id,
        year: b.year,
        is_demo: b.isDemo ? 1 : 0,
        label: b.label,
        config: JSON.stringify(b.config),
        created_at: now.toISOString(),
      })
      .execute();
    this.batches = null;
  }

  listAuthorities() {
    return this.db.selectFrom('authorities').selectAll().orderBy('sort_order').execute();
  }

  findAuthority(code: string) {
    return this.db.selectFrom('authorities').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async setRequireTotp(code: string, requireTotp: boolean): Promise<void> {
    await this.db
      .updateTable('authorities')
      .set({ require_totp: requireTotp ? 1 : 0 })
      .where('code', '=', code)
      .execute();
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
  return {
    id: row.id,
    year: row.year,
    isDemo: row.is_demo === 1,
    label: row.label,
    config: batchConfigSchema.parse(JSON.parse(row.config)),
  };
}
