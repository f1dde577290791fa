import type { RosterPreview } from '#contract';
import type { Actor } from '../policies/policy.js';
import { presentRoster } from '../presenters/application.js';
import type { Context } from './context.js';
import { loadAuthorized } from './loaders/application.js';

/** The served-enterprise roster of an application, phones masked. */
export async function listRoster(ctx: Context, actor: Actor | null, applicationId: string): Promise<RosterPreview> {
  await loadAuthorized(ctx, actor, applicationId, 'application:read');
  return presentRoster(await ctx.applications.listRoster(applicationId));
}
