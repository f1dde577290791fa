import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, NotificationPage } from '#contract';
import { fixedClock } from '../domain/clock.js';
import { smtpMailer } from '../jobs/notifications.js';
import { deliverNotifications, remindDeadlines } from '../use-cases/deliver-notifications.js';
import { sendNotificationEmails } from '../use-cases/send-notification-emails.js';
import { makeReadyForRecommendation, registerUnit, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const START = '2026-11-24T02:00:00Z';
const clock = fixedClock(START);
let app: App;

beforeAll(async () => {
  app = await createTestApp({ clock, config: { notifyIntervalSeconds: 0 } });
});
afterAll(async () => app.close());

const page = async (c: TestClient, query = '') => {
  const res = await c.get(`/api/v1/notifications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationPage>();
};
const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

describe('the outbox and the notification centre', () => {
  it('turns a return, a resubmission and a recommendation into notifications for the people concerned, once', async () => {
    const city = await new TestClient(app).login('luoyang');
    const other = await new TestClient(app).login('nanyang');
    const a = await submittedApplication(app, '410300');
    const b = await submittedApplication(app, '411300');

    const returned = await city.post(`/api/v1/applications/${a.id}/return`, {
      summary: '请补充合作协议',
      remarks: [{ itemKey: null, message: '协议缺盖章页' }],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    // Not sent in the request: the outbox holds the event until the job runs.
    expect((await page(a.client)).total).toBe(0);
    const [event] = await app.ctx.db
      .selectFrom('notification_events')
      .selectAll()
      .where('processed_at', 'is', null)
      .execute();
    expect(event).toMatchObject({ kind: 'application.returned' });

    later(1000);
    const first = await deliverNotifications(app.ctx);
    expect(first.failed).toEqual([]);
    expect(first.added).toBeGreaterThanOrEqual(1);
    // A second run (a crash before the mark, or a second runner) adds nothing.
    expect((await deliverNotifications(app.ctx)).added).toBe(0);

    const mine = await page(a.client);
    expect(mine).toMatchObject({ total: 1, unread: 1 });
    expect(mine.items[0]).toMatchObject({
      kind: 'application.returned',
      title: '申报被退回修改',
      link: '/applicant',
      readAt: null,
    });
    expect(mine.items[0]!.body).toContain('请补充合作协议');
    // Nobody else sees it: another applicant, another city.
    expect((await page(b.client)).items.map((n) => n.body).join()).not.toContain('请补充合作协议');
    expect((await page(other)).items.map((n) => n.kind)).not.toContain('application.returned');

    // Resubmitted after the return: the city's officials are told.
    later(1000);
    expect((await a.client.post(`/api/v1/applications/${a.id}/submit`)).statusCode).toBe(200);
    later(1000);
    await deliverNotifications(app.ctx);
    const cityPage = await page(city);
    expect(cityPage.items[0]).toMatchObject({
      kind: 'application.resubmitted',
      title: '申报已重新提交',
      link: `/city/applications/${a.id}`,
    });
    expect(cityPage.items[0]!.body).toContain('第2版');
    expect((await page(other)).items.map((n) => n.kind)).not.toContain('application.resubmitted');

    await makeReadyForRecommendation(city, a.id);
    expect((await city.post(`/api/v1/applications/${a.id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
    later(1000);
    await deliverNotifications(app.ctx);
    const after = await page(a.client);
    // Newest first.
    expect(after.items.map((n) => n.kind)).toEqual(['application.recommended', 'application.returned']);
    expect(after.unread).toBe(2);

    // Paged.
    const firstPage = await page(a.client, '?limit=1');
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.total).toBe(2);
    expect((await page(a.client, '?limit=1&offset=1')).items[0]!.kind).toBe('application.returned');
    expect((await a.client.get('/api/v1/notifications?limit=500')).statusCode).toBe(400);

    // Another user's id marks nothing; one's own marks one, then all.
    const foreign = await b.client.post('/api/v1/notifications/read', { ids: [after.items[0]!.id] });
    expect(foreign.statusCode, foreign.body).toBe(200);
    expect((await page(a.client)).unread).toBe(2);
    const one = await a.client.post('/api/v1/notifications/read', { ids: [after.items[0]!.id] });
    expect(one.json()).toEqual({ unread: 1 });
    expect((await a.client.get('/api/v1/notifications/unread')).json()).toEqual({ unread: 1 });
    expect((await a.client.post('/api/v1/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
    expect((await page(a.client)).items.every((n) => n.readAt !== null)).toBe(true);
    expect((await new TestClient(app).get('/api/v1/notifications')).statusCode).toBe(401);
  });

  it('gives every application of a city its outcome when the package is submitted, and tells the province', async () => {
    const city = await new TestClient(app).login('puyang');
    const province = await new TestClient(app).login('province');
    const recommended = await submittedApplication(app, '410900');
    const rejected = await submittedApplication(app, '410900');
    const undecided = await submittedApplication(app, '410900');

    await makeReadyForRecommendation(city, recommended.id);
    expect(
      (await city.post(`/api/v1/applications/${recommended.id}/recommendation`, { channel: 'quota' })).statusCode,
    ).toBe(200);
    expect((await city.post(`/api/v1/applications/${rejected.id}/reject`, { reason: '服务能力不足' })).statusCode).toBe(
      200,
    );
    const before = (await undecided.client.get('/api/v1/my/application')).json<ApplicationView>();
    expect(before.progress.outcome).toBeNull();
    expect(before.progress.steps.map((s) => [s.key, s.state])).toEqual([
      ['submitted', 'done'],
      ['city_review', 'current'],
      ['decision', 'pending'],
      ['forwarded', 'pending'],
      ['province', 'pending'],
    ]);

    later(60_000);
    const submitted = await city.post('/api/v1/city/package/submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    const at = clock.now().toISOString();

    const view = async (c: TestClient) => (await c.get('/api/v1/my/application')).json<ApplicationView>();
    const r = await view(recommended.client);
    expect(r.progress.outcome).toEqual({ kind: 'forwarded', label: '已报送省厅', reason: null, at });
    expect(r.progress.steps.map((s) => [s.label, s.state])).toEqual([
      ['提交申报', 'done'],
      ['市级审核', 'done'],
      ['市级推荐', 'done'],
      ['已报送省厅', 'done'],
      ['省级受理', 'current'],
    ]);
    expect((await view(rejected.client)).progress.outcome).toEqual({
      kind: 'not_recommended',
      label: '未获推荐',
      reason: '服务能力不足',
      at,
    });
    const u = await view(undecided.client);
    expect(u.progress.outcome).toEqual({ kind: 'not_recommended', label: '未获推荐', reason: null, at });
    expect(u.progress.steps.find((s) => s.key === 'decision')).toMatchObject({ label: '未获推荐', state: 'failed' });

    later(1000);
    await deliverNotifications(app.ctx);
    expect((await page(recommended.client)).items.map((n) => n.title)).toContain('申报已报送省厅');
    const rejectedTitles = (await page(rejected.client)).items;
    expect(rejectedTitles.find((n) => n.kind === 'application.not_forwarded')?.body).toContain('理由：服务能力不足');
    expect((await page(undecided.client)).items.map((n) => n.kind)).toEqual(['application.not_forwarded']);
    const told = (await page(province)).items.find((n) => n.kind === 'package.submitted');
    expect(told).toMatchObject({ title: '濮阳市已报送推荐材料', link: '/province/packages/410900' });

    // The province returns the package: the outcome goes back with it, the city is told.
    expect((await province.post('/api/v1/packages/410900/return', { remarks: '请补充推荐文件' })).statusCode).toBe(200);
    expect((await view(recommended.client)).progress.outcome).toBeNull();
    later(1000);
    await deliverNotifications(app.ctx);
    expect((await page(city)).items[0]).toMatchObject({ kind: 'package.returned', title: '推荐材料被省厅退回' });
    const events = await app.ctx.db.selectFrom('notification_events').select('processed_at').execute();
    expect(events.every((e) => e.processed_at !== null)).toBe(true);
  });
});

describe('省级受理', () => {
  it('tells the city’s officials and each recommended applicant, once, that the province accepted the package', async () => {
    const city = await new TestClient(app).login('luoyang');
    const province = await new TestClient(app).login('province');
    const recommended = await submittedApplication(app, '410300');
    const rejected = await submittedApplication(app, '410300');
    await makeReadyForRecommendation(city, recommended.id);
    expect(
      (await city.post(`/api/v1/applications/${recommended.id}/recommendation`, { channel: 'quota' })).statusCode,
    ).toBe(200);
    expect((await city.post(`/api/v1/applications/${rejected.id}/reject`, { reason: '服务能力不足' })).statusCode).toBe(
      200,
    );
    later(60_000);
    const submitted = await city.post('/api/v1/city/package/submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    later(1000);
    await deliverNotifications(app.ctx);

    later(10 * 60_000);
    const accepted = await province.post('/api/v1/packages/410300/accept', { version: submitted.json().version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await page(recommended.client)).items.map((n) => n.kind)).not.toContain('application.accepted');
    later(1000);
    expect((await deliverNotifications(app.ctx)).failed).toEqual([]);
    expect((await deliverNotifications(app.ctx)).added).toBe(0);

    const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(
      new Date(accepted.json().acceptedAt),
    );
    const applicantNotices = (await page(recommended.client)).items.filter((n) => n.kind === 'application.accepted');
    expect(applicantNotices).toHaveLength(1);
    expect(applicantNotices[0]).toMatchObject({ title: '申报已获省级受理', link: '/applicant' });
    expect(applicantNotices[0]!.body).toContain(
      `省工业和信息化厅已于${day}受理洛阳市工业和信息化主管部门报送的推荐材料`,
    );
    expect(applicantNotices[0]!.body).toContain('专家评审');
    expect((await page(rejected.client)).items.map((n) => n.kind)).not.toContain('application.accepted');
    const cityNotices = (await page(city)).items.filter((n) => n.kind === 'package.accepted');
    expect(cityNotices).toHaveLength(1);
    expect(cityNotices[0]).toMatchObject({ title: '推荐材料已获省厅受理', link: '/city/package' });
    expect(cityNotices[0]!.body).toContain(`省工业和信息化厅已于${day}受理本市推荐材料`);
    expect((await page(province)).items.map((n) => n.kind)).not.toContain('package.accepted');
  });
});

describe('deadline reminders', () => {
  it('reminds at 7, 3 and 1 days exactly once per user, even with two runs at once', async () => {
    const batch = (await app.ctx.references.findBatch('2022-demo'))!;
    const deadline = Date.parse(batch.config.applicationDeadline!);
    const cityDeadline = Date.parse(batch.config.cityDeadline);
    const countOf = async (kind: string) =>
      Number(
        (
          await app.ctx.db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', '=', kind)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const { username } = await registerUnit(app, 91_000, '410300');
    const draft = await app.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const remindersOf = (userId: string) =>
      app.ctx.db
        .selectFrom('notifications')
        .select(['title', 'dedupe_key'])
        .where('user_id', '=', userId)
        .where('kind', '=', 'deadline.application')
        .orderBy('created_at')
        .execute();

    try {
      clock.set(new Date(deadline - 8 * 86_400_000));
      expect(await remindDeadlines(app.ctx)).toBe(0);

      for (const days of [7, 3, 1]) {
        clock.set(new Date(deadline - days * 86_400_000 + 60_000));
        const [x, y] = await Promise.all([remindDeadlines(app.ctx), remindDeadlines(app.ctx)]);
        expect(x + y).toBeGreaterThan(0);
        expect(await remindDeadlines(app.ctx)).toBe(0);
        const mine = await remindersOf(draft.id);
        expect(mine.at(-1)!.title).toBe(`申报截止还有 ${days} 天`);
      }
      expect((await remindersOf(draft.id)).map((r) => r.title)).toEqual([
        '申报截止还有 7 天',
        '申报截止还有 3 天',
        '申报截止还有 1 天',
      ]);
      const keys = (await remindersOf(draft.id)).map((r) => r.dedupe_key);
      expect(new Set(keys).size).toBe(3);

      clock.set(new Date(deadline + 1000));
      const applicantReminders = await countOf('deadline.application');
      await remindDeadlines(app.ctx);
      expect(await countOf('deadline.application')).toBe(applicantReminders);

      // Cities whose package is not submitted: 3 days before the city deadline, once.
      clock.set(new Date(cityDeadline - 2 * 86_400_000));
      await Promise.all([remindDeadlines(app.ctx), remindDeadlines(app.ctx)]);
      const nanyang = await app.ctx.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select('notifications.title')
        .where('users.username', '=', 'nanyang')
        .where('notifications.kind', '=', 'deadline.city')
        .execute();
      expect(nanyang.map((n) => n.title)).toEqual(['推荐材料报送截止还有 3 天']);
    } finally {
      clock.set(START);
    }
  });
});

/** A local SMTP sink: keeps every message it is given. */
async function startSink(): Promise<{
  port: number;
  messages: { to: string[]; raw: string }[];
  close(): Promise<void>;
}> {
  const messages: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The subject header, its RFC 2047 encoded words (base64, as nodemailer writes CJK text) decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)![1]!;
  return header
    .replace(/\r\n[ \t]/g, '')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

describe('email', () => {
  it('emails a notification to the address the user gave, once, and retries with backoff when the server fails', async () => {
    const sink = await startSink();
    const mailApp = await createTestApp({
      clock,
      config: { notifyIntervalSeconds: 0, smtpUrl: `smtp://127.0.0.1:${sink.port}` },
    });
    try {
      const mailer = smtpMailer(mailApp.ctx.config)!;
      const city = await new TestClient(mailApp).login('luoyang');
      const a = await submittedApplication(mailApp, '410300');
      expect((await a.client.put('/api/v1/account/notification-email', { email: 'not-an-address' })).statusCode).toBe(
        400,
      );
      const set = await a.client.put('/api/v1/account/notification-email', { email: 'clerk@example.cn' });
      expect(set.json()).toEqual({ email: 'clerk@example.cn' });
      expect((await a.client.get('/api/v1/account/notification-email')).json()).toEqual({ email: 'clerk@example.cn' });
      const stored = await mailApp.ctx.db
        .selectFrom('users')
        .select('email')
        .where('username', '=', a.username)
        .executeTakeFirstOrThrow();
      expect(stored.email).toMatch(/^sm4:/);
      expect((await mailApp.ctx.audit.list(10, 'account.notification_email'))[0]).toMatchObject({
        actor_name: a.username,
      });

      expect(
        (
          await city.post(`/api/v1/applications/${a.id}/return`, {
            summary: '请补充合作协议',
            remarks: [],
          })
        ).statusCode,
      ).toBe(200);
      later(1000);
      await deliverNotifications(mailApp.ctx);
      // Two senders at once: one claims the email, the sink gets it once.
      const [x, y] = await Promise.all([
        sendNotificationEmails(mailApp.ctx, mailer),
        sendNotificationEmails(mailApp.ctx, mailer),
      ]);
      expect(x.sent + y.sent).toBe(1);
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0]!.to).toEqual(['clerk@example.cn']);
      expect(subjectOf(sink.messages[0]!.raw)).toBe('【申报系统】申报被退回修改');
      expect((await sendNotificationEmails(mailApp.ctx, mailer)).sent).toBe(0);
      // Officials without an address get no email (in-app only).
      const cityRows = await mailApp.ctx.db
        .selectFrom('notifications')
        .select('email_status')
        .where('kind', '=', 'application.returned')
        .execute();
      expect(cityRows.map((r) => r.email_status)).toEqual(['sent']);

      // The server goes away: the attempt fails, is logged in the report and waits for its retry.
      await sink.close();
      later(1000);
      expect((await a.client.post(`/api/v1/applications/${a.id}/submit`)).statusCode).toBe(200);
      await makeReadyForRecommendation(city, a.id);
      expect((await city.post(`/api/v1/applications/${a.id}/recommendation`, { channel: 'quota' })).statusCode).toBe(
        200,
      );
      later(1000);
      await deliverNotifications(mailApp.ctx);
      const failed = await sendNotificationEmails(mailApp.ctx, mailer);
      expect(failed.sent).toBe(0);
      expect(failed.failed).toHaveLength(1);
      expect(failed.failed[0]!.givenUp).toBe(false);
      const waiting = await mailApp.ctx.db
        .selectFrom('notifications')
        .select(['email_status', 'email_attempts', 'email_next_at'])
        .where('kind', '=', 'application.recommended')
        .executeTakeFirstOrThrow();
      expect(waiting).toMatchObject({ email_status: 'pending', email_attempts: 1 });
      expect(Date.parse(waiting.email_next_at!)).toBe(clock.now().getTime() + 30_000);
      // Not before its time; then again, with a longer wait after the second failure.
      expect((await sendNotificationEmails(mailApp.ctx, mailer)).failed).toHaveLength(0);
      later(30_000);
      expect((await sendNotificationEmails(mailApp.ctx, mailer)).failed).toHaveLength(1);
      const again = await mailApp.ctx.db
        .selectFrom('notifications')
        .select(['email_attempts', 'email_next_at'])
        .where('kind', '=', 'application.recommended')
        .executeTakeFirstOrThrow();
      expect(again.email_attempts).toBe(2);
      expect(Date.parse(again.email_next_at!)).toBe(clock.now().getTime() + 60_000);
    } finally {
      await mailApp.close();
      clock.set(START);
    }
  });
});
