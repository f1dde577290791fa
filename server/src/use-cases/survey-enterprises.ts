import { randomBytes } from 'node:crypto';
import type { ReviewView, SurveyContactInput, SurveyMethod } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { activeSample, drawOrder, type SurveyOutcome } from '../domain/sampling.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { auditReview, loadReviewable } from './review-guards.js';
import { buildReviewView, loadForReview } from './review-view.js';

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
  return buildReviewView(ctx, app, app.actor);
}

export async function setSurveyMethods(
  ctx: Context,
  actor: Actor | null,
  id: string,
  methods: SurveyMethod[],
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  if (!(await ctx.reviews.findSurvey(id))) throw new AppError('INVALID_TRANSITION', '请先随机抽样');
  await ctx.transaction(async (tx) => {
    await tx.reviews.setSurveyMethods(id, JSON.stringify(methods));
    await auditReview(tx, app.actor, id, 'review.survey_methods', { methods }, origin.ip);
  });
  return buildReviewView(ctx, app, app.actor);
}

/** The drawn rows that must be surveyed now: unreachable ones are replaced by the next in the order. */
async function currentDraw(ctx: Context, id: string) {
  const survey = await ctx.reviews.findSurvey(id);
  if (!survey) throw new AppError('INVALID_TRANSITION', '请先随机抽样');
  const contacts = await ctx.reviews.listSurveyContacts(id);
  const outcomes = new Map<number, SurveyOutcome>(contacts.map((c) => [c.roster_row_no, c.outcome]));
  return activeSample(JSON.parse(survey.draw_order) as number[], survey.sample_size, outcomes);
}

/** One surveyed enterprise: completed with its rating, or unreachable (kept, and replaced by the next draw). */
export async function recordSurveyContact(
  ctx: Context,
  actor: Actor | null,
  id: string,
  rosterRowNo: number,
  input: SurveyContactInput,
  origin: RequestOrigin,
): Promise<ReviewView> {
  const app = await loadReviewable(ctx, actor, id);
  const { active } = await currentDraw(ctx, id);
  if (!active.includes(rosterRowNo)) throw fieldError('rosterRowNo', `名单第${rosterRowNo}行不在当前抽样名单中`);
  await ctx.transaction(async (tx) => {
    await tx.reviews.upsertSurveyContact({
      application_id: id,
      roster_row_no: rosterRowNo,
      outcome: input.outcome,
      interviewee: input.outcome === 'completed' ? input.interviewee : null,
      position: input.outcome === 'completed' ? input.position : null,
      phone: input.outcome === 'completed' ? input.phone : null,
      rating: input.outcome === 'completed' ? input.rating : null,
      note: input.note ?? null,
      recorded_by: app.actor.displayName,
      recorded_at: ctx.clock.now().toISOString(),
    });
    await auditReview(tx, app.actor, id, 'review.survey_contact', { rosterRowNo, outcome: input.outcome }, origin.ip);
  });
  return buildReviewView(ctx, app, app.actor);
}

/** Shows a drawn enterprise's phone numbers in full, to call it; every disclosure is audited. */
export async function discloseSurveyPhone(
  ctx: Context,
  actor: Actor | null,
  id: string,
  rosterRowNo: number,
  origin: RequestOrigin,
) {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  const { drawn } = await currentDraw(ctx, id);
  if (!drawn.includes(rosterRowNo)) throw fieldError('rosterRowNo', `名单第${rosterRowNo}行未被抽中`);
  const row = (await ctx.applications.listRoster(id)).find((r) => r.row_no === rosterRowNo);
  const contact = (await ctx.reviews.listSurveyContacts(id)).find((c) => c.roster_row_no === rosterRowNo);
  await ctx.audit.record(
    {
      actorUserId: app.actor.userId,
      actorName: app.actor.username,
      ip: origin.ip,
      action: 'personal_data.disclose',
      targetType: 'application',
      targetId: id,
      detail: { rosterRowNo, fields: ['phone'] },
    },
    ctx.clock.now(),
  );
  return { phone: row?.phone ?? null, recordedPhone: contact?.phone ?? null };
}
