import type { ReferenceData } from '#contract';
import { presentAuthority, presentRegion } from '../presenters/reference.js';
import type { Context } from './context.js';

/** The regions and city authorities every form chooses from, and whether this is the demo. */
export async function getReferenceData(ctx: Context): Promise<ReferenceData> {
  const [regions, authorities] = await Promise.all([ctx.references.listRegions(), ctx.references.listAuthorities()]);
  return {
    regions: regions.map(presentRegion),
    authorities: authorities.filter((a) => a.kind === 'city').map(presentAuthority),
    demo: ctx.config.demo,
  };
}
