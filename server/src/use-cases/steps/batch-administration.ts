import type { BatchConfig, FieldError } from '#contract';
import { validateBatchConfig } from '../../domain/batch-validation.js';
import { AppError } from '../../domain/errors.js';
import type { AdministeredBatch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';

/**
 * The batch as stored now, read inside the unit of work (the transaction's repository has no cached
 * list), at the version the administrator's change was made on.
 */
export async function batchAtVersion(tx: Context, id: string, version: number): Promise<AdministeredBatch> {
  const batch = await tx.references.findAnyBatch(id);
  if (!batch) throw new AppError('BATCH_NOT_FOUND');
  if (batch.version !== version) throw new AppError('BATCH_CHANGED');
  return batch;
}

export function invalidBatch(errors: FieldError[]): AppError {
  return new AppError('BATCH_INVALID', errors[0]?.message, { errors });
}

/** Refuses a configuration with any error (all of them named), and a year another official batch has. */
export async function assertPublishable(
  tx: Context,
  batch: { id: string; year: number; isDemo: boolean; config: BatchConfig },
): Promise<void> {
  const [authorities, regions, batches] = await Promise.all([
    tx.references.listAuthorities(),
    tx.references.listRegions(),
    tx.references.listAllBatches(),
  ]);
  const errors = validateBatchConfig(batch.config, { authorities, regions });
  const taken = batches.find(
    (b) => b.id !== batch.id && b.year === batch.year && !b.isDemo && !batch.isDemo && b.status === 'published',
  );
  if (taken)
    errors.unshift({ field: 'year', message: `年度：${batch.year}年度已有已发布的正式批次（${taken.label}）` });
  if (errors.length > 0) throw invalidBatch(errors);
}

/**
 * Saves an amendment of a published batch (a later deadline, a wording correction) with its entry in the
 * change list every user of the batch sees, if the batch is still at `version`.
 */
export async function savePublishedAmendment(
  tx: Context,
  batch: AdministeredBatch,
  version: number,
  amended: { label: string; config: BatchConfig },
  change: { at: Date; kind: 'deadline' | 'wording'; summary: string },
): Promise<void> {
  const saved = await tx.references.updateBatch(batch.id, version, {
    label: amended.label,
    config: {
      ...amended.config,
      changes: [...batch.config.changes, { at: change.at.toISOString(), kind: change.kind, summary: change.summary }],
    },
    status: 'published',
    publishedAt: batch.publishedAt,
  });
  if (!saved) throw new AppError('BATCH_CHANGED');
}
