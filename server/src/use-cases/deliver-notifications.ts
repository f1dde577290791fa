import type { NotificationEvent } from '../domain/notifications.js';
import { notificationTexts as t, reminderDue, retryDelayMs, type NotificationText } from '../domain/notifications.js';
import type { NewNotification } from '../repositories/notification-repository.js';
import type { Context } from './context.js';
import { loadRecommendingAuthorities } from './steps/recommending-authorities.js';

const EVENTS_PER_ROUND = 100;
/** How long claimed events are left to their runner before another may take them. */
const EVENT_LEASE_MS = 5 * 60 * 1000;

export interface DeliveryReport {
  processed: number;
  added: number;
  failed: { eventId: string; kind: string; error: string }[];
}

/**
 * Turns the outbox's due events into notifications, each event in a transaction of its own that writes
 * its notifications and marks it processed; an event that fails is tried again later (backoff) and the
 * others go on. The round claims its events first (a lease), so two processes running rounds at once
 * deliver each event once; notifications are also keyed by event and recipient, so a run after a crash
 * (the lease ended) writes each notification once.
 */
export async function deliverNotifications(ctx: Context): Promise<DeliveryReport> {
  const now = ctx.clock.now();
  const email = ctx.config.smtpUrl !== null;
  const report: DeliveryReport = { processed: 0, added: 0, failed: [] };
  const leaseUntil = new Date(now.getTime() + EVENT_LEASE_MS);
  for (const e of await ctx.notifications.claimEvents(now, EVENTS_PER_ROUND, leaseUntil)) {
    try {
      const items = (await recipientsOf(ctx, e.event)).map(([userId, text]) => ({
        userId,
        dedupeKey: `event:${e.id}:${userId}`,
        at: e.created_at,
        ...text,
      }));
      report.added += await ctx.transaction(async (tx) => {
        const added = await tx.notifications.deliver(items, now, email);
        await tx.notifications.markEventProcessed(e.id, now);
        return added;
      });
      report.processed++;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await ctx.notifications.markEventFailed(e.id, error, new Date(now.getTime() + retryDelayMs(e.attempts + 1)));
      report.failed.push({ eventId: e.id, kind: e.kind, error });
    }
  }
  return report;
}

type Recipient = [userId: string, text: NotificationText];

