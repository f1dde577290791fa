import { isWithinDeadline } from '../../domain/deadline.js';
import type { Batch } from '../../repositories/reference-repository.js';

/** A batch takes applications until its application (or, failing that, city) deadline, inclusive to the second. */
export function isBatchOpen(batch: Batch, now: Date): boolean {
  return isWithinDeadline(now, batch.config.applicationDeadline ?? batch.config.cityDeadline, null);
}
