import { beijingDateOf, formatChineseDate } from './calendar.js';
import { AppError } from './errors.js';
import type { PackageStatus } from './package-status.js';

/** What acceptance looks at on a city's package row. */
export interface AcceptablePackage {
  status: PackageStatus;
  version: number;
  accepted_at: string | null;
}

/**
 * 省级受理 follows receipt: the province accepts the version the city submitted and it holds, and that is
 * final — the package stays submitted (locked), the province no longer returns it, the city no longer
 * resubmits it. The deadline judged receipt (domain/deadline.ts), so a package received late inside an
 * exception is accepted like any other.
 */
export const ACCEPTED_PACKAGE_STATUS: PackageStatus = 'submitted';

/** The day of acceptance as the messages and notices write it: 2022年12月12日. */
export const acceptanceDate = (acceptedAt: string): string => formatChineseDate(beijingDateOf(new Date(acceptedAt)));

/** The refusal when the package cannot be accepted now; null when it can (`version` is what the province saw). */
export function acceptanceRefusal(pkg: AcceptablePackage | undefined, version: number): AppError | null {
  if (!pkg || pkg.version === 0) return new AppError('INVALID_TRANSITION', '该市尚未报送推荐材料');
  if (pkg.accepted_at)
    return new AppError('INVALID_TRANSITION', `该市推荐材料已于${acceptanceDate(pkg.accepted_at)}受理，无需重复受理`);
  if (pkg.status !== ACCEPTED_PACKAGE_STATUS)
    return new AppError('INVALID_TRANSITION', '该市推荐材料已退回，待重新报送后才能受理');
  if (pkg.version !== version)
    return new AppError('INVALID_TRANSITION', `该市推荐材料已更新为第 ${pkg.version} 次报送，请查看后再受理`);
  return null;
}

/** Refuses a change an accepted package no longer takes (the province's return, the city's resubmission). */
export function assertNotAccepted(pkg: { accepted_at: string | null } | undefined, refused: 'return' | 'submit'): void {
  if (!pkg?.accepted_at) return;
  const day = acceptanceDate(pkg.accepted_at);
  throw new AppError(
    'INVALID_TRANSITION',
    refused === 'return'
      ? `该市推荐材料已于${day}受理，不能退回`
      : `省工业和信息化厅已于${day}受理本市推荐材料，不能再报送`,
  );
}
