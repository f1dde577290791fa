import { scaledInteger, type ScoreMetric, type ScoreStatistics } from '#contract';
import { AppError } from './errors.js';

/**
 * Aggregation of the experts' totals per application, so that disagreement shows (issue 15 item 7).
 *
 * Rounding rule: every figure is rounded once, at the end, to 2 decimals, half up in decimal (0.125 → 0.13,
 * 1.005 → 1.01), never by binary floating point. Totals come in with at most 2 decimals and are taken as exact
 * integer hundredths; means, medians and variances are exact fractions of integers until that last rounding.
 */

/** Round the fraction p / q (q > 0) to the nearest integer, halves away from zero; exact for safe integers. */
export function roundFractionHalfUp(p: number, q: number): number {
  if (q <= 0) throw new RangeError('denominator must be positive');
  if (p < 0) return -roundFractionHalfUp(-p, q);
  const twice = 2 * p + q;
  return (twice - (twice % (2 * q))) / (2 * q);
}

/**
 * Round a number to `decimals` places, half up in decimal: the number is read as the shortest decimal that
 * JavaScript prints for it (0.125, 1.005), so that binary artefacts (1.005 is stored as 1.00499…) do not decide.
 */
export function roundHalfUp(x: number, decimals = 2): number {
  if (!Number.isFinite(x)) throw new RangeError('not a finite number');
  const sign = x < 0 ? -1 : 1;
  const [mantissa, exponent = '0'] = String(Math.abs(x)).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  return (sign * Math.round(shifted)) / 10 ** decimals;
}

const toCents = (total: number): number => {
  const cents = scaledInteger(total, 2);
  if (cents === null) throw new AppError('VALIDATION_FAILED', `专家总分${total}多于2位小数`);
  return cents;
};

/** p / q hundredths (exact fraction) as points rounded to 2 decimals. */
const centsFraction = (p: number, q: number) => roundFractionHalfUp(p, q) / 100;

/**
 * Statistics of the submitted totals of one application: mean, median, trimmed mean, population variance and
 * range (max − min). With no score every figure is null. Below 3 scores the trimmed mean is null: dropping the
 * highest and the lowest leaves nothing to average (with 2 scores) — the list shows "—" and sorts it last.
 */
export function scoreStatistics(totals: readonly number[]): ScoreStatistics {
  const n = totals.length;
  if (n === 0) return { count: 0, mean: null, median: null, trimmedMean: null, variance: null, range: null };
  const cents = totals.map(toCents).sort((a, b) => a - b);
  const sum = cents.reduce((s, c) => s + c, 0);
  const sumOfSquares = cents.reduce((s, c) => s + c * c, 0);
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? centsFraction(cents[middle]!, 1) : centsFraction(cents[middle - 1]! + cents[middle]!, 2);
  const trimmedMean = n >= 3 ? centsFraction(sum - cents[0]! - cents[n - 1]!, n - 2) : null;
  // Variance in points²: (nΣc² − (Σc)²) / (n² · 100²); in hundredths of points² that is (nΣc² − (Σc)²) / (n² · 100).
  const variance = roundFractionHalfUp(n * sumOfSquares - sum * sum, n * n * 100) / 100;
  return {
    count: n,
    mean: centsFraction(sum, n),
    median,
    trimmedMean,
    variance,
    range: (cents[n - 1]! - cents[0]!) / 100,
  };
}

export interface AggregatedApplication {
  applicationId: string;
  statistics: ScoreStatistics;
}

/**
 * A comparator by one of the statistics, descending by default (best first) or ascending; an application
 * without that figure (null) comes last either way; ties are broken by application id, ascending.
 */
export function compareBy(
  metric: ScoreMetric,
  direction: 'asc' | 'desc' = 'desc',
): (a: AggregatedApplication, b: AggregatedApplication) => number {
  return (a, b) => {
    const x = a.statistics[metric];
    const y = b.statistics[metric];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return direction === 'desc' ? y - x : x - y;
    }
    return a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  };
}
