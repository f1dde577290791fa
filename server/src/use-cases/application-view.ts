import type { ApplicationDraft, ApplicationView, EvidenceFileView } from '#contract';
import { findIncomplete } from '../domain/completeness.js';
import { evaluateEligibility, type EligibilityFacts } from '../domain/eligibility.js';
import { AppError } from '../domain/errors.js';
import { authorize, type Action, type Actor, type ApplicationResource } from '../policies/policy.js';
import type { ApplicationRow, EvidenceRow } from '../repositories/application-repository.js';
import type { Batch } from '../repositories/reference-repository.js';
import type { Context } from './context.js';

export interface LoadedApplication {
  row: ApplicationRow;
  batch: Batch;
  unit: { id: string; name: string; uscc: string; region_code: string };
  resource: ApplicationResource;
}

/** A loaded application together with the actor the policy let through (narrowed: never null). */
export interface AuthorizedApplication extends LoadedApplication {
  actor: Actor;
}

/** Loads an application and passes it through the policy for the given action. */
export async function loadAuthorized(
  ctx: Context,
  actor: Actor | null,
  id: string,
  action: Action,
): Promise<AuthorizedApplication> {
  const row = await ctx.applications.findById(id);
  if (!row) {
    authorize(actor, 'session:use');
    throw new AppError('NOT_FOUND', '申报不存在');
  }
  const resource: ApplicationResource = {
    kind: 'application',
    unitId: row.unit_id,
    authorityCode: row.authority_code,
    status: row.status,
  };
  authorize(actor, action, resource);
  const [batch, unit] = await Promise.all([ctx.references.findBatch(row.batch_id), ctx.users.findUnit(row.unit_id)]);
  if (!batch || !unit) throw new Error(`application ${id} has lost its batch or unit`);
  return { row, batch, unit, resource, actor };
}

export function presentEvidence(e: EvidenceRow): EvidenceFileView {
  return {
    id: e.id,
    evidenceType: e.evidence_type,
    originalName: e.original_name,
    mediaType: e.media_type,
    sizeBytes: Number(e.size_bytes),
    sha256: e.sha256,
    sm3: e.sm3,
    uploadedAt: e.uploaded_at,
  };
}

/** The whole application as the form shows it, with the live eligibility and what is still missing. */
export async function buildApplicationView(ctx: Context, app: LoadedApplication): Promise<ApplicationView> {
  const { row, batch, unit } = app;
  const [institutions, rosterCount, evidence] = await Promise.all([
    ctx.applications.listInstitutions(row.id),
    ctx.applications.countRoster(row.id),
    ctx.applications.listEvidence(row.id),
  ]);
  const form = JSON.parse(row.form) as ApplicationDraft;
  const institutionViews = institutions.map((i) => ({
    id: i.id,
    name: i.name,
    uscc: i.uscc,
    agreementFileId: i.agreement_file_id,
  }));
  const eligibility = evaluateEligibility(
    claimedFacts(form, unit.uscc, institutions.length, rosterCount),
    batch.config,
  );
  const [returned, rejection] = await Promise.all([
    row.status === 'returned' ? ctx.reviews.latestReturn(row.id) : undefined,
    row.status === 'not_recommended' ? ctx.reviews.findRejection(row.id) : undefined,
  ]);
  const incomplete = findIncomplete(
    {
      form,
      authorityCode: row.authority_code,
      institutions: institutionViews,
      rosterCount,
      evidenceTypesPresent: new Set(evidence.map((e) => e.evidence_type)),
    },
    batch.config,
  );
  return {
    id: row.id,
    batchId: row.batch_id,
    unitId: unit.id,
    unitName: unit.name,
    uscc: unit.uscc,
    regionCode: unit.region_code,
    authorityCode: row.authority_code,
    status: row.status,
    version: row.version,
    form,
    institutions: institutionViews,
    rosterCount,
    evidence: evidence.map(presentEvidence),
    eligibility,
    incomplete,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    returnRemarks: returned ? presentReturn(returned) : null,
    rejection: rejection ? { reason: rejection.reason, rejectedAt: rejection.rejected_at } : null,
  };
}

/** The figures the applicant claims: the form, the unit's USCC, and the two list counts. */
export function claimedFacts(
  form: ApplicationDraft,
  uscc: string,
  institutions: number,
  rosterCount: number,
): EligibilityFacts {
  return { ...form, uscc, institutions, enterprisesServedLastYear: rosterCount };
}

export function presentReturn(r: { summary: string; remarks: string; returned_at: string }) {
  return {
    summary: r.summary,
    remarks: JSON.parse(r.remarks) as { itemKey: string | null; message: string }[],
    returnedAt: r.returned_at,
  };
}
