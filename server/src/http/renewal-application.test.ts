import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '#contract';
import { submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import type { TestClient } from '../../test-support/http.js';
import { fixedClock } from '../domain/clock.js';
import type { App } from './app.js';

/**
 * 复核 through the application flow (issue 16 item 5): a platform recognised 2021–2023 that filed its 2022 yearly
 * report starts its application in the 2023 batch (figures as of 2022-12-31) from its 2022 application; the
 * figures its report claimed are filled in. A unit whose recognition does not end in 2023, or whose report is a
 * draft, gets them empty like any copy.
 */
const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
const BATCH_2023 = '2023';
const reported = {
  totalAssetsWan: 640,
  serviceStaff: 28,
  institutions: 9,
  preferentialSharePercent: 36,
  enterprisesServed: 120,
  satisfactionPercent: 94,
};

type Unit = Awaited<ReturnType<typeof submittedApplication>>;
/** Units that applied in 2022, before the 2023 batch opened. */
let units: Unit[] = [];

async function recognisedUnit(unit: Unit, validTo: string, reportStatus: 'evaluated' | 'draft') {
  const application = (await app.ctx.applications.findById(unit.id))!;
  const now = clock.now().toISOString();
  const publicityId = randomUUID();
  await app.ctx.db
    .insertInto('publicities')
    .values({
      id: publicityId,
      batch_id: application.batch_id,
      title: '2020年示范平台认定',
      notice: '公示',
      settings: '{}',
      starts_at: '2020-12-01T09:00:00+08:00',
      ends_at: '2020-12-05T23:59:59+08:00',
      first_day: '2020-12-01',
      last_day: '2020-12-05',
      objection_count: 0,
      created_by: (await app.ctx.users.findByUsername('province'))!.id,
      created_at: now,
    })
    .execute();
  const recognitionId = randomUUID();
  await app.ctx.db
    .insertInto('recognitions')
    .values({
      id: recognitionId,
      publicity_id: publicityId,
      application_id: application.id,
      unit_id: application.unit_id,
      authority_code: application.authority_code,
      platform_name: '复核平台',
      unit_name: '复核单位',
      city_name: '洛阳市',
      position: 0,
      status: 'recognized',
      valid_from: '2021-01-01',
      valid_to: validTo,
      certificate_number: `豫中小服示〔2020〕${recognitionId.slice(0, 3)}号`,
      history: '[]',
      updated_at: now,
    })
    .execute();
  await app.ctx.db
    .insertInto('annual_reports')
    .values({
      id: randomUUID(),
      recognition_id: recognitionId,
      report_year: 2022,
      status: reportStatus,
      figures: JSON.stringify(reported),
      self_assessment: '2022年度工作总结',
      version: 3,
      submitted_at: reportStatus === 'draft' ? null : '2023-02-10T02:00:00.000Z',
      submitted_by: null,
      city_check: null,
      evaluation: null,
      updated_at: now,
    })
    .execute();
  return { client: unit.client, applicationId: unit.id };
}

const copy = async (client: TestClient, fromApplicationId: string) => {
  const res = await client.post('/api/v1/my/application/copy', { fromApplicationId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ApplicationView>();
};

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 1000, scrubIntervalSeconds: 0 } });
  units = [await submittedApplication(app, '410300'), await submittedApplication(app, '410300')];
  units.push(await submittedApplication(app, '410300'));
  const y2022 = (await app.ctx.references.listBatches()).find((b) => b.id.startsWith('2022') && b.isDemo)!;
  const later = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();
  // 2023 opens, its figures as of the end of 2022.
  await app.ctx.references.insertBatch(
    {
      id: BATCH_2023,
      year: 2023,
      isDemo: false,
      label: '2023年度省级中小企业公共服务示范平台申报',
      config: {
        ...y2022.config,
        title: '2023年度河南省中小企业公共服务示范平台认定',
        assetsAsOf: '2022-12-31',
        applicationDeadline: later(60),
        cityDeadline: later(75),
      },
    },
    clock.now(),
  );
});
afterAll(() => app.close());

describe('复核: starting the new application of a recognised platform', () => {
  it('fills in the figures its yearly report claimed as of the same year, and audits what it renews', async () => {
    const { client, applicationId } = await recognisedUnit(units[0]!, '2023-12-31', 'evaluated');
    const draft = await copy(client, applicationId);
    expect(draft.form).toMatchObject({ totalAssetsWan: 640, serviceStaff: 28, preferentialSharePercent: 36 });
    expect(draft.rosterCount).toBe(0); // the roster is imported again
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'application.copy')
      .where('target_id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ renewsCertificate: expect.stringContaining('豫中小服示') });
  });

  it('leaves the figures empty when the recognition does not end this year, or the report is a draft', async () => {
    for (const [unit, validTo, status] of [
      [units[1]!, '2024-12-31', 'evaluated'],
      [units[2]!, '2023-12-31', 'draft'],
    ] as const) {
      const { client, applicationId } = await recognisedUnit(unit, validTo, status);
      const draft = await copy(client, applicationId);
      expect(draft.form.totalAssetsWan ?? null).toBeNull();
      expect(draft.form.serviceStaff ?? null).toBeNull();
    }
  });
});
