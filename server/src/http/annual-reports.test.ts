import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReportDraft, AnnualReportList, AnnualReportView } from '#contract';
import { fixedClock } from '../domain/clock.js';
import { deliverNotifications } from '../use-cases/deliver-notifications.js';
import { createTestApp } from '../../test-support/harness.js';
import { createHash } from 'node:crypto';
import { rosterRows, rosterWorkbook } from '../../test-support/fixtures.js';
import { multipart, TestClient } from '../../test-support/http.js';
import { APPLICANT_PASSWORD, recognizedPlatforms, type RecognizedPlatform } from '../../test-support/recognition.js';
import type { App } from './app.js';

/**
 * The recognised platform's years over HTTP (issue 16 item 5) with a pinned clock: platforms recognised in December
 * 2026 (valid 2027-01-01 … 2029-12-31) report on 2027 from 2028-01-01, due 2028-02-29; a report saved by
 * compare-and-set (two saves at once: one wins), submitted only when complete, checked by its own city only,
 * evaluated by the province; flags for a missing, late or below-threshold report; 整改 ordered, answered, accepted.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let a: RecognizedPlatform; // 洛阳
let b: RecognizedPlatform; // 洛阳
let c: RecognizedPlatform; // 南阳
afterAll(async () => app?.close());

function expectOk(res: { statusCode: number; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
}

/** Sets the clock; sessions idle out across days, so everyone signs in again. */
const at = (instant: string) => clock.set(instant);
const signIn = (username: string) =>
  new TestClient(app).login(username, username.startsWith('unit') ? APPLICANT_PASSWORD : undefined);

const complete: AnnualReportDraft['figures'] = {
  totalAssetsWan: 560,
  serviceStaff: 22,
  institutions: 7,
  preferentialSharePercent: 35,
  enterprisesServed: 50, // below the 80 it was recognised on
  satisfactionPercent: 92.5,
};
const draft = (version: number, over: Partial<AnnualReportDraft> = {}): AnnualReportDraft => ({
  figures: { ...complete, enterprisesServed: null, satisfactionPercent: null },
  selfAssessment: '',
  version,
  ...over,
});
const reportUrl = (p: RecognizedPlatform, year: number) => `/api/v1/my/annual-reports/${p.recognitionId}/${year}`;
/** A roster of `count` enterprises served in `servedOn`'s year, names numbered from `start`. */
const roster = (count: number, start: number, servedOn = '2027-06-18') =>
  rosterWorkbook(rosterRows(count, start).map((r) => ({ ...r, servedOn })));
const importRoster = (client: TestClient, p: RecognizedPlatform, year: number, workbook: Buffer) => {
  const mp = multipart('服务企业名单.xlsx', workbook);
  return client.request({
    method: 'POST',
    url: `${reportUrl(p, year)}/roster`,
    payload: mp.payload,
    headers: mp.headers,
  });
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let importedRoster: Buffer[] = [];
const officialUrl = (p: RecognizedPlatform, year: number) => `/api/v1/annual-reports/${p.recognitionId}/${year}`;

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  [a, b, c] = (await recognizedPlatforms(app, clock, [
    { cityUser: 'luoyang', regionCode: '410300', count: 2 },
    { cityUser: 'nanyang', regionCode: '411300', count: 1 },
  ])) as [RecognizedPlatform, RecognizedPlatform, RecognizedPlatform];
});

