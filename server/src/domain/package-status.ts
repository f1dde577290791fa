import { packageStates } from '#contract';
import { AppError } from './errors.js';

/** A city's recommendation package to the province (第（五）条). */
export type PackageStatus = 'draft' | 'submitted' | 'returned';

export const packageTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
} as const satisfies Record<string, { from: readonly PackageStatus[]; to: PackageStatus }>;

export type PackageEvent = keyof typeof packageTransitions;

/** The statuses from which `event` is allowed: what the repository's conditional UPDATE matches. */
export const packageSourcesOf = (event: PackageEvent): PackageStatus[] => [...packageTransitions[event].from];

/** The status `event` moves a package to. */
export const packageTargetOf = (event: PackageEvent): PackageStatus => packageTransitions[event].to;

/** Labels from the shared list of package states (a draft row is a package in preparation). */
const labels: Record<PackageStatus, string> = {
  draft: packageStates.in_progress,
  submitted: packageStates.submitted,
  returned: packageStates.returned,
};

export function nextPackageStatus(current: PackageStatus, event: PackageEvent): PackageStatus {
  const t = packageTransitions[event];
  if (!(t.from as readonly string[]).includes(current)) {
    throw new AppError(
      'INVALID_TRANSITION',
      `推荐材料当前为“${labels[current]}”，不能${event === 'submit' ? '报送' : '退回'}`,
      { from: current, event },
    );
  }
  return t.to;
}

/** While a package is submitted, its platforms and recommendations are locked. */
export const isPackageLocked = (status: PackageStatus | null): boolean => status === 'submitted';
