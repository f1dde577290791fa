import type { AdminBatchView } from '#contract';
import type { AdministeredBatch } from '../repositories/reference-repository.js';

/** A batch as the system administrator sees it. */
export function presentAdminBatch(b: AdministeredBatch): AdminBatchView {
  return {
    id: b.id,
    year: b.year,
    isDemo: b.isDemo,
    label: b.label,
    status: b.status,
    version: b.version,
    createdAt: b.createdAt,
    publishedAt: b.publishedAt,
    config: b.config,
  };
}
