import { describe, expect, it } from 'vitest';
import type { AppError } from './errors.js';
import {
  isPackageLocked,
  nextPackageStatus,
  packageTransitions,
  type PackageEvent,
  type PackageStatus,
} from './package-status.js';
import { isWithinDeadline } from './deadline.js';

const statuses: PackageStatus[] = ['draft', 'submitted', 'returned'];
const allowed: Record<string, PackageStatus> = {
  'draft:submit': 'submitted',
  'returned:submit': 'submitted',
  'submitted:return': 'returned',
};

describe('package state machine', () => {
  for (const from of statuses) {
    for (const event of Object.keys(packageTransitions) as PackageEvent[]) {
      const to = allowed[`${from}:${event}`];
      it(`${from} --${event}--> ${to ?? 'INVALID_TRANSITION'}`, () => {
        if (to) expect(nextPackageStatus(from, event)).toBe(to);
        else
          expect(() => nextPackageStatus(from, event)).toThrow(
            expect.objectContaining({ code: 'INVALID_TRANSITION' }) as AppError,
          );
      });
    }
  }
  it('locks only a submitted package', () => {
    expect(statuses.filter(isPackageLocked)).toEqual(['submitted']);
  });
});

describe('deadline 2022-12-09 23:59:59 CST, by the server clock', () => {
  const deadline = '2022-12-09T23:59:59+08:00';
  it.each([
    ['2022-12-09T23:59:58+08:00', true],
    ['2022-12-09T23:59:59+08:00', true],
    ['2022-12-09T23:59:59.999+08:00', true],
    ['2022-12-10T00:00:00+08:00', false],
    ['2022-12-09T16:00:00Z', false],
  ])('at %s within = %s', (at, within) => {
    expect(isWithinDeadline(new Date(at), deadline, null)).toBe(within);
  });
  it('extends to the end of an exception granted to the city, never shortens', () => {
    expect(
      isWithinDeadline(new Date('2022-12-12T10:00:00+08:00'), deadline, { endsAt: '2022-12-12T18:00:00+08:00' }),
    ).toBe(true);
    expect(
      isWithinDeadline(new Date('2022-12-12T18:00:01+08:00'), deadline, { endsAt: '2022-12-12T18:00:00+08:00' }),
    ).toBe(false);
    expect(
      isWithinDeadline(new Date('2022-12-09T12:00:00+08:00'), deadline, { endsAt: '2022-12-01T00:00:00+08:00' }),
    ).toBe(true);
  });
});
