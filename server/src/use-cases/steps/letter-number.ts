import { fieldError } from '../../domain/errors.js';
import type { Context } from '../context.js';

/**
 * An authority's next 发文字号 number of a year, as its letter settings move it: forward past numbers its office
 * gave by hand, never back to one this system gave. Checked before the transaction against what was read, and
 * again in the UPDATE (a letter or 认定 numbered meanwhile).
 */
export function checkNextNumber(next: number, minNextNumber: number): void {
  if (next < minNextNumber) {
    throw fieldError('nextNumber', `下一发文序号：不能小于${minNextNumber}（本系统已编至${minNextNumber - 1}号）`);
  }
}

/** Moves the sequence in the settings' transaction when the number changed; refused when it was given meanwhile. */
export async function moveNextNumber(
  tx: Context,
  authorityCode: string,
  year: number,
  next: number,
  current: number,
): Promise<void> {
  if (next === current) return;
  if (!(await tx.letters.setNextNumber(authorityCode, year, next))) {
    throw fieldError('nextNumber', '下一发文序号：该编号已由本系统使用，请刷新后重试');
  }
}
