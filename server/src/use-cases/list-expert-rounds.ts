import type { ExpertRoundView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { expertOf, expertRoundView } from './loaders/expert-material.js';

/** The rounds the signed-in expert is drawn for. */
export async function listExpertRounds(ctx: Context, actor: Actor | null): Promise<{ rounds: ExpertRoundView[] }> {
  const { expertId } = await expertOf(ctx, actor);
  const rounds = await ctx.expertReviews.listRoundsOfExpert(expertId);
  return { rounds: await Promise.all(rounds.map((r) => expertRoundView(ctx, r, expertId))) };
}
