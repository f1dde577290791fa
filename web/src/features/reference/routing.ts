import { routedAuthority, type BatchConfig, type ReferenceData, type Region } from '#contract';

/** The authority named by `code`, else the region's own (a reference list older than the routing). */
const nameOf = (reference: ReferenceData, code: string, fallback: string) =>
  reference.authorities.find((a) => a.code === code)?.name ?? fallback;

/** The unit's region with the authority its application went to (the batch's routing: 航空港区 → 郑州, or itself). */
export function routedRegion(reference: ReferenceData, regionCode: string, authorityCode: string): Region | undefined {
  const region = reference.regions.find((r) => r.code === regionCode);
  return region && { ...region, authorityCode, authorityName: nameOf(reference, authorityCode, region.authorityName) };
}

/** Every region with the authority that recommends it under a batch's routing (the open batch's, when registering). */
export function regionsRoutedBy(reference: ReferenceData, routing: BatchConfig['routing'] | undefined): Region[] {
  return reference.regions.map((region) => {
    const authorityCode = routedAuthority(routing, region.code, region.authorityCode);
    return { ...region, authorityCode, authorityName: nameOf(reference, authorityCode, region.authorityName) };
  });
}
