import type { Selectable } from 'kysely';
import { batchConfigSchema, type BatchConfig, type BatchStatus } from '#contract';
import type { Db } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import type { BatchTable } from '../db/schema.js';

export interface Batch {
  id: string;
  year: number;
  isDemo: boolean;
  label: string;
  config: BatchConfig;
}

/** The batch cache's key (`batchGeneration` below), read before every use of the batches: compiled once. */
const batchGeneration = prepared((db: Db, _: Record<string, never>) =>
  db
    .selectFrom('batches')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('version').as('versions')]),
);

/** A batch with its administration: status, version and dates. */
export interface AdministeredBatch extends Batch {
  status: BatchStatus;
  version: number;
  createdAt: string;
  publishedAt: string | null;
}

/**
 * Batches, authorities and regions: the configuration the province maintains. Batches are read on
 * nearly every request, so the parsed list is kept in memory with the generation it was read at; every
 * read first asks the database for the current generation (one small query) and reads the list again
 * when it changed — written by this process or by another on the same database, in a transaction or not.
 *
 * Every reader but batch administration sees published batches only: `listBatches`, `findBatch` and
 * `findBatchByYear` leave batches in preparation out, `listAllBatches` and `findAnyBatch` do not.
 */
export class ReferenceRepository {
  private cached: { generation: string; batches: Promise<AdministeredBatch[]> } | null = null;

  constructor(private readonly db: Db) {}

  /** Every batch, any status; newest year first, within a year the official batch before its demo copy. */
  async listAllBatches(): Promise<AdministeredBatch[]> {
    const generation = await this.batchGeneration();
    if (this.cached?.generation === generation) return this.cached.batches;
    const batches = this.db
      .selectFrom('batches')
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('is_demo', 'asc')
      .orderBy('created_at', 'desc')
      .execute()
      .then((rows) => rows.map(toBatch));
    const entry = { generation, batches };
    this.cached = entry;
    batches.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return batches;
  }

  /**
   * Changes whenever a batch is written: a new batch adds a row, every change raises its version by one
   * (`updateBatch`), and none is ever deleted, so the pair of count and sum of versions never repeats. Read
   * after a write's commit, it shows the write; a list read after it is at least as new.
   */
  private async batchGeneration(): Promise<string> {
    const [row] = await batchGeneration(this.db, {});
    return `${row!.n}:${row!.versions ?? 0}`;
  }

  /** Published batches, in the order of `listAllBatches`. */
  async listBatches(): Promise<Batch[]> {
    return (await this.listAllBatches()).filter((b) => b.status === 'published');
  }

  async findBatch(id: string): Promise<Batch | undefined> {
    return (await this.listBatches()).find((b) => b.id === id);
  }

  async findAnyBatch(id: string): Promise<AdministeredBatch | undefined> {
    return (await this.listAllBatches()).find((b) => b.id === id);
  }

  /** The official (non-demo) batch of a year, or the demo copy where no official one exists. */
  async findBatchByYear(year: number): Promise<Batch | undefined> {
    return (await this.listBatches()).find((b) => b.year === year);
  }

  /** A published batch (seeding), or with `status: 'preparation'` a new one for the administrator. */
  async insertBatch(b: Batch, now: Date, status: BatchStatus = 'published'): Promise<void> {
    await this.db
      .insertInto('batches')
      .values({
        id: b.id,
        year: b.year,
        is_demo: b.isDemo ? 1 : 0,
        label: b.label,
        config: JSON.stringify(b.config),
        created_at: now.toISOString(),
        status,
        version: 1,
        published_at: status === 'published' ? now.toISOString() : null,
      })
      .execute();
  }

  /**
   * Replaces a batch's label, configuration and status if it is still at `expectedVersion`, raising the
   * version; false when another change came first.
   */
  async updateBatch(
    id: string,
    expectedVersion: number,
    change: { label: string; config: BatchConfig; status: BatchStatus; publishedAt: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('batches')
      .set({
        label: change.label,
        config: JSON.stringify(change.config),
        status: change.status,
        published_at: change.publishedAt,
        version: expectedVersion + 1,
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
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

function toBatch(row: Selectable<BatchTable>): AdministeredBatch {
  return {
    id: row.id,
    year: row.year,
    isDemo: row.is_demo === 1,
    label: row.label,
    config: batchConfigSchema.parse(JSON.parse(row.config)),
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    publishedAt: row.published_at,
  };
}
