import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import type { ExportedFile } from './steps/exported-file.js';
import { buildArchive } from './steps/package-archive.js';
import { planProvincePackage } from './steps/package-archive-plan.js';

/** Every city's package in one archive for the province, a folder per city, one manifest and offline page. */
export async function exportProvinceArchive(
  ctx: Context,
  actor: Actor | null,
  origin: RequestOrigin,
  batchId?: string,
): Promise<ExportedFile> {
  const { batch, cities, actor: official } = await planProvincePackage(ctx, actor, batchId);
  return buildArchive(ctx, official, origin, batch, cities, { code: 'province', name: '全省' });
}
