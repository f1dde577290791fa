import type { PackageArchiveInfo } from '#contract';
import type { PlannedCity } from '../use-cases/steps/package-archive-plan.js';

/**
 * Generated per city (推荐文件 and 汇总表, Word/Excel and PDF, and SM3SUMS.txt) and per platform (申报书, 推荐表
 * and 真实性说明, Word and PDF).
 */
const DOCUMENTS_PER_CITY = 5;
const DOCUMENTS_PER_PLATFORM = 6;

/** What a planned 刻盘 package holds: counts and sizes, for the check before the download. */
export function presentArchiveInfo(cities: readonly PlannedCity[]): PackageArchiveInfo {
  const platforms = cities.flatMap((c) => c.platforms);
  const stored = platforms.flatMap((p) => p.stored);
  return {
    cities: cities.length,
    platforms: platforms.length,
    storedFiles: stored.length,
    storedBytes: stored.reduce((n, f) => n + Number(f.row.size_bytes), 0),
    generatedDocuments: cities.length * DOCUMENTS_PER_CITY + platforms.length * DOCUMENTS_PER_PLATFORM,
  };
}
