import { describe, expect, it } from 'vitest';
import { findDuplicates } from './duplicates.js';

describe('duplicate detection', () => {
  it('flags the same USCC or the same normalised platform name, both ways', () => {
    const d = findDuplicates([
      { id: 'a', uscc: 'U1', platformName: '河南 中小企业服务平台' },
      { id: 'b', uscc: 'U2', platformName: '河南中小企业服务平台' },
      { id: 'c', uscc: 'U1', platformName: '另一平台' },
      { id: 'd', uscc: 'U4', platformName: '独立平台' },
    ]);
    expect(d.get('a')?.sort()).toEqual(['b', 'c']);
    expect(d.get('b')).toEqual(['a']);
    expect(d.get('c')).toEqual(['a']);
    expect(d.has('d')).toBe(false);
  });
});
