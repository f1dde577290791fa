import type { ApplicationDraft, ApplicationView } from '#contract';
import { isEditable } from '../../domain/application-status.js';
import { findIncomplete } from '../../domain/completeness.js';
import { evaluateEligibility } from '../../domain/eligibility.js';
import { AppError } from '../../domain/errors.js';
import { authorize, type Action, type Actor, type ApplicationResource } from '../../policies/policy.js';
import { presentApplication, presentInstitution } from '../../presenters/application.js';
import type { ApplicationRow } from '../../repositories/application-repository.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';
import { claimedFacts } from '../steps/claimed-facts.js';

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
  const resource = resourceOf(row);
  authorize(actor, action, resource);
  const [batch, unit] = await Promise.all([ctx.references.findBatch(row.batch_id), ctx.users.findUnit(row.unit_id)]);
  if (!batch || !unit) throw new Error(`application ${id} has lost its batch or unit`);
  return { row, batch, unit, resource, actor };
}

/** Passes an application already read with its batch and unit through the policy for the given action. */
export function authorizeLoaded(actor: Actor | null, loaded: Omit<LoadedApplication, 'resource'>, action: Action) {
  const resource = resourceOf(loaded.row);
  authorize(actor, action, resource);
  return { ...loaded, resource, actor };
}

const resourceOf = (row: ApplicationRow): ApplicationResource => ({
  kind: 'application',
  unitId: row.unit_id,
  authorityCode: row.authority_code,
  status: row.status,
});

/** Loads an application the actor may edit, and refuses once it is submitted. */
export async function loadEditable(ctx: Context, actor: Actor | null, id: string): Promise<AuthorizedApplication> {
  const app = await loadAuthorized(ctx, actor, id, 'application:edit');
  if (!isEditable(app.row.status)) throw new AppError('NOT_EDITABLE');
  return app;
}

/**
 * Reads the lists, evidence and review outcome of a loaded application, judges it by the rules (the
 * live eligibility, what still blocks submission) and presents the whole of it.
 */
export async function loadApplicationView(ctx: Context, app: LoadedApplication): Promise<ApplicationView> {
  const { row, batch, unit } = app;
  // The roster's size is kept on the row by the database (roster_count), in the transaction that changes it.
  const rosterCount = row.roster_count;
  const [institutionRows, evidence, returned, rejection, history] = await Promise.all([
    ctx.applications.listInstitutions(row.id),
    ctx.applications.listEvidence(row.id),
    row.status === 'returned' ? ctx.reviews.latestReturn(row.id) : undefined,
    row.status === 'not_recommended' ? ctx.reviews.findRejection(row.id) : undefined,
    ctx.notifications.historyOf(row),
  ]);
  const form = JSON.parse(row.form) as ApplicationDraft;
  const institutions = institutionRows.map(presentInstitution);
  const eligibility = evaluateEligibility(
    claimedFacts(form, unit.uscc, institutions.length, rosterCount),
    batch.config,
  );
  const incomplete = findIncomplete(
    {
      form,
      authorityCode: row.authority_code,
      institutions,
      rosterCount,
      evidenceTypesPresent: new Set(evidence.map((e) => e.evidence_type)),
    },
    batch.config,
  );
  return presentApplication({
    row,
    unit,
    form,
    institutions,
    rosterCount,
    evidence,
    eligibility,
    incomplete,
    returned,
    rejection,
    history: { ...history, status: row.status, lastReturn: returned, rejection },
  });
}
