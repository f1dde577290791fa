import { reviewableStatuses } from '#contract';
import { findDuplicates } from '../../domain/duplicates.js';
import type { Context } from '../context.js';

/**
 * For each submitted application of the batch that looks like another one (domain/duplicates.ts), the others:
 * judged over the few candidates the database finds by their USCC or platform name key, not over every form.
 */
export async function findBatchDuplicates(ctx: Context, batchId: string): Promise<Map<string, string[]>> {
  const candidates = await ctx.applications.listDuplicateCandidates(batchId, reviewableStatuses);
  return findDuplicates(candidates.map((c) => ({ id: c.id, uscc: c.uscc, platformName: c.platform_name_key })));
}

/** For the applications `ids` of the batch (one page of a list), the others that look like the same platform. */
export async function findDuplicatesOf(
  ctx: Context,
  batchId: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const pairs = await ctx.applications.listDuplicatesOf(batchId, reviewableStatuses, ids);
  const result = new Map<string, string[]>();
  for (const p of pairs) result.set(p.id, [...(result.get(p.id) ?? []), p.other_id]);
  return result;
}
