import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { compareBy, roundFractionHalfUp, roundHalfUp, scoreStatistics } from './score-aggregation.js';

describe('rounding rule: 2 decimals, half up in decimal', () => {
  it('rounds halves up where binary floating point would not', () => {
    expect(roundHalfUp(0.125)).toBe(0.13);
    expect(roundHalfUp(1.005)).toBe(1.01); // stored as 1.00499999999999989…
    expect(roundHalfUp(2.675)).toBe(2.68); // toFixed(2) gives 2.67
    expect(roundHalfUp(79.994)).toBe(79.99);
    expect(roundHalfUp(1e-7)).toBe(0);
    expect(roundHalfUp(-0.125)).toBe(-0.13);
    expect(roundHalfUp(12.3456, 3)).toBe(12.346);
  });

  it('rounds exact fractions half up', () => {
    expect(roundFractionHalfUp(1, 2)).toBe(1);
    expect(roundFractionHalfUp(5, 3)).toBe(2);
    expect(roundFractionHalfUp(4, 3)).toBe(1);
    expect(roundFractionHalfUp(-1, 2)).toBe(-1);
    expect(() => roundFractionHalfUp(1, 0)).toThrow(RangeError);
  });
});

describe('statistics of one application', () => {
  it('gives mean, median, trimmed mean, population variance and range', () => {
    expect(scoreStatistics([80, 90, 70, 60, 100])).toEqual({
      count: 5,
      mean: 80,
      median: 80,
      trimmedMean: 80,
      variance: 200, // Σ(x − 80)² / 5 = (0 + 100 + 100 + 400 + 400) / 5, population not sample (250)
      range: 40,
    });
  });

  it('drops exactly one highest and one lowest for the trimmed mean, even when tied', () => {
    expect(scoreStatistics([90, 90, 60, 60]).trimmedMean).toBe(75);
    expect(scoreStatistics([95, 70, 72, 74, 20]).trimmedMean).toBe(72);
    expect(scoreStatistics([95, 70, 72, 74, 20]).mean).toBe(66.2);
  });

  it('takes the middle pair for an even count and rounds every figure half up', () => {
    // mean 80.125 → 80.13; median (80.12 + 80.13) / 2 = 80.125 → 80.13
    const s = scoreStatistics([80.12, 80.13, 80.12, 80.13]);
    expect(s.mean).toBe(80.13);
    expect(s.median).toBe(80.13);
    expect(s.variance).toBe(0); // 0.000025 → 0.00
    expect(s.range).toBe(0.01);
    expect(scoreStatistics([0.1, 0.2, 0.3]).mean).toBe(0.2);
    expect(scoreStatistics([70.01, 70.02, 70.02]).mean).toBe(70.02); // 70.01666…
  });

  it('leaves the trimmed mean undefined below 3 scores and everything undefined without scores', () => {
    expect(scoreStatistics([81.5, 70])).toEqual({
      count: 2,
      mean: 75.75,
      median: 75.75,
      trimmedMean: null,
      variance: 33.06, // 5.75² = 33.0625
      range: 11.5,
    });
    expect(scoreStatistics([88])).toMatchObject({ mean: 88, median: 88, trimmedMean: null, variance: 0, range: 0 });
    expect(scoreStatistics([])).toEqual({
      count: 0,
      mean: null,
      median: null,
      trimmedMean: null,
      variance: null,
      range: null,
    });
  });

  it('refuses a total with more than 2 decimals', () => {
    expect(() => scoreStatistics([80.125])).toThrow(AppError);
  });
});

describe('sorting', () => {
  const apps = [
    { applicationId: 'c', statistics: scoreStatistics([80, 80, 80]) },
    { applicationId: 'a', statistics: scoreStatistics([80, 60, 100]) },
    { applicationId: 'b', statistics: scoreStatistics([90, 50]) },
    { applicationId: 'd', statistics: scoreStatistics([]) },
  ];
  const ids = (metric: Parameters<typeof compareBy>[0], direction?: 'asc' | 'desc') =>
    [...apps].sort(compareBy(metric, direction)).map((a) => a.applicationId);

  it('sorts by any statistic, ties by application id, missing figures last', () => {
    expect(ids('mean')).toEqual(['a', 'c', 'b', 'd']); // 80, 80, 70
    expect(ids('mean', 'asc')).toEqual(['b', 'a', 'c', 'd']);
    expect(ids('trimmedMean')).toEqual(['a', 'c', 'b', 'd']); // b has 2 scores: no trimmed mean
    expect(ids('range')).toEqual(['a', 'b', 'c', 'd']); // 40 and 40 tie, a before b; then 0
    expect(ids('variance', 'asc')).toEqual(['c', 'a', 'b', 'd']); // 0, 266.67, 400
    expect(ids('median')).toEqual(['a', 'c', 'b', 'd']);
  });
});
