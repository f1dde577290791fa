import type { CityPackageView } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';
import { loadRecommendingAuthority } from './steps/recommending-authorities.js';

/** One city's package in the selected batch: the city's own, or any city's for the province. */
export async function getPackage(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  batchId?: string,
): Promise<CityPackageView> {
  authorize(actor, 'package:read', { kind: 'package', authorityCode });
  const batch = await currentBatch(ctx, batchId);
  await loadRecommendingAuthority(ctx, batch, authorityCode);
  return loadCityPackage(ctx, batch, authorityCode);
}
