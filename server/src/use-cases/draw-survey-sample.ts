import { randomBytes } from 'node:crypto';
import type { ReviewView, SurveyMethod } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { drawOrder } from '../domain/sampling.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadReviewable, loadReviewView } from './loaders/review.js';
import { auditReview } from './steps/audit-review.js';

/**
 * 测评 draw: at least the batch's minimum (10) enterprises from the applicant's roster, in an order anyone
 * can recompute from the stored seed. Drawn once; the draw is never redone by choice.
 */
export async function drawSurveySample(
  ctx: Context,
  actor: Actor | null,
  id: string,
  input: { methods: SurveyMethod[]; sampleSize?: number },
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  const rows = (await ctx.applications.listRoster(id)).map((r) => r.row_no);
  if (rows.length === 0) throw new AppError('INVALID_TRANSITION', '该申报没有服务企业名单，无法抽样');
  const minimum = app.batch.config.rules.minSurveyed;
  if (input.sampleSize !== undefined && input.sampleSize < minimum)
    throw fieldError('sampleSize', `抽样数量：不少于${minimum}家`);
  const seed = randomBytes(8).toString('hex');
  const order = drawOrder(seed, rows);
  await ctx.transaction(async (tx) => {
    const inserted = await tx.reviews.insertSurveyOnce({
      application_id: id,
      seed,
      methods: JSON.stringify(input.methods),
      sample_size: Math.min(rows.length, input.sampleSize ?? minimum),
      draw_order: JSON.stringify(order),
      drawn_by: app.actor.displayName,
      drawn_at: ctx.clock.now().toISOString(),
    });
    if (!inserted) throw new AppError('SURVEY_ALREADY_DRAWN');
    await auditReview(tx, app.actor, id, 'review.survey_draw', { seed, rosterRows: rows.length }, origin.ip);
  });
  return loadReviewView(ctx, app, app.actor);
}
