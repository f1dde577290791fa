import { randomUUID } from 'node:crypto';
import { normalizeUscc, type ApplicationDraft, type ApplicationView, type InstitutionInput } from '#contract';
import { isEditable } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import { institutionProblems } from '../domain/institutions.js';
import { AGREEMENT_TYPE } from '../repositories/file-repository.js';
import type { Actor } from '../policies/policy.js';
import { buildApplicationView, loadAuthorized, type AuthorizedApplication } from './application-view.js';
import type { Context, RequestOrigin } from './context.js';

/** Loads an application the actor may edit, and refuses once it is submitted. */
export async function loadEditable(ctx: Context, actor: Actor | null, id: string): Promise<AuthorizedApplication> {
  const app = await loadAuthorized(ctx, actor, id, 'application:edit');
  if (!isEditable(app.row.status)) throw new AppError('NOT_EDITABLE');
  return app;
}

/** Autosave: merges the changed fields into the draft and returns the re-evaluated view. */
export async function saveApplicationDraft(
  ctx: Context,
  actor: Actor | null,
  id: string,
  patch: ApplicationDraft,
  origin: RequestOrigin,
): Promise<ApplicationView> {
  const app = await loadEditable(ctx, actor, id);
  const form = { ...(JSON.parse(app.row.form) as ApplicationDraft), ...patch };
  if (form.channel !== 'designated_area') form.designatedAreaId = null;
  await ctx.transaction(async (tx) => {
    if (!(await tx.applications.updateForm(id, JSON.stringify(form), ctx.clock.now())))
      throw new AppError('NOT_EDITABLE');
    // The changed fields' names only: values (phones, names) stay out of the log.
    await tx.audit.record(
      {
        actorUserId: app.actor.userId,
        actorName: app.actor.username,
        ip: origin.ip,
        action: 'application.draft_save',
        targetType: 'application',
        targetId: id,
        detail: { fields: Object.keys(patch).sort() },
      },
      ctx.clock.now(),
    );
  });
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, id, 'application:edit'));
}

/**
 * Replaces the list of aggregated service institutions, checked as a whole (institutionProblems): valid
 * and distinct USCCs, each with its own agreement file of this application. Agreement files the list no
 * longer points to are deleted with it (their bytes after the commit).
 */
export async function replaceInstitutions(
  ctx: Context,
  actor: Actor | null,
  id: string,
  institutions: InstitutionInput[],
  origin: RequestOrigin,
): Promise<ApplicationView> {
  const app = await loadEditable(ctx, actor, id);
  const agreements = new Set(
    (await ctx.applications.listEvidence(id)).filter((e) => e.evidence_type === AGREEMENT_TYPE).map((e) => e.id),
  );
  const problems = institutionProblems(institutions, agreements);
  if (problems.length)
    throw new AppError('VALIDATION_FAILED', `输入有误：${problems.map((p) => p.message).join('；')}`, {
      errors: problems,
    });
  const removed = await storeInstitutions(ctx, app.actor, id, institutions, 'institutions.replace', origin);
  await Promise.all(removed.map((key) => ctx.blobs.remove(key)));
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, id, 'application:edit'));
}

/**
 * Writes a checked institutions list with its audit entry in one unit of work; returns the storage keys
 * of agreement files it dropped, for the caller to remove once committed.
 */
export function storeInstitutions(
  ctx: Context,
  actor: Actor,
  id: string,
  institutions: readonly InstitutionInput[],
  action: 'institutions.replace' | 'institutions.import',
  origin: RequestOrigin,
): Promise<string[]> {
  const now = ctx.clock.now();
  return ctx.transaction(async (tx) => {
    const keys = await tx.applications.replaceInstitutions(
      id,
      institutions.map((inst, i) => ({
        id: randomUUID(),
        application_id: id,
        position: i,
        name: inst.name,
        uscc: normalizeUscc(inst.uscc),
        agreement_file_id: inst.agreementFileId ?? null,
      })),
    );
    await tx.applications.touch(id, now);
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action,
        targetType: 'application',
        targetId: id,
        detail: {
          count: institutions.length,
          withAgreement: institutions.filter((x) => x.agreementFileId).length,
          removedAgreements: keys.length,
        },
      },
      now,
    );
    return keys;
  });
}
