import { randomUUID } from 'node:crypto';
import { normalizeUscc, type ApplicationDraft, type ApplicationView, type InstitutionInput } from '../../../shared/src/index.js';
import { isEditable } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import { buildApplicationView, loadAuthorized, type LoadedApplication } from './application-view.js';
import type { Context } from './context.js';

/** Loads an application the actor may edit, and refuses once it is submitted. */
export async function loadEditable(ctx: Context, actor: Actor | null, id: string): Promise<LoadedApplication> {
  const app = await loadAuthorized(ctx, actor, id, 'application:edit');
  if (!isEditable(app.row.status)) throw new AppError('NOT_EDITABLE');
  return app;
}

/** Autosave: merges the changed fields into the draft and returns the re-evaluated view. */
export async function saveApplicationDraft(ctx: Context, actor: Actor | null, id: string, patch: ApplicationDraft): Promise<ApplicationView> {
  const app = await loadEditable(ctx, actor, id);
  const form = { ...(JSON.parse(app.row.form) as ApplicationDraft), ...patch };
  if (form.channel !== 'designated_area') form.designatedAreaId = null;
  if (!(await ctx.applications.updateForm(id, JSON.stringify(form), ctx.clock.now()))) throw new AppError('NOT_EDITABLE');
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, id, 'application:edit'));
}

/** Replaces the list of aggregated service institutions; agreement files must belong to this application. */
export async function replaceInstitutions(ctx: Context, actor: Actor | null, id: string, institutions: InstitutionInput[]): Promise<ApplicationView> {
  await loadEditable(ctx, actor, id);
  const evidence = new Set((await ctx.applications.listEvidence(id)).map((e) => e.id));
  institutions.forEach((inst, i) => {
    if (inst.agreementFileId && !evidence.has(inst.agreementFileId)) {
      throw new AppError('VALIDATION_FAILED', undefined, { errors: [{ field: `institutions.${i}.agreementFileId`, message: `集聚服务机构（第${i + 1}项）：合作协议文件不存在` }] });
    }
  });
  await ctx.applications.replaceInstitutions(
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
  await ctx.applications.touch(id, ctx.clock.now());
  return buildApplicationView(ctx, await loadAuthorized(ctx, actor, id, 'application:edit'));
}
