import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Context } from '../use-cases/context.js';
import { deliverNotifications, remindDeadlines } from '../use-cases/deliver-notifications.js';
import { sendNotificationEmails, type Mailer } from '../use-cases/send-notification-emails.js';

export interface NotificationJob {
  /** One round now: events into notifications, deadline reminders, due emails (tests call it). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/** The SMTP mailer of SMTP_URL and SMTP_FROM; null when no SMTP server is configured. */
export function smtpMailer(config: Config): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: config.smtpFrom, ...message });
    },
  };
}

/**
 * The notification job: every `notifyIntervalSeconds`, one round at a time (a round still running is
 * not started again), turns the outbox's events into notifications, adds the deadline reminders due and
 * sends the emails due. What fails is logged and retried by the next rounds (with backoff). Several server
 * processes may run rounds at once: events and emails are claimed under a lease before they are handled,
 * and each notification (a reminder too) is written once by its unique dedupe key.
 */
export function startNotifications(
  ctx: Context,
  log: FastifyBaseLogger,
  mailer: Mailer | null = smtpMailer(ctx.config),
): NotificationJob {
  let running: Promise<void> | null = null;
  let stopped = false;

  const round = async () => {
    const delivered = await deliverNotifications(ctx);
    for (const f of delivered.failed) log.error({ eventId: f.eventId, kind: f.kind, err: f.error }, '通知事件处理失败');
    const reminders = await remindDeadlines(ctx);
    if (delivered.added || reminders) log.info({ notifications: delivered.added, reminders }, '已生成通知');
    if (!mailer) return;
    const emails = await sendNotificationEmails(ctx, mailer);
    for (const f of emails.failed)
      log.warn({ notificationId: f.notificationId, err: f.error, givenUp: f.givenUp }, '通知邮件发送失败');
    if (emails.sent) log.info({ sent: emails.sent }, '已发送通知邮件');
  };

  const runOnce = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= round()
      .catch((err: unknown) => log.error({ err }, 'notification job failed'))
      .finally(() => (running = null));
    return running;
  };

  const timer =
    ctx.config.notifyIntervalSeconds > 0 ? setInterval(runOnce, ctx.config.notifyIntervalSeconds * 1000) : null;
  timer?.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
