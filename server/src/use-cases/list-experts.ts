import type { ExpertView } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { presentExperts } from './loaders/expert-pool.js';

/** The province's expert pool, phones masked. */
export async function listExperts(ctx: Context, actor: Actor | null): Promise<{ experts: ExpertView[] }> {
  authorize(actor, 'expert-pool:manage');
  return { experts: await presentExperts(ctx, await ctx.expertReviews.listExperts(), false) };
}
