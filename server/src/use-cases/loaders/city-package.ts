import type { CityPackageView } from '#contract';
import { AppError } from '../../domain/errors.js';
import { presentCityPackage } from '../../presenters/city-package.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';

/** Reads a city's package in the batch and presents it; a code that is not a city's is NOT_FOUND. */
export async function loadCityPackage(ctx: Context, batch: Batch, authorityCode: string): Promise<CityPackageView> {
  const [authority, pkg, recommendations, exception] = await Promise.all([
    ctx.references.findAuthority(authorityCode),
    ctx.recommendations.findPackage(batch.id, authorityCode),
    ctx.recommendations.listForAuthority(batch.id, authorityCode),
    ctx.recommendations.findException(batch.id, authorityCode),
  ]);
  if (!authority || authority.kind !== 'city') throw new AppError('NOT_FOUND', '推荐单位不存在');
  const version =
    pkg?.status === 'submitted' ? await ctx.recommendations.findLatestVersion(batch.id, authorityCode) : undefined;
  return presentCityPackage({ batch, authority, pkg, version, recommendations, exception, now: ctx.clock.now() });
}
