import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReportList } from '#contract';
import { fixedClock } from '../domain/clock.js';
import { expireRecognitions } from '../use-cases/expire-recognitions.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { recognizedPlatforms, type RecognizedPlatform } from '../../test-support/recognition.js';
import type { App } from './app.js';

/**
 * The end of validity (issue 16: the state machine's expire and renew), with a pinned clock: platforms recognised in
 * December 2026 hold the title 2027-01-01 … 2029-12-31. At 2030-01-01 00:00:00 Beijing time the job expires them —
 * one in 整改 too — and renews the one whose unit was recognised again for 2030–2032 (复核 passed), naming the new
 * certificate; each once, however many runs at once.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let renewing: RecognizedPlatform;
let lapsing: RecognizedPlatform;
let rectifying: RecognizedPlatform;
let successorId: string;
afterAll(async () => app?.close());

const statusOf = async (id: string) =>
  (await app.ctx.db.selectFrom('recognitions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  [renewing, lapsing, rectifying] = (await recognizedPlatforms(app, clock, [
    { cityUser: 'luoyang', regionCode: '410300', count: 3 },
  ])) as [RecognizedPlatform, RecognizedPlatform, RecognizedPlatform];

  // 整改 ordered on one of them in 2029.
  clock.set('2029-06-01T10:00:00+08:00');
  const province = await new TestClient(app).login('province');
  const ordered = await province.post(`/api/v1/recognitions/${rectifying.recognitionId}/rectification`, {
    reportYear: 2028,
    reason: '服务企业数不足',
    deadline: '2030-03-31',
  });
  expect(ordered.statusCode, ordered.body).toBe(201);

  // 复核: the unit of `renewing` was recognised again in December 2029 for the next period.
  const old = await app.ctx.db
    .selectFrom('recognitions')
    .selectAll()
    .where('id', '=', renewing.recognitionId)
    .executeTakeFirstOrThrow();
  // Its 公示 of December 2029 (a copy of the first: only the record matters here).
  const publicity = await app.ctx.db
    .selectFrom('publicities')
    .selectAll()
    .where('id', '=', old.publicity_id)
    .executeTakeFirstOrThrow();
  const publicityId = randomUUID();
  await app.ctx.db
    .insertInto('publicities')
    .values({ ...publicity, id: publicityId, title: '2029年复核拟认定名单' })
    .execute();
  successorId = randomUUID();
  await app.ctx.db
    .insertInto('recognitions')
    .values({
      ...old,
      id: successorId,
      publicity_id: publicityId,
      status: 'recognized',
      valid_from: '2030-01-01',
      valid_to: '2032-12-31',
      certificate_number: '豫中小服示〔2029〕001号',
      history: '[]',
    })
    .execute();
}, 120_000);

describe('the end of validity', () => {
  it('changes nothing on the last day, to its last second', async () => {
    clock.set('2029-12-31T23:59:59+08:00');
    expect(await expireRecognitions(app.ctx)).toEqual({ expired: 0, renewed: 0 });
    expect(await statusOf(lapsing.recognitionId)).toBe('recognized');
    expect(await statusOf(rectifying.recognitionId)).toBe('in_rectification');
  });

  it('expires each record once at midnight, renews the one recognised again, however many runs at once', async () => {
    clock.set('2030-01-01T00:00:00+08:00');
    const runs = await Promise.all([1, 2, 3, 4].map(() => expireRecognitions(app.ctx)));
    expect(runs.reduce((n, r) => n + r.expired, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.renewed, 0)).toBe(1);
    expect(await statusOf(lapsing.recognitionId)).toBe('expired');
    expect(await statusOf(rectifying.recognitionId)).toBe('expired');
    expect(await statusOf(renewing.recognitionId)).toBe('renewed');
    expect(await statusOf(successorId)).toBe('recognized');

    const renewed = await app.ctx.db
      .selectFrom('recognitions')
      .select('history')
      .where('id', '=', renewing.recognitionId)
      .executeTakeFirstOrThrow();
    const notes = (JSON.parse(renewed.history) as { status: string; note: string }[]).map((h) => [h.status, h.note]);
    expect(notes.slice(-2)).toEqual([
      ['expired', '有效期至2029年12月31日届满'],
      ['renewed', '经复核再次认定，新证书编号豫中小服示〔2029〕001号，有效期2030-01-01至2032-12-31'],
    ]);

    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_name'])
      .where('action', 'in', ['recognition.expire', 'recognition.renew'])
      .execute();
    expect(audit.map((a) => [a.action, a.target_id, a.actor_name]).sort()).toEqual(
      [
        ['recognition.expire', lapsing.recognitionId, 'system'],
        ['recognition.expire', rectifying.recognitionId, 'system'],
        ['recognition.renew', renewing.recognitionId, 'system'],
      ].sort(),
    );
    expect(await expireRecognitions(app.ctx)).toEqual({ expired: 0, renewed: 0 });
  });

  it('shows the statuses to the province, and the certificates verify as expired', async () => {
    const province = await new TestClient(app).login('province');
    const list = (await province.get('/api/v1/annual-reports?year=2029')).json<AnnualReportList>();
    const status = (p: RecognizedPlatform) =>
      list.reports.find((r) => r.recognitionId === p.recognitionId)?.recognitionStatus;
    expect([status(renewing), status(lapsing), status(rectifying)]).toEqual(['renewed', 'expired', 'expired']);
    const number = (
      await app.ctx.db
        .selectFrom('certificates')
        .select('number_key')
        .where('recognition_id', '=', lapsing.recognitionId)
        .executeTakeFirstOrThrow()
    ).number_key;
    const verified = await new TestClient(app).get(`/api/v1/public/certificates/${number}`);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'expired' });
  });
});
