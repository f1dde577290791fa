import { recommendingAuthorities } from '../../domain/routing.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';

/** The authorities that recommend in the batch (its routing applied to every region), in their sort order. */
export async function loadRecommendingAuthorities(ctx: Context, batch: Batch) {
  const [authorities, regions] = await Promise.all([ctx.references.listAuthorities(), ctx.references.listRegions()]);
  return recommendingAuthorities(batch.config.routing, regions, authorities);
}
