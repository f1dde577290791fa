import { createHash } from 'node:crypto';
import type { Actor } from '../../policies/policy.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';
import { planCity, type PlannedCity } from './package-archive-plan.js';

/**
 * A city's SM3SUMS.txt (documents/fingerprint.ts): `<sm3>  <path>` per stored material, paths inside the
 * city's folder, in the package's order, LF line ends, UTF-8.
 */
export function sm3SumsOf(city: PlannedCity): Buffer {
  const lines = city.platforms.flatMap((p) => p.stored.map((f) => `${f.row.sm3}  ${f.path}\n`));
  return Buffer.from(lines.join(''), 'utf8');
}

/** The package's fingerprint: SM3 of its SM3SUMS.txt, lower-case hex. */
export function fingerprintOf(sums: Buffer): string {
  return createHash('sm3').update(sums).digest('hex');
}

export const cityFingerprint = (city: PlannedCity): string => fingerprintOf(sm3SumsOf(city));

/**
 * The fingerprint a city's paper prints now. A submitted package's is the one its submission recorded
 * (package_versions.manifest_sm3): its platforms and materials are locked, so planning it again would
 * give the same, at the cost of checking every stored file. A package not submitted (a draft, or
 * returned) is planned as its download would be: a preview of what it would hold now.
 */
export async function currentCityFingerprint(
  ctx: Context,
  actor: Actor,
  batch: Batch,
  authority: { code: string; name: string },
): Promise<string> {
  const pkg = await ctx.recommendations.findPackage(batch.id, authority.code);
  const version =
    pkg?.status === 'submitted' ? await ctx.recommendations.findLatestVersion(batch.id, authority.code) : undefined;
  return version?.manifest_sm3 ?? cityFingerprint(await planCity(ctx, actor, batch, authority, ''));
}
