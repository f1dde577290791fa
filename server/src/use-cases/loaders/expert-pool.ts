import type { ExpertView } from '#contract';
import { AppError } from '../../domain/errors.js';
import { presentExpert } from '../../presenters/expert-review.js';
import type { ExpertRow } from '../../repositories/expert-review-repository.js';
import type { Context } from '../context.js';

export async function loadExpert(ctx: Context, expertId: string): Promise<ExpertRow> {
  const expert = await ctx.expertReviews.findExpert(expertId);
  if (!expert) throw new AppError('NOT_FOUND', '专家不存在');
  return expert;
}

/** Experts as the province's pool shows them, with their city's name and bound account. */
export async function presentExperts(
  ctx: Context,
  rows: readonly ExpertRow[],
  fullPhone: boolean,
): Promise<ExpertView[]> {
  const regions = new Map((await ctx.references.listRegions()).map((r) => [r.code, r.name]));
  const accounts = await ctx.expertReviews.accountsByExpert();
  return rows.map((row) =>
    presentExpert(row, {
      cityName: regions.get(row.city_code) ?? null,
      accountUsername: accounts.get(row.id) ?? null,
      fullPhone,
    }),
  );
}
