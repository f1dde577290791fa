import type { CityPackageView } from '#contract';
import { AppError } from '../../domain/errors.js';
import { presentCityPackage } from '../../presenters/city-package.js';
import type { CityPackageRecords } from '../../presenters/city-package.js';
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

/**
 * Every recommending city's package in the batch, presented as loadCityPackage presents one: read with a few queries
 * for the whole batch (packages, exceptions, latest versions, recommendations), not four per city.
 */
export async function loadCityPackages(
  ctx: Context,
  batch: Batch,
  cities: readonly CityPackageRecords['authority'][],
): Promise<CityPackageView[]> {
  const [{ packages, exceptions, versions }, recommendations] = await Promise.all([
    ctx.recommendations.listPackageRecords(batch.id),
    ctx.recommendations.listForBatch(batch.id),
  ]);
  const now = ctx.clock.now();
  return cities.map((authority) => {
    const pkg = packages.find((p) => p.authority_code === authority.code);
    return presentCityPackage({
      batch,
      authority,
      pkg,
      version: pkg?.status === 'submitted' ? versions.find((v) => v.authority_code === authority.code) : undefined,
      recommendations: recommendations.filter((r) => r.authority_code === authority.code),
      exception: exceptions.find((e) => e.authority_code === authority.code),
      now,
    });
  });
}
