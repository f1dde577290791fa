import { routedAuthority } from '#contract';

/** A region and the authority that recommends its platforms unless a batch routes it elsewhere. */
export interface RoutedRegion {
  code: string;
  authority_code: string;
}

/** The authority that recommends a region's platforms in a batch: the batch's routing first, else the region's own. */
export function recommendingAuthorityOf(routing: Readonly<Record<string, string>>, region: RoutedRegion): string {
  return routedAuthority(routing, region.code, region.authority_code);
}

/**
 * The authorities that recommend in a batch (the cities of its board, package, 汇总表 and reminders): every
 * city-level authority some region is routed to, in the order of `authorities` (their sort order). An
 * authority no region reaches (航空港区 while it goes through 郑州) recommends nothing in that batch.
 */
export function recommendingAuthorities<A extends { code: string; kind: 'province' | 'city' }>(
  routing: Readonly<Record<string, string>>,
  regions: readonly RoutedRegion[],
  authorities: readonly A[],
): A[] {
  const reached = new Set(regions.map((r) => recommendingAuthorityOf(routing, r)));
  return authorities.filter((a) => a.kind === 'city' && reached.has(a.code));
}
