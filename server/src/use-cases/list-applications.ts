import type { ApplicationDraft } from '../../../shared/src/index.js';
import { evaluateEligibility } from '../domain/eligibility.js';
import { maskPhone } from '../domain/masking.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context } from './context.js';

/**
 * The city's queue (its own authority only) or the province's list, each application with its
 * eligibility judged by the one rule engine; drafts stay private to applicants.
 */
export async function listApplications(ctx: Context, actor: Actor | null) {
  authorize(actor, 'application:list');
  const rows = await ctx.applications.list({
    authorityCode: actor.role === 'city' ? actor.authorityCode ?? '-' : undefined,
    statuses: ['submitted', 'returned'],
  });
  const batches = new Map((await ctx.references.listBatches()).map((b) => [b.id, b]));
  return rows.map((r) => {
    const form = JSON.parse(r.form) as ApplicationDraft;
    const batch = batches.get(r.batch_id)!;
    const eligibility = evaluateEligibility(
      { ...form, uscc: r.uscc, institutions: Number(r.institution_count), enterprisesServedLastYear: Number(r.roster_count) },
      batch.config,
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
      submittedAt: r.submitted_at,
      contactName: r.contact_name,
      contactPhone: maskPhone(r.contact_phone),
    };
  });
}
