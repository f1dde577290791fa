import type { ReviewView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { loadForReview, loadReviewView } from './loaders/review.js';

/** An official opens the review: the application stops being new to them. */
export async function openReview(ctx: Context, actor: Actor | null, id: string): Promise<ReviewView> {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  await ctx.users.recordView(app.actor.userId, id, ctx.clock.now());
  return loadReviewView(ctx, app, app.actor);
}
