import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReportList, AnnualReportView, BatchConfig, PublicityView } from '#contract';
import { fixedClock } from '../domain/clock.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { APPLICANT_PASSWORD, recognizedPlatforms, type RecognizedPlatform } from '../../test-support/recognition.js';
import type { App } from './app.js';

/**
 * A batch's own 认定 settings (issue 16 items 4–5): the certificate's validity counted from the day of 认定 for two
 * years, and the yearly report due on 31 March instead of the end of February.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let platform: RecognizedPlatform;

const settings: BatchConfig['recognition'] = {
  validity: { start: 'recognition_date', years: 2 },
  annualReport: { month: 3, day: 31 },
};

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  // Every batch takes the settings (the system administrator sets them while a batch is in preparation); the
  // version moves so the batch cache reads them.
  const batches = await app.ctx.references.listAllBatches();
  for (const batch of batches) {
    await app.ctx.db
      .updateTable('batches')
      .set({ config: JSON.stringify({ ...batch.config, recognition: settings }), version: batch.version + 1 })
      .where('id', '=', batch.id)
      .execute();
  }
  [platform] = (await recognizedPlatforms(app, clock, [{ cityUser: 'luoyang', regionCode: '410300', count: 1 }], {
    publicizeAt: '2026-12-01T09:00:00+08:00',
    recognizeAt: '2026-12-07T10:00:00+08:00',
  })) as [RecognizedPlatform];
});

afterAll(async () => {
  await app?.close();
});

describe('a batch’s own recognition settings', () => {
  it('gives the certificate two years from the day of 认定', async () => {
    const province = await new TestClient(app).login('province');
    const publicities = await app.ctx.db.selectFrom('publicities').select('id').execute();
    const view = (await province.get(`/api/v1/publicities/${publicities[0]!.id}`)).json<PublicityView>();
    const recognised = view.candidates.find((c) => c.id === platform.recognitionId)!;
    expect([recognised.validFrom, recognised.validTo]).toEqual(['2026-12-07', '2028-12-06']);
    const verified = await new TestClient(app).get(
      `/api/v1/public/certificates/${encodeURIComponent(recognised.certificateNumber!)}`,
    );
    expect(verified.json()).toMatchObject({
      state: 'valid',
      certificate: { payload: { validFrom: '2026-12-07', validTo: '2028-12-06' } },
    });
  });

  it('makes the yearly report due on 31 March, for the unit and in the province’s list', async () => {
    clock.set('2027-01-10T10:00:00+08:00');
    const applicant = await new TestClient(app).login(platform.username, APPLICANT_PASSWORD);
    const mine = (await applicant.get('/api/v1/my/annual-reports')).json<{ reports: AnnualReportView[] }>();
    expect(mine.reports.map((r) => [r.reportYear, r.dueDate])).toEqual([[2026, '2027-03-31']]);

    clock.set('2027-03-31T23:59:59+08:00');
    const province = await new TestClient(app).login('province');
    const onTheDay = (await province.get('/api/v1/annual-reports?year=2026')).json<AnnualReportList>();
    expect(onTheDay.dueDates).toEqual(['2027-03-31']);
    expect(onTheDay.reports[0]!.flags.map((f) => f.code)).not.toContain('REPORT_MISSING');

    clock.set('2027-04-01T00:00:00+08:00');
    const after = (await province.get('/api/v1/annual-reports?year=2026')).json<AnnualReportList>();
    expect(after.reports[0]!.flags.map((f) => f.code)).toContain('REPORT_MISSING');
  });
});
