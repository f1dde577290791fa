import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import type { ExportedFile } from './steps/exported-file.js';
import { buildArchive } from './steps/package-archive.js';
import { planCityPackage } from './steps/package-archive-plan.js';

/**
 * The city's electronic package (刻盘): 推荐文件 and 汇总表 at the top, a folder per platform with its
 * 推荐表, 真实性说明 (generated and sealed scan) and all its evidence, manifest.json and index.html.
 */
export async function exportPackageArchive(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  origin: RequestOrigin,
  batchId?: string,
): Promise<ExportedFile> {
  const { batch, city, actor: official } = await planCityPackage(ctx, actor, authorityCode, batchId);
  return buildArchive(ctx, official, origin, batch, [city], city.authority);
}
