import { createHash } from 'node:crypto';
import type { PlannedCity } from './package-archive-plan.js';

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
