import { describe, expect, it } from 'vitest';
import type { ReferenceData } from '#contract';
import { regionsRoutedBy, routedRegion } from './routing';

const reference: ReferenceData = {
  demo: false,
  regions: [
    { code: '410100', name: '郑州市', authorityCode: '410100', authorityName: '郑州市' },
    { code: '410100-HKQ', name: '航空港区', authorityCode: '410100', authorityName: '郑州市' },
  ],
  authorities: [
    { code: '410100', name: '郑州市' },
    { code: '410100-HKQ', name: '郑州航空港经济综合实验区' },
  ],
};

describe('regions as a batch routes them', () => {
  it('names the authority an application went to, not the region’s default', () => {
    expect(routedRegion(reference, '410100-HKQ', '410100-HKQ')).toMatchObject({
      authorityCode: '410100-HKQ',
      authorityName: '郑州航空港经济综合实验区',
    });
    expect(routedRegion(reference, '410100-HKQ', '410100')).toMatchObject({ authorityName: '郑州市' });
    expect(routedRegion(reference, '419999', '410100')).toBeUndefined();
  });

  it('routes every region by the open batch, the region’s own authority when it says nothing', () => {
    expect(regionsRoutedBy(reference, { '410100-HKQ': '410100-HKQ' }).map((r) => r.authorityName)).toEqual([
      '郑州市',
      '郑州航空港经济综合实验区',
    ]);
    expect(regionsRoutedBy(reference, undefined).map((r) => r.authorityCode)).toEqual(['410100', '410100']);
  });
});
