import type { ApplicationDraft, ApplicationView } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadApplicationView, loadAuthorized, loadEditable } from './loaders/application.js';

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
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, id, 'application:edit'));
}
