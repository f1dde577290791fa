import { AppError } from '../../domain/errors.js';
import { recommendingAuthorities } from '../../domain/routing.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';

/** The authorities that recommend in the batch (its routing applied to every region), in their sort order. */
export async function loadRecommendingAuthorities(ctx: Context, batch: Batch) {
  const [authorities, regions] = await Promise.all([ctx.references.listAuthorities(), ctx.references.listRegions()]);
  return recommendingAuthorities(batch.config.routing, regions, authorities);
}

/**
 * The authority `code` as a recommending authority of the batch; NOT_FOUND naming it when it is not one, or
 * recommends nothing in this batch (航空港区 while the batch routes it through 郑州).
 */
export async function loadRecommendingAuthority(ctx: Context, batch: Batch, code: string) {
  const authority = (await loadRecommendingAuthorities(ctx, batch)).find((a) => a.code === code);
  if (authority) return authority;
  const known = await ctx.references.findAuthority(code);
  throw new AppError(
    'NOT_FOUND',
    known?.kind === 'city' ? `${known.name}在${batch.label}中不推荐平台（其区域由其他主管部门推荐）` : '推荐单位不存在',
  );
}
