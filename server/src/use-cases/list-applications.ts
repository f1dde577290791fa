import { reviewableStatuses, type ApplicationDraft, type ApplicationStatus } from '#contract';
import { findDuplicates } from '../domain/duplicates.js';
import { evaluateEligibility } from '../domain/eligibility.js';
import { maskPhone } from '../domain/masking.js';
import { authorize, type Actor } from '../policies/policy.js';
import { claimedFacts } from './application-view.js';
import type { Context } from './context.js';

export interface ApplicationListQuery {
  status?: ApplicationStatus;
  channel?: string;
  category?: string;
  authorityCode?: string;
  q?: string;
}

/**
 * The city's queue (its own authority only) or the province's list, each application with its
 * eligibility judged by the one rule engine, a duplicate flag across the whole batch, and whether it
 * is new to this official: never opened, or (re)submitted since last opened. Drafts stay private.
 */
export async function listApplications(ctx: Context, actor: Actor | null, query: ApplicationListQuery = {}) {
  authorize(actor, 'application:list');
  const rows = await ctx.applications.list({ statuses: [...reviewableStatuses] });
  const forms = new Map(rows.map((r) => [r.id, JSON.parse(r.form) as ApplicationDraft]));
  const duplicates = findDuplicates(
    rows.map((r) => ({ id: r.id, uscc: r.uscc, platformName: forms.get(r.id)!.platformName })),
  );
  const batches = new Map((await ctx.references.listBatches()).map((b) => [b.id, b]));
  const views = await ctx.users.listViews(actor.userId);

  const scope = actor.role === 'city' ? actor.authorityCode : query.authorityCode;
  const q = query.q?.trim();
  return rows
    .filter((r) => !scope || r.authority_code === scope)
    .filter((r) => !query.status || r.status === query.status)
    .filter((r) => !query.channel || (forms.get(r.id)!.channel ?? 'quota') === query.channel)
    .filter((r) => !query.category || (forms.get(r.id)!.categories ?? []).includes(query.category))
    .filter(
      (r) =>
        !q ||
        r.unit_name.includes(q) ||
        (forms.get(r.id)!.platformName ?? '').includes(q) ||
        r.uscc.includes(q.toUpperCase()),
    )
    .map((r) => {
      const form = forms.get(r.id)!;
      const eligibility = evaluateEligibility(
        claimedFacts(form, r.uscc, Number(r.institution_count), Number(r.roster_count)),
        batches.get(r.batch_id)!.config,
      );
      return {
        id: r.id,
        batchId: r.batch_id,
        unitName: r.unit_name,
        uscc: r.uscc,
        platformName: form.platformName ?? '',
        categories: form.categories ?? [],
        channel: form.channel ?? 'quota',
        regionName: r.region_name,
        authorityCode: r.authority_code,
        authorityName: r.authority_name,
        status: r.status,
        eligible: eligibility.eligible,
        failureCodes: eligibility.failures.map((f) => f.code),
        duplicate: duplicates.has(r.id),
        isNew: isNewTo(views.get(r.id), r.submitted_at),
        submittedAt: r.submitted_at,
        contactName: r.contact_name,
        contactPhone: maskPhone(r.contact_phone),
      };
    });
}

function isNewTo(viewedAt: string | undefined, submittedAt: string | null): boolean {
  return submittedAt !== null && (viewedAt === undefined || submittedAt > viewedAt);
}

/** Groups of applications across the batch that look like the same platform, for the province. */
export async function listDuplicateGroups(ctx: Context, batchId: string) {
  const rows = await ctx.applications.list({ batchId, statuses: [...reviewableStatuses] });
  const forms = new Map(rows.map((r) => [r.id, JSON.parse(r.form) as ApplicationDraft]));
  const duplicates = findDuplicates(
    rows.map((r) => ({ id: r.id, uscc: r.uscc, platformName: forms.get(r.id)!.platformName })),
  );
  const seen = new Set<string>();
  const groups = [];
  for (const r of rows) {
    const others = duplicates.get(r.id);
    if (!others || seen.has(r.id)) continue;
    const members = rows.filter((x) => x.id === r.id || others.includes(x.id));
    members.forEach((m) => seen.add(m.id));
    groups.push({
      uscc: r.uscc,
      unitName: r.unit_name,
      platformName: forms.get(r.id)!.platformName ?? '',
      applications: members.map((m) => ({
        id: m.id,
        authorityName: m.authority_name,
        unitName: m.unit_name,
        channel: forms.get(m.id)!.channel ?? 'quota',
        status: m.status,
      })),
    });
  }
  return groups;
}
