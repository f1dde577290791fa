import type { ProvinceBoard } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentProvinceBoard } from '../presenters/city-package.js';
import type { Context } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { loadCityPackage } from './loaders/city-package.js';
import { listDuplicateGroups } from './loaders/duplicate-groups.js';

/** The province's receipt board of one batch: every city's package state, channel counts, quota use and receipt time. */
export async function viewProvinceBoard(ctx: Context, actor: Actor | null, batchId?: string): Promise<ProvinceBoard> {
  authorize(actor, 'board:read');
  const batch = await currentBatch(ctx, batchId);
  const cities = (await ctx.references.listAuthorities()).filter((a) => a.kind === 'city');
  const packages = await Promise.all(cities.map((c) => loadCityPackage(ctx, batch, c.code)));
  return presentProvinceBoard(batch, packages, await listDuplicateGroups(ctx, batch.id));
}