async function recipientsOf(ctx: Context, event: NotificationEvent): Promise<Recipient[]> {
  const to = (users: string[], text: NotificationText): Recipient[] => users.map((u) => [u, text]);
  switch (event.kind) {
    case 'application.returned':
    case 'application.recommended':
    case 'application.not_recommended':
    case 'application.recommendation_withdrawn': {
      const app = await ctx.notifications.findApplication(event.applicationId);
      if (!app) return [];
      const text =
        event.kind === 'application.returned'
          ? t.returned(app.authority_name, event.summary)
          : event.kind === 'application.recommended'
            ? t.recommended(app.authority_name)
            : event.kind === 'application.not_recommended'
              ? t.notRecommended(app.authority_name, event.reason)
              : t.withdrawn(app.authority_name);
      return to(await ctx.notifications.applicantsOf(app.unit_id), text);
    }
    case 'application.resubmitted': {
      const app = await ctx.notifications.findApplication(event.applicationId);
      if (!app) return [];
      return to(
        await ctx.notifications.officialsOf(app.authority_code),
        t.resubmitted(app.unit_name, event.version, app.id),
      );
    }
    case 'package.submitted': {
      const authority = await ctx.notifications.authorityName(event.authorityCode);
      const recipients = to(
        await ctx.notifications.officialsOf(null),
        t.packageSubmitted(authority, event.platforms, event.authorityCode),
      );
      for (const app of await ctx.notifications.cityApplications(event.batchId, event.authorityCode)) {
        const text =
          app.status === 'recommended' ? t.forwarded(authority) : t.notForwarded(authority, app.reason ?? null);
        recipients.push(...to(await ctx.notifications.applicantsOf(app.unit_id), text));
      }
      return recipients;
    }
    case 'package.returned':
      return to(await ctx.notifications.officialsOf(event.authorityCode), t.packageReturned(event.remarks));
    case 'package.accepted': {
      const authority = await ctx.notifications.authorityName(event.authorityCode);
      const recipients = to(
        await ctx.notifications.officialsOf(event.authorityCode),
        t.packageAccepted(event.acceptedAt),
      );
      for (const app of await ctx.notifications.cityApplications(event.batchId, event.authorityCode)) {
        if (app.status !== 'recommended') continue;
        recipients.push(
          ...to(await ctx.notifications.applicantsOf(app.unit_id), t.acceptedForApplicant(authority, event.acceptedAt)),
        );
      }
      return recipients;
    }
    case 'deadline.exception_granted':
      return to(await ctx.notifications.officialsOf(event.authorityCode), t.exceptionGranted(event.endsAt));
    case 'annual-report.submitted':
    case 'annual-report.city_checked':
    case 'annual-report.evaluated':
    case 'rectification.ordered':
    case 'recognition.revoked': {
      const r = await ctx.notifications.findRecognition(event.recognitionId);
      if (!r) return [];
      switch (event.kind) {
        case 'annual-report.submitted':
          return to(
            await ctx.notifications.officialsOf(r.authority_code),
            t.annualReportSubmitted(r.platform_name, event.year),
          );
        case 'annual-report.city_checked':
          return to(
            await ctx.notifications.officialsOf(null),
            t.annualReportChecked(r.platform_name, event.year, r.authority_name),
          );
        case 'annual-report.evaluated':
          return to(
            await ctx.notifications.applicantsOf(r.unit_id),
            t.annualReportEvaluated(event.year, event.result === 'pass', event.remark),
          );
        case 'rectification.ordered':
          return to(
            await ctx.notifications.applicantsOf(r.unit_id),
            t.rectificationOrdered(event.year, event.deadline, event.reason),
          );
        case 'recognition.revoked':
          return to(
            await ctx.notifications.applicantsOf(r.unit_id),
            t.recognitionRevoked(r.platform_name, event.reason),
          );
      }
    }
  }
}

/**
 * Deadline reminders at 7, 3 and 1 days: to applicants whose application of a batch is not submitted
 * (a draft, or returned), before the batch's application deadline; to officials of the authorities
 * recommending in the batch whose package is not submitted, before the city deadline or their exception's
 * end if later. Each reminder reaches a user once per deadline and threshold (its dedupe key, unique in
 * the table), however often the job runs and however many processes run it at once.
 */
export async function remindDeadlines(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const email = ctx.config.smtpUrl !== null;
  const items: NewNotification[] = [];
  for (const batch of await ctx.references.listBatches()) {
    const appDeadline = new Date(batch.config.applicationDeadline ?? batch.config.cityDeadline).toISOString();
    const appDays = reminderDue(now, appDeadline);
    if (appDays !== null) {
      for (const r of await ctx.notifications.unsubmittedApplicants(batch.id)) {
        items.push({
          userId: r.user_id,
          dedupeKey: `reminder:application:${batch.id}:${appDeadline}:${appDays}:${r.user_id}`,
          at: now.toISOString(),
          ...t.applicationDeadline(appDays, appDeadline),
        });
      }
    }
    const recommending = new Set((await loadRecommendingAuthorities(ctx, batch)).map((a) => a.code));
    for (const r of await ctx.notifications.unsubmittedCities(batch.id)) {
      if (!r.authority_code || !recommending.has(r.authority_code)) continue;
      const deadline = new Date(
        Math.max(Date.parse(batch.config.cityDeadline), r.exception_ends_at ? Date.parse(r.exception_ends_at) : 0),
      ).toISOString();
      const days = reminderDue(now, deadline);
      if (days === null) continue;
      items.push({
        userId: r.user_id,
        dedupeKey: `reminder:city:${batch.id}:${deadline}:${days}:${r.user_id}`,
        at: now.toISOString(),
        ...t.cityDeadline(days, deadline),
      });
    }
  }
  return ctx.notifications.deliver(items, now, email);
}
