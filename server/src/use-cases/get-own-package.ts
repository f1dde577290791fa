import type { CityPackageView } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';
import { loadRecommendingAuthority } from './steps/recommending-authorities.js';

/** The signed-in city's own package in the selected batch. */
export async function getOwnPackage(ctx: Context, actor: Actor | null, batchId?: string): Promise<CityPackageView> {
  authorize(actor, 'package:own');
  const batch = await currentBatch(ctx, batchId);
  await loadRecommendingAuthority(ctx, batch, actor.authorityCode!);
  return loadCityPackage(ctx, batch, actor.authorityCode!);
}
