import type { PackageArchiveInfo } from '#contract';
import type { Actor } from '../policies/policy.js';
import { presentArchiveInfo } from '../presenters/package-archive.js';
import type { Context } from './context.js';
import { planCityPackage } from './steps/package-archive-plan.js';

/** What the city's 刻盘 package will hold, checked, before the download starts. */
export async function describeCityPackageArchive(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  batchId?: string,
): Promise<PackageArchiveInfo> {
  return presentArchiveInfo([(await planCityPackage(ctx, actor, authorityCode, batchId)).city]);
}
