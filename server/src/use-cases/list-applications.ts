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
import { findBatchDuplicates } from './steps/batch-duplicates.js';
import { claimedFacts } from './steps/claimed-facts.js';

/**
 * One page of the city's queue (its own authority only) or the province's list, of one batch (`query.batch`, default
 * the open one), each application with its eligibility judged by the one rule engine, a duplicate flag
 * within that batch, and whether it is new to this official: never opened, or (re)submitted since last
 * opened. Drafts stay private.
 */
export async function listApplications(
  ctx: Context,
  actor: Actor | null,
  query: ApplicationFilters = {},
): Promise<ApplicationListPage> {
  authorize(actor, 'application:list');
  const batch = await currentBatch(ctx, query.batch);
  const scope = actor.role === 'city' ? actor.authorityCode! : query.authorityCode;
  const statuses = reviewableStatuses.filter((s) => !query.status || s === query.status);
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  if (statuses.length === 0) return { items: [], total: 0, newCount: 0, page, pageSize };
  const [rows, duplicates, views] = await Promise.all([
    ctx.applications.list({ batchId: batch.id, authorityCode: scope, statuses }),
    findBatchDuplicates(ctx, batch.id),
    ctx.users.listViews(actor.userId),
  ]);
  const forms = new Map(rows.map((r) => [r.id, JSON.parse(r.form) as ApplicationDraft]));

  const q = query.q?.trim();
  const matching = rows
    .filter((r) => !query.channel || (forms.get(r.id)!.channel ?? 'quota') === query.channel)
    .filter((r) => !query.category || (forms.get(r.id)!.categories ?? []).includes(query.category))
    .filter(
      (r) =>
        !q ||
        r.unit_name.includes(q) ||
        (forms.get(r.id)!.platformName ?? '').includes(q) ||
        r.uscc.includes(q.toUpperCase()),
    );
  const isNew = (r: (typeof rows)[number]) => isNewTo(views.get(r.id), r.submitted_at);
  // Only the page shown is judged and presented.
  const items = matching.slice((page - 1) * pageSize, page * pageSize).map((r) => {
    const form = forms.get(r.id)!;
    const eligibility = evaluateEligibility(
      claimedFacts(form, r.uscc, Number(r.institution_count), Number(r.roster_count)),
      batch.config,
    );
    return presentApplicationListItem(r, form, { eligibility, duplicate: duplicates.has(r.id), isNew: isNew(r) });
  });
  return { items, total: matching.length, newCount: matching.filter(isNew).length, page, pageSize };
}

function isNewTo(viewedAt: string | undefined, submittedAt: string | null): boolean {
  return submittedAt !== null && (viewedAt === undefined || submittedAt > viewedAt);
}
