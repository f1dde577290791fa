import { MAX_EMAIL_ATTEMPTS, retryDelayMs } from '../domain/notifications.js';
import type { Context } from './context.js';

/** Sends one email; a rejected promise is a failed attempt. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

const EMAILS_PER_ROUND = 50;
/** How long a claimed email is left to its sender before another run may try it. */
const CLAIM_LEASE_MS = 5 * 60 * 1000;

export interface EmailReport {
  sent: number;
  failed: { notificationId: string; error: string; givenUp: boolean }[];
}

/**
 * Sends the notifications' due emails. Each is claimed first (a lease), so two runs never send the same
 * email together; marked sent after the server accepted it, so a crash between the two sends it once
 * more at most (at least once, never lost). A failure is tried again with backoff, and given up after
 * MAX_EMAIL_ATTEMPTS; the notification itself stays in the app either way.
 */
export async function sendNotificationEmails(ctx: Context, mailer: Mailer): Promise<EmailReport> {
  const now = ctx.clock.now();
  const report: EmailReport = { sent: 0, failed: [] };
  for (const n of await ctx.notifications.dueEmails(now, EMAILS_PER_ROUND)) {
    if (!(await ctx.notifications.claimEmail(n.id, n.email_next_at, new Date(now.getTime() + CLAIM_LEASE_MS))))
      continue;
    if (!n.email) {
      await ctx.notifications.markEmailFailed(n.id, '用户未留电子邮箱', null);
      continue;
    }
    try {
      await mailer.send({ to: n.email, subject: `【申报系统】${n.title}`, text: n.body });
      await ctx.notifications.markEmailSent(n.id, ctx.clock.now());
      report.sent++;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const attempts = n.email_attempts + 1;
      const retryAt = attempts >= MAX_EMAIL_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts));
      await ctx.notifications.markEmailFailed(n.id, error, retryAt);
      report.failed.push({ notificationId: n.id, error, givenUp: retryAt === null });
    }
  }
  return report;
}
