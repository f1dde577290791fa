import { describe, expect, it } from 'vitest';
import regions from '../seed/regions.json' with { type: 'json' };
import { recommendingAuthorities, recommendingAuthorityOf } from './routing.js';

const authorities = [
  { code: regions.province.code, name: regions.province.name, kind: 'province' as const },
  ...[...regions.authorities, ...regions.directAuthorities].map((a) => ({ ...a, kind: 'city' as const })),
];
const seededRegions = [
  ...regions.authorities.map((a) => ({ code: a.code, authority_code: a.code })),
  ...regions.extraRegions.map((r) => ({ code: r.code, authority_code: r.authorityCode })),
];
const HKQ = '410100-HKQ';

describe('recommending authorities of a batch', () => {
  it('routes 航空港区 through 郑州 as in 2022: the 18 cities, 航空港区 not among them', () => {
    const routing = { [HKQ]: '410100' };
    const cities = recommendingAuthorities(routing, seededRegions, authorities);
    expect(cities.map((a) => a.code)).toEqual(regions.authorities.map((a) => a.code));
    expect(cities).toHaveLength(18);
    expect(recommendingAuthorityOf(routing, { code: HKQ, authority_code: '410100' })).toBe('410100');
  });

  it('without routing, a region goes to its own authority: 航空港区 to 郑州', () => {
    expect(recommendingAuthorities({}, seededRegions, authorities).map((a) => a.code)).not.toContain(HKQ);
    expect(recommendingAuthorityOf({}, { code: HKQ, authority_code: '410100' })).toBe('410100');
  });

  it('routes 航空港区 directly: 19 authorities, 航空港区 last in sort order', () => {
    const cities = recommendingAuthorities({ [HKQ]: HKQ }, seededRegions, authorities);
    expect(cities).toHaveLength(19);
    expect(cities.at(-1)).toMatchObject({ code: HKQ, name: '郑州航空港经济综合实验区' });
    expect(cities[0]!.code).toBe('410100');
  });

  it('drops an authority whose only region is routed away, and never lists the province', () => {
    const routing = { '419001': '410800', [HKQ]: regions.province.code };
    const codes = recommendingAuthorities(routing, seededRegions, authorities).map((a) => a.code);
    expect(codes).toHaveLength(17);
    expect(codes).not.toContain('419001');
    expect(codes).not.toContain(regions.province.code);
  });

  it('keeps the order of the authorities given, not of the regions', () => {
    const reversed = [...seededRegions].reverse();
    const codes = recommendingAuthorities({ [HKQ]: HKQ }, reversed, authorities).map((a) => a.code);
    expect(codes).toEqual([...regions.authorities.map((a) => a.code), HKQ]);
  });
});
