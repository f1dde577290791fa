import {
  reviewableStatuses,
  type ApplicationDraft,
  type ApplicationFilters,
  type ApplicationListPage,
} from '#contract';
import { evaluateEligibility } from '../domain/eligibility.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentApplicationListItem } from '../presenters/application.js';
import type { Context } from './context.js';
import { currentBatch } from './loaders/batch.js';
import { findDuplicatesOf } from './steps/batch-duplicates.js';
import { claimedFacts } from './steps/claimed-facts.js';

/**
 * One page of the city's queue (its own authority only) or the province's list, of one batch (`query.batch`, default
 * the open one), filtered, searched, sorted and paged by the database, with the counts of the whole (per status, and
 * how many are new to this official: never opened, or (re)submitted since last opened). Only the page's rows are
 * judged by the one rule engine and looked up for duplicates within the batch. Drafts stay private.
 */
export async function listApplications(
  ctx: Context,
  actor: Actor | null,
  query: ApplicationFilters = {},
): Promise<ApplicationListPage> {
  authorize(actor, 'application:list');
  const batch = await currentBatch(ctx, query.batch);
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  const sort = query.sort ?? 'submittedAt';
  const statuses = reviewableStatuses.filter((s) => !query.status || s === query.status);
  const { rows, counts } = await ctx.applications.listPage({
    batchId: batch.id,
    authorityCode: actor.role === 'city' ? actor.authorityCode! : query.authorityCode,
    statuses,
    countedStatuses: reviewableStatuses,
    channel: query.channel,
    category: query.category,
    q: query.q?.trim() || undefined,
    viewerId: actor.userId,
    sort,
    order: query.order ?? (sort === 'submittedAt' ? 'desc' : 'asc'),
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const duplicates = await findDuplicatesOf(
    ctx,
    batch.id,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => {
    const form = JSON.parse(r.form) as ApplicationDraft;
    const eligibility = evaluateEligibility(
      claimedFacts(form, r.uscc, Number(r.institution_count), Number(r.roster_count)),
      batch.config,
    );
    return presentApplicationListItem(r, form, { eligibility, duplicate: duplicates.has(r.id), isNew: r.is_new });
  });
  const listed = counts.filter((c) => (statuses as readonly string[]).includes(c.status));
  return {
    items,
    total: listed.reduce((n, c) => n + c.count, 0),
    newCount: listed.reduce((n, c) => n + c.fresh, 0),
    statusCounts: Object.fromEntries(counts.map((c) => [c.status, c.count])),
    page,
    pageSize,
  };
}
