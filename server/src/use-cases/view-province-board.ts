import type { ProvinceBoard } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentProvinceBoard } from '../presenters/city-package.js';
import type { Context } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackages } from './loaders/city-package.js';
import { listDuplicateGroups } from './loaders/duplicate-groups.js';
import { loadRecommendingAuthorities } from './steps/recommending-authorities.js';

/**
 * The province's receipt board of one batch: every authority recommending in it (its routing decides whether
 * 航空港区 is one) with its package state, channel counts, quota use and receipt time.
 */
export async function viewProvinceBoard(ctx: Context, actor: Actor | null, batchId?: string): Promise<ProvinceBoard> {
  authorize(actor, 'board:read');
  const batch = await currentBatch(ctx, batchId);
  const cities = await loadRecommendingAuthorities(ctx, batch);
  const [packages, duplicates] = await Promise.all([
    loadCityPackages(ctx, batch, cities),
    listDuplicateGroups(ctx, batch.id),
  ]);
  return presentProvinceBoard(batch, packages, duplicates);
}
