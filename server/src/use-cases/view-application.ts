import type { ApplicationView } from '#contract';
import type { Actor } from '../policies/policy.js';
import { loadApplicationView, loadAuthorized } from './loaders/application.js';
import type { Context, RequestOrigin } from './context.js';

/**
 * Opens one application. The record shows the principal's and contact's names and phones in full, so
 * when an official opens another unit's record the disclosure is audited (domain §11).
 */
export async function viewApplication(
  ctx: Context,
  actor: Actor | null,
  id: string,
  origin: RequestOrigin,
): Promise<ApplicationView> {
  const app = await loadAuthorized(ctx, actor, id, 'application:read');
  if (app.actor.role !== 'applicant') {
    await ctx.audit.record(
      {
        actorUserId: app.actor.userId,
        actorName: app.actor.username,
        ip: origin.ip,
        action: 'personal_data.disclose',
        targetType: 'application',
        targetId: id,
        detail: { fields: ['principalName', 'contactName', 'contactPhone'] },
      },
      ctx.clock.now(),
    );
  }
  return loadApplicationView(ctx, app);
}
