import type { NotificationEmail } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';

/** The address the user's notifications are also emailed to (null: none). */
export async function getNotificationEmail(ctx: Context, actor: Actor | null): Promise<NotificationEmail> {
  authorize(actor, 'account:self');
  return { email: await ctx.notifications.findEmail(actor.userId) };
}

/** Sets or clears the user's own notification email address (audited; the address itself is not logged). */
export async function setNotificationEmail(
  ctx: Context,
  actor: Actor | null,
  input: NotificationEmail,
  origin: RequestOrigin,
): Promise<NotificationEmail> {
  authorize(actor, 'account:self');
  const email = input.email?.trim() || null;
  await ctx.transaction(async (tx) => {
    await tx.notifications.setEmail(actor.userId, email);
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'account.notification_email',
        targetType: 'user',
        targetId: actor.userId,
        detail: { set: email !== null },
      },
      ctx.clock.now(),
    );
  });
  return { email };
}
