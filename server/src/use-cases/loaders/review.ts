import { reviewableStatuses, type ReviewView } from '#contract';
import { isUnderCityReview } from '../../domain/application-status.js';
import { AppError } from '../../domain/errors.js';
import { activeSample, type SurveyOutcome } from '../../domain/sampling.js';
import type { Action, Actor } from '../../policies/policy.js';
import { presentReview, type DuplicateRow } from '../../presenters/review.js';
import type { Context } from '../context.js';
import { assertPackageOpen } from '../guards/package.js';
import { findDuplicatesOf } from '../steps/batch-duplicates.js';
import { loadAuthorized, type AuthorizedApplication, type LoadedApplication } from './application.js';

/** Loads an application for its review: read by the city and the province, written by the city. */
export function loadForReview(
  ctx: Context,
  actor: Actor | null,
  id: string,
  action: Extract<Action, 'review:read' | 'review:write'>,
): Promise<AuthorizedApplication> {
  return loadAuthorized(ctx, actor, id, action);
}

/**
 * Loads an application the city official may record findings on: its own authority's, before it, and
 * not locked in a package already submitted to the province.
 */
export async function loadReviewable(ctx: Context, actor: Actor | null, id: string): Promise<AuthorizedApplication> {
  const app = await loadForReview(ctx, actor, id, 'review:write');
  if (!isUnderCityReview(app.row.status)) {
    throw new AppError(
      'INVALID_TRANSITION',
      app.row.status === 'returned'
        ? '申报已退回修改，待申报单位重新提交后再审核'
        : '该申报已结束审核，不能再修改审核记录',
    );
  }
  await assertPackageOpen(ctx, app);
  return app;
}

/** Reads everything the city recorded about one application and presents its review, as `viewer` sees it. */
export async function loadReviewView(ctx: Context, app: LoadedApplication, viewer: Actor): Promise<ReviewView> {
  const id = app.row.id;
  const rosterCount = app.row.roster_count;
  const [
    findings,
    evidence,
    institutions,
    siteCheck,
    interview,
    survey,
    opinion,
    recommendation,
    versions,
    returned,
    rejection,
    duplicates,
  ] = await Promise.all([
    ctx.reviews.listFindings(id),
    ctx.applications.listEvidence(id),
    ctx.applications.listInstitutions(id),
    ctx.reviews.findSiteCheck(id),
    ctx.reviews.findInterview(id),
    loadSurvey(ctx, id),
    ctx.reviews.findOpinion(id),
    ctx.recommendations.find(id),
    ctx.reviews.listVersions(id),
    ctx.reviews.latestReturn(id),
    ctx.reviews.findRejection(id),
    duplicatesOf(ctx, app),
  ]);
  return presentReview({
    app,
    viewer,
    findings,
    evidence,
    institutions: institutions.length,
    rosterCount,
    siteCheck,
    interview,
    survey,
    opinion,
    recommendation,
    versions,
    returned,
    rejection,
    duplicates,
  });
}

/** The survey, once drawn, with its recorded contacts and the roster it was drawn from. */
async function loadSurvey(ctx: Context, id: string) {
  const [row, contacts] = await Promise.all([ctx.reviews.findSurvey(id), ctx.reviews.listSurveyContacts(id)]);
  return row ? { row, contacts, roster: await ctx.applications.listRoster(id) } : null;
}

/**
 * Other applications of the batch that look like the same platform (domain/duplicates.ts), looked up for this one
 * through the USCC and name-key indexes: a review read or write costs the same whatever the size of the batch.
 * Only a reviewable application is compared, as the batch's duplicate groups compare them.
 */
async function duplicatesOf(ctx: Context, app: LoadedApplication): Promise<DuplicateRow[]> {
  if (!(reviewableStatuses as readonly string[]).includes(app.row.status)) return [];
  const others = (await findDuplicatesOf(ctx, app.row.batch_id, [app.row.id])).get(app.row.id) ?? [];
  return ctx.applications.list({ batchId: app.row.batch_id, statuses: [...reviewableStatuses], ids: others });
}

/** The drawn rows that must be surveyed now: unreachable ones are replaced by the next in the order. */
export async function loadCurrentDraw(ctx: Context, id: string) {
  const survey = await ctx.reviews.findSurvey(id);
  if (!survey) throw new AppError('INVALID_TRANSITION', '请先随机抽样');
  const contacts = await ctx.reviews.listSurveyContacts(id);
  const outcomes = new Map<number, SurveyOutcome>(contacts.map((c) => [c.roster_row_no, c.outcome]));
  return activeSample(JSON.parse(survey.draw_order) as number[], survey.sample_size, outcomes);
}
