import type { Authority, BatchSummary, Region } from '#contract';
import type { AuthorityTable, RegionTable } from '../db/schema.js';
import type { Batch } from '../repositories/reference-repository.js';

export function presentRegion(
  r: Pick<RegionTable, 'code' | 'name' | 'authority_code'> & { authority_name: string },
): Region {
  return { code: r.code, name: r.name, authorityCode: r.authority_code, authorityName: r.authority_name };
}

export function presentAuthority(a: Pick<AuthorityTable, 'code' | 'name'>): Authority {
  return { code: a.code, name: a.name };
}

/** A batch with its configuration, and whether it takes applications now. */
export function presentBatch(b: Batch, open: boolean): BatchSummary {
  return { ...b, open };
}
