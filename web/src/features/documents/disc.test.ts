import { describe, expect, it } from 'vitest';
import { discFor } from './disc';

describe('the disc a package fits', () => {
  it('picks the smallest disc with 5% to spare', () => {
    expect(discFor(300 * 1024 * 1024)).toBe('可刻录到一张 CD-R');
    expect(discFor(690 * 1024 * 1024)).toBe('可刻录到一张 DVD±R');
    expect(discFor(2.2 * 1024 ** 3)).toBe('可刻录到一张 DVD±R');
    expect(discFor(4.6e9)).toBe('可刻录到一张 双层 DVD±R DL');
    expect(discFor(9e9)).toBe('可刻录到一张 BD-R');
    expect(discFor(30e9)).toBe('超过一张 BD-R 的容量，请分盘刻录或联系省厅');
  });
});