describe('filing the yearly report', () => {
  it('opens the report on a year only once the year is over', async () => {
    at('2027-06-01T10:00:00+08:00');
    const applicant = await signIn(a.username);
    const mine = await applicant.get('/api/v1/my/annual-reports');
    expectOk(mine);
    expect(mine.json<{ reports: AnnualReportView[] }>().reports).toEqual([]);
    const early = await applicant.put(reportUrl(a, 2027), draft(0));
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().message).toBe('2027年度报告自2028年1月1日起填报');
    const outside = await applicant.put(reportUrl(a, 2026), draft(0));
    expect(outside.statusCode, outside.body).toBe(404);
    expect(outside.json().message).toContain('有效期为2027—2029年');
  });

  it('saves by version: of two saves of the same version at once, one wins and the other is told', async () => {
    at('2028-01-10T10:00:00+08:00');
    const applicant = await signIn(a.username);
    const listed = (await applicant.get('/api/v1/my/annual-reports')).json<{ reports: AnnualReportView[] }>();
    expect(listed.reports.map((r) => [r.reportYear, r.status, r.dueDate])).toEqual([[2027, 'due', '2028-02-29']]);

    const first = await applicant.put(reportUrl(a, 2027), draft(0, { selfAssessment: '第一稿' }));
    expectOk(first);
    expect(first.json<AnnualReportView>()).toMatchObject({ status: 'draft', version: 1 });

    const tabs = await Promise.all(
      ['第二稿（甲）', '第二稿（乙）', '第二稿（丙）', '第二稿（丁）'].map((text) =>
        applicant.put(reportUrl(a, 2027), draft(1, { selfAssessment: text })),
      ),
    );
    expect(tabs.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const winner = tabs.find((r) => r.statusCode === 200)!.json<AnnualReportView>();
    expect(winner.version).toBe(2);
    for (const lost of tabs.filter((r) => r.statusCode === 409)) {
      expect(lost.json().message).toBe('年度报告刚被他人保存或已提交，请刷新后再修改');
    }
    const stored = (await applicant.get('/api/v1/my/annual-reports')).json<{ reports: AnnualReportView[] }>();
    expect(stored.reports[0]!.selfAssessment).toBe(winner.selfAssessment);
  });

  it('two first saves at once create one report', async () => {
    const applicant = await signIn(c.username);
    const both = await Promise.all([
      applicant.put(reportUrl(c, 2027), draft(0, { selfAssessment: '甲' })),
      applicant.put(reportUrl(c, 2027), draft(0, { selfAssessment: '乙' })),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('refuses bad figures naming the field, and a submission that is not complete, naming what is missing', async () => {
    const applicant = await signIn(a.username);
    const bad = await applicant.put(reportUrl(a, 2027), {
      ...draft(2),
      figures: { ...complete, preferentialSharePercent: 120, serviceStaff: -1 },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('figures.preferentialSharePercent');
    expect(bad.body).toContain('不能超过100');
    expect(bad.body).toContain('figures.serviceStaff');

    const incomplete = await applicant.post(`${reportUrl(a, 2027)}/submit`);
    expect(incomplete.statusCode, incomplete.body).toBe(400);
    expect(incomplete.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'figures.enterprisesServed',
      'figures.satisfactionPercent',
    ]);
    expect(incomplete.json().message).toContain('请填写年服务企业数（家）');
  });

  it('imports the served-enterprise roster: bad rows refused with nothing changed; 年服务企业数 becomes its rows', async () => {
    const applicant = await signIn(a.username);
    const bad = await importRoster(applicant, a, 2027, await roster(3, 1, '2026-12-31'));
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().rowErrors).toHaveLength(3);
    expect(bad.json().rowErrors[0].message).toContain('2027年内');
    const unchanged = (await applicant.get('/api/v1/my/annual-reports')).json<{ reports: AnnualReportView[] }>();
    expect(unchanged.reports[0]).toMatchObject({ version: 2, roster: null });

    // Two imports at once (two clerks): each is taken whole or told; the rows are one file's, counted right.
    importedRoster = [await roster(50, 1), await roster(50, 1001)];
    const both = await Promise.all(importedRoster.map((w) => importRoster(applicant, a, 2027, w)));
    expect(both.map((r) => r.statusCode).every((s) => s === 200 || s === 409)).toBe(true);
    expect(both.some((r) => r.statusCode === 200)).toBe(true);
    const view = (await applicant.get('/api/v1/my/annual-reports')).json<{ reports: AnnualReportView[] }>().reports[0]!;
    expect(view.roster).toMatchObject({ fileName: '服务企业名单.xlsx', rows: 50 });
    expect(view.figures.enterprisesServed).toBe(50);
    const rows = await app.ctx.db.selectFrom('annual_roster_rows').select(['enterprise_name', 'phone']).execute();
    expect(rows).toHaveLength(50);
    const first = new Set(rows.map((r) => r.enterprise_name.replace(/\d+/, (n) => (Number(n) > 1000 ? 'B' : 'A'))));
    expect(first.size).toBe(1);
    expect(rows.some((r) => r.phone.startsWith('138'))).toBe(false); // phones encrypted at rest

    // The form cannot claim another number while the roster stands.
    const saved = await applicant.put(
      reportUrl(a, 2027),
      draft(view.version, { figures: { ...complete, enterprisesServed: 999 } }),
    );
    expectOk(saved);
    expect(saved.json<AnnualReportView>().figures.enterprisesServed).toBe(50);
  });

  it('submits a complete report, after which it cannot be changed', async () => {
    const applicant = await signIn(a.username);
    const current = (await applicant.get('/api/v1/my/annual-reports')).json<{ reports: AnnualReportView[] }>();
    expectOk(
      await applicant.put(
        reportUrl(a, 2027),
        draft(current.reports[0]!.version, { figures: complete, selfAssessment: '全年服务企业50家。' }),
      ),
    );
    const submitted = await applicant.post(`${reportUrl(a, 2027)}/submit`);
    expectOk(submitted);
    expect(submitted.json<AnnualReportView>()).toMatchObject({
      status: 'submitted',
      submittedAt: '2028-01-10T02:00:00.000Z',
    });
    const after = await applicant.put(reportUrl(a, 2027), draft(4, { figures: complete, selfAssessment: '改' }));
    expect(after.statusCode, after.body).toBe(409);
    const other = await signIn(c.username);
    expect((await other.put(reportUrl(a, 2027), draft(4))).statusCode).toBe(403);
  });
});

describe('the city, the province and the flags', () => {
  it('flags a report missing after its due date, one below the thresholds, and shows each city only its own', async () => {
    at('2028-03-01T00:00:01+08:00');
    const province = await signIn('province');
    const list = await province.get('/api/v1/annual-reports?year=2027');
    expectOk(list);
    const reports = list.json<AnnualReportList>();
    expect(reports.dueDates).toEqual(['2028-02-29']);
    // Without a year: the one being filed now, by the server's clock.
    expect((await province.get('/api/v1/annual-reports')).json<AnnualReportList>()).toEqual(reports);
    const flagsOf = (p: RecognizedPlatform) =>
      reports.reports.find((r) => r.recognitionId === p.recognitionId)!.flags.map((f) => f.code);
    expect(flagsOf(a)).toEqual(['ENTERPRISES_SERVED_BELOW_MIN']);
    expect(flagsOf(b)).toEqual(['REPORT_MISSING']);
    expect(flagsOf(c)).toEqual(['REPORT_MISSING']); // a draft is not a report

    const luoyang = await signIn('luoyang');
    const own = (await luoyang.get('/api/v1/annual-reports?year=2027')).json<AnnualReportList>();
    expect(own.reports.map((r) => r.recognitionId).sort()).toEqual([a.recognitionId, b.recognitionId].sort());
    const nanyang = await signIn('nanyang');
    expect((await nanyang.get(officialUrl(a, 2027))).statusCode).toBe(403);
  });

  it('gives the roster workbook to the platform, its city and the province only, each download audited', async () => {
    const luoyang = await signIn('luoyang');
    const file = await luoyang.get(`${officialUrl(a, 2027)}/roster.xlsx`);
    expectOk(file);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(importedRoster.map(sha256)).toContain(sha256(file.rawPayload));
    expect((await (await signIn('nanyang')).get(`${officialUrl(a, 2027)}/roster.xlsx`)).statusCode).toBe(403);
    expectOk(await (await signIn('province')).get(`${officialUrl(a, 2027)}/roster.xlsx`));
    expectOk(await (await signIn(a.username)).get(`${reportUrl(a, 2027)}/roster.xlsx`));
    const none = await (await signIn('province')).get(`${officialUrl(c, 2027)}/roster.xlsx`);
    expect(none.statusCode).toBe(404);
    const audited = await app.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'annual-report.roster-download')
      .execute();
    expect(audited).toHaveLength(3);
  });

  it('the city checks only its own platforms and only a submitted report; then the province evaluates', async () => {
    const nanyang = await signIn('nanyang');
    const check = { quality: 'ok', fees: 'issue', satisfaction: 'ok', remark: '收费标准未公示' };
    expect((await nanyang.put(`${officialUrl(a, 2027)}/city-check`, check)).statusCode).toBe(403);
    const luoyang = await signIn('luoyang');
    const province = await signIn('province');
    const tooEarly = await province.put(`${officialUrl(a, 2027)}/evaluation`, { result: 'pass', remark: '' });
    expect(tooEarly.statusCode, tooEarly.body).toBe(409);
    const noRemark = await luoyang.put(`${officialUrl(a, 2027)}/city-check`, { ...check, remark: '' });
    expect(noRemark.statusCode).toBe(400);
    expect(noRemark.body).toContain('有问题的核查项须写明情况');
    const notSubmitted = await luoyang.put(`${officialUrl(b, 2027)}/city-check`, check);
    expect(notSubmitted.statusCode, notSubmitted.body).toBe(409);
    const checked = await luoyang.put(`${officialUrl(a, 2027)}/city-check`, check);
    expectOk(checked);
    expect(checked.json<AnnualReportView>()).toMatchObject({
      status: 'city_checked',
      cityCheck: { fees: 'issue', remark: '收费标准未公示' },
    });

    const failNoReason = await province.put(`${officialUrl(a, 2027)}/evaluation`, { result: 'fail', remark: '' });
    expect(failNoReason.statusCode).toBe(400);
    const evaluated = await province.put(`${officialUrl(a, 2027)}/evaluation`, {
      result: 'fail',
      remark: '服务企业数不足，收费未公示',
    });
    expectOk(evaluated);
    expect(evaluated.json<AnnualReportView>().flags.map((f) => f.code)).toEqual([
      'ENTERPRISES_SERVED_BELOW_MIN',
      'CITY_CHECK_ISSUE',
      'EVALUATION_FAILED',
    ]);
  });

  it('a report filed after its due date is accepted and flagged late', async () => {
    at('2028-03-05T10:00:00+08:00');
    const applicant = await signIn(b.username);
    expectOk(
      await applicant.put(
        reportUrl(b, 2027),
        draft(0, { figures: { ...complete, enterprisesServed: 120 }, selfAssessment: '补报' }),
      ),
    );
    const submitted = await applicant.post(`${reportUrl(b, 2027)}/submit`);
    expectOk(submitted);
    expect(submitted.json<AnnualReportView>().flags.map((f) => f.code)).toEqual(['REPORT_LATE', 'ROSTER_MISSING']);
    const afterwards = await importRoster(applicant, b, 2027, await roster(5, 1));
    expect(afterwards.statusCode).toBe(409);
    expect(afterwards.json().message).toBe('2027年度报告已提交，不能再导入名单');
  });
});

describe('整改', () => {
  it('the province orders it with a deadline, the platform answers, the province accepts it', async () => {
    const province = await signIn('province');
    const past = await province.post(`/api/v1/recognitions/${a.recognitionId}/rectification`, {
      reportYear: 2027,
      reason: '服务企业数不足',
      deadline: '2028-03-05',
    });
    expect(past.statusCode, past.body).toBe(400);
    expect(past.json().errors).toEqual([{ field: 'deadline', message: '整改期限须晚于今天' }]);

    const ordered = await province.post(`/api/v1/recognitions/${a.recognitionId}/rectification`, {
      reportYear: 2027,
      reason: '服务企业数不足，收费未公示',
      deadline: '2028-05-31',
    });
    expectOk(ordered, 201);
    expect(ordered.json<AnnualReportView>()).toMatchObject({
      recognitionStatus: 'in_rectification',
      rectification: { status: 'open', deadline: '2028-05-31', response: null },
    });
    const again = await province.post(`/api/v1/recognitions/${a.recognitionId}/rectification`, {
      reportYear: 2027,
      reason: '再次',
      deadline: '2028-05-31',
    });
    expect(again.statusCode).toBe(409);

    const early = await province.post(`/api/v1/recognitions/${a.recognitionId}/rectification/acceptance`, {
      note: '通过',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('平台尚未提交整改情况，不能验收');

    const other = await signIn(b.username);
    const foreign = await other.put(`/api/v1/my/recognitions/${a.recognitionId}/rectification`, { response: '冒名' });
    expect(foreign.statusCode).toBe(403);
    const applicant = await signIn(a.username);
    const answered = await applicant.put(`/api/v1/my/recognitions/${a.recognitionId}/rectification`, {
      response: '已新增服务企业42家，收费标准已在官网公示。',
    });
    expectOk(answered);

    const accepted = await province.post(`/api/v1/recognitions/${a.recognitionId}/rectification/acceptance`, {
      note: '经核查整改到位',
    });
    expectOk(accepted);
    expect(accepted.json<AnnualReportView>()).toMatchObject({
      recognitionStatus: 'recognized',
      rectification: { status: 'accepted', closeNote: '经核查整改到位' },
    });
  });

  it('records every step in the audit log', async () => {
    const rows = await app.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', 'like', 'annual-report.%')
      .execute();
    const actions = rows.map((r) => r.action);
    expect(actions.filter((x) => x === 'annual-report.submit')).toHaveLength(2);
    expect(actions).toContain('annual-report.city-check');
    expect(actions).toContain('annual-report.evaluate');
    const rectification = await app.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'rectification.%')
      .orderBy('seq')
      .execute();
    expect(rectification.map((r) => r.action)).toEqual([
      'rectification.order',
      'rectification.respond',
      'rectification.accept',
    ]);
  });

  it('of four orders at once on one platform, one is taken and the others are told', async () => {
    const province = await signIn('province');
    const orders = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        province.post(`/api/v1/recognitions/${c.recognitionId}/rectification`, {
          reportYear: 2027,
          reason: `并发整改${n}`,
          deadline: '2028-06-30',
        }),
      ),
    );
    expect(orders.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const rows = await app.ctx.db
      .selectFrom('rectifications')
      .select('status')
      .where('recognition_id', '=', c.recognitionId)
      .execute();
    expect(rows).toEqual([{ status: 'open' }]);
  });
});

describe('who is told', () => {
  const titles = async (username: string) => {
    const page = (await (await signIn(username)).get('/api/v1/notifications')).json<{ items: { title: string }[] }>();
    return page.items.map((n) => n.title);
  };
  const platformName = async (p: RecognizedPlatform) =>
    (
      await app.ctx.db
        .selectFrom('recognitions')
        .select('platform_name')
        .where('id', '=', p.recognitionId)
        .executeTakeFirstOrThrow()
    ).platform_name;

  it('the city of a submitted report, the province of a checked one, the unit of its evaluation, 整改 and revocation', async () => {
    const province = await signIn('province');
    expectOk(
      await province.post(`/api/v1/recognitions/${b.recognitionId}/revocation`, {
        reason: '未按要求报送年度报告',
        notice: '经研究，撤销其河南省中小企业公共服务示范平台称号。',
      }),
    );
    expect((await deliverNotifications(app.ctx)).failed).toEqual([]);
    const [nameA, nameB] = [await platformName(a), await platformName(b)];

    const luoyang = await titles('luoyang');
    expect(luoyang).toContain(`${nameA}已提交2027年度报告`);
    expect(luoyang).toContain(`${nameB}已提交2027年度报告`);
    expect(await titles('nanyang')).not.toContain(`${nameA}已提交2027年度报告`);
    expect(await titles('province')).toContain(`${nameA}2027年度报告已经市级核查`);
    const unitA = await titles(a.username);
    expect(unitA).toEqual(expect.arrayContaining(['2027年度报告评价：不合格', '示范平台被责令整改']));
    expect(unitA).not.toContain('示范平台认定已撤销');
    expect(await titles(b.username)).toContain('示范平台认定已撤销');
    // Of the four orders at once on c, the one taken told the unit once; the refused ones told no one.
    expect((await titles(c.username)).filter((t) => t === '示范平台被责令整改')).toHaveLength(1);
  });
});
