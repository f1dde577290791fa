import type { PackageArchiveInfo } from '#contract';
import type { Actor } from '../policies/policy.js';
import { presentArchiveInfo } from '../presenters/package-archive.js';
import type { Context } from './context.js';
import { planProvincePackage } from './steps/package-archive-plan.js';

/** What the province's 刻盘 package (every city with a recommendation) will hold, checked, before the download starts. */
export async function describeProvinceArchive(
  ctx: Context,
  actor: Actor | null,
  batchId?: string,
): Promise<PackageArchiveInfo> {
  return presentArchiveInfo((await planProvincePackage(ctx, actor, batchId)).cities);
}
