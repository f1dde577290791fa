import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { createTestApp } from '../../test-support/harness.js';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let luoyang: TestClient;
beforeAll(async () => {
  app = await createTestApp({ clock });
  luoyang = await new TestClient(app).login('luoyang');
});
afterAll(async () => app.close());

const review = async (c: TestClient, id: string) => (await c.get(`/api/v1/applications/${id}/review`)).json();

describe('city review', () => {
  it('routes 航空港区 to 郑州 and flags an application as new until the official opens it, and again when resubmitted', async () => {
    const { client, id } = await submittedApplication(app, '410100-HKQ');
    const zz = await new TestClient(app).login('zhengzhou');
    const listed = async () =>
      (await zz.get('/api/v1/applications')).json().items.find((i: { id: string }) => i.id === id);
    expect(await listed()).toMatchObject({
      authorityName: '郑州市',
      regionName: expect.stringContaining('航空港区'),
      isNew: true,
    });
    expect((await listed()).isNew).toBe(true);
    expect((await zz.get(`/api/v1/applications/${id}/review`)).statusCode).toBe(200);
    expect((await listed()).isNew).toBe(false);
    expect((await zz.post(`/api/v1/applications/${id}/return`, { summary: '请补充', remarks: [] })).statusCode).toBe(
      200,
    );
    clock.set(new Date(clock.now().getTime() + 60_000));
    expect((await client.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(200);
    expect((await listed()).isNew).toBe(true);
    expect((await luoyang.get('/api/v1/applications')).json().items.some((i: { id: string }) => i.id === id)).toBe(
      false,
    );
  });

  it('keeps a corrected figure beside the claimed one and re-evaluates the rules on it', async () => {
    const { id } = await submittedApplication(app);
    const res = await luoyang.put(
      `/api/v1/applications/${id}/review/findings/${encodeURIComponent('rule:STAFF_BELOW_MIN')}`,
      {
        verdict: 'fail',
        remark: '社保缴纳名单仅12人',
        correctedValue: 12,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((i: { itemKey: string }) => i.itemKey === 'rule:STAFF_BELOW_MIN');
    expect(item).toMatchObject({ claimed: 20, correctable: true, finding: { verdict: 'fail', correctedValue: 12 } });
    expect(res.json().officialEligibility.failures.map((f: { code: string }) => f.code)).toEqual(['STAFF_BELOW_MIN']);
    const bad = await luoyang.put(
      `/api/v1/applications/${id}/review/findings/${encodeURIComponent('rule:NAME_FORBIDDEN_WORD')}`,
      { verdict: 'pass', correctedValue: 3 },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('correctedValue');
  });

  it('returns with itemised remarks; the applicant edits and resubmits; every version is kept and the changes shown', async () => {
    const { client, id } = await submittedApplication(app);
    const returned = await luoyang.post(`/api/v1/applications/${id}/return`, {
      summary: '请补充服务人员社保证明',
      remarks: [{ itemKey: 'rule:STAFF_BELOW_MIN', message: '社保名单与申报人数不符' }],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    const mine = (await client.get('/api/v1/my/application')).json();
    expect(mine.status).toBe('returned');
    expect(mine.returnRemarks).toMatchObject({
      summary: '请补充服务人员社保证明',
      remarks: [{ itemKey: 'rule:STAFF_BELOW_MIN' }],
    });
    expect(mine).not.toHaveProperty('items');

    expect(
      (
        await luoyang.put(`/api/v1/applications/${id}/interview`, {
          heldOn: '2022-12-02',
          place: '会议室',
          officials: ['张'],
          principalName: '李四',
          principalTitle: '董事长',
          result: '属实',
        })
      ).statusCode,
    ).toBe(409);

    expect((await client.patch(`/api/v1/applications/${id}`, { serviceStaff: 25 })).statusCode).toBe(200);
    const resubmitted = await client.post(`/api/v1/applications/${id}/submit`);
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().version).toBe(2);
    const r = await review(luoyang, id);
    expect(r.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(r.changes).toEqual([{ field: '服务人员数量', before: 20, after: 25 }]);
  });

  it('refuses 不予推荐 without a reason and records it with one', async () => {
    const { client, id } = await submittedApplication(app);
    expect((await luoyang.post(`/api/v1/applications/${id}/reject`, { reason: '' })).statusCode).toBe(400);
    const res = await luoyang.post(`/api/v1/applications/${id}/reject`, { reason: '服务能力不足' });
    expect(res.json()).toMatchObject({ status: 'not_recommended', rejection: { reason: '服务能力不足' } });
    expect((await client.get('/api/v1/my/application')).json().rejection.reason).toBe('服务能力不足');
    expect((await luoyang.post(`/api/v1/applications/${id}/reject`, { reason: '再次' })).json().code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('draws a reproducible sample, replaces an unreachable contact by the next draw, and computes satisfaction', async () => {
    const { id } = await submittedApplication(app);
    const drawn = (await luoyang.post(`/api/v1/applications/${id}/survey/draw`, { methods: ['phone', 'visit'] })).json()
      .survey;
    expect(drawn.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(drawn.drawOrder).toHaveLength(80);
    expect(drawn.contacts.map((c: { rosterRowNo: number }) => c.rosterRowNo)).toEqual(drawn.drawOrder.slice(0, 10));
    expect(drawn.contacts[0].rosterPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await luoyang.post(`/api/v1/applications/${id}/survey/draw`, { methods: ['phone'] })).json().code).toBe(
      'SURVEY_ALREADY_DRAWN',
    );

    const third = drawn.drawOrder[2];
    const after = (
      await luoyang.put(`/api/v1/applications/${id}/survey/contacts/${third}`, {
        outcome: 'unreachable',
        note: '电话三次无人接听',
      })
    ).json().survey;
    expect(after.contacts.map((c: { rosterRowNo: number }) => c.rosterRowNo)).toEqual(drawn.drawOrder.slice(0, 11));
    expect(after.contacts[2]).toMatchObject({ outcome: 'unreachable', note: '电话三次无人接听' });

    const notDrawn = drawn.drawOrder[40];
    expect(
      (
        await luoyang.put(`/api/v1/applications/${id}/survey/contacts/${notDrawn}`, {
          outcome: 'unreachable',
          note: 'x',
        })
      ).statusCode,
    ).toBe(400);
    const ratings = ['very_satisfied', 'satisfied', 'dissatisfied', 'very_satisfied'];
    let last = after;
    for (const [i, row] of drawn.drawOrder.slice(0, 2).concat(drawn.drawOrder.slice(3, 5)).entries()) {
      last = (
        await luoyang.put(`/api/v1/applications/${id}/survey/contacts/${row}`, {
          outcome: 'completed',
          interviewee: '赵',
          position: '经理',
          phone: '13900000000',
          rating: ratings[i],
        })
      ).json().survey;
    }
    expect(last.completed).toBe(4);
    expect(last.satisfactionPercent).toBe(75);
    const phone = await luoyang.get(`/api/v1/applications/${id}/survey/contacts/${third}/phone`);
    expect(phone.json().phone).toMatch(/^1\d{10}$/);
    expect(
      (await app.ctx.audit.list(1000, 'personal_data.disclose')).some(
        (e) => e.target_id === id && e.actor_name === 'luoyang',
      ),
    ).toBe(true);
  });

  it('flags the same platform through two cities to both cities and the province, without showing a city the other’s application', async () => {
    const { id: ly } = await submittedApplication(app, '410300', { platformName: '豫西 中小企业 服务平台' });
    const { id: ny } = await submittedApplication(app, '411300', { platformName: '豫西中小企业服务平台' });
    const dup = (await review(luoyang, ly)).duplicates;
    expect(dup).toEqual([{ applicationId: null, authorityName: '南阳市', channel: 'quota', status: null }]);
    expect(
      (await luoyang.get('/api/v1/applications')).json().items.find((i: { id: string }) => i.id === ly).duplicate,
    ).toBe(true);
    const province = await new TestClient(app).login('province');
    expect((await review(province, ly)).duplicates).toEqual([
      expect.objectContaining({ applicationId: ny, status: 'submitted' }),
    ]);
    const board = (await province.get('/api/v1/province/board')).json();
    expect(
      board.duplicates.some(
        (g: { applications: { id: string }[] }) =>
          g.applications
            .map((a) => a.id)
            .sort()
            .join() === [ly, ny].sort().join(),
      ),
    ).toBe(true);
  });

  it('refuses to recommend before the site check, interview, survey and opinion are complete', async () => {
    const { id } = await submittedApplication(app);
    const res = await luoyang.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NOT_READY');
    expect(res.json().missing).toEqual(['siteCheck', 'interview', 'survey', 'opinion']);
  });
});

describe('quota and package', () => {
  it('holds the quota under 50 parallel recommendations: exactly the free slots succeed, no server error', async () => {
    const race = await createTestApp({ config: { loginRateLimitPerMinute: 10_000 } });
    try {
      const city = await new TestClient(race).login('nanyang');
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        const { id } = await submittedApplication(race, '411300');
        await makeReadyForRecommendation(city, id);
        ids.push(id);
      }
      const results = await Promise.all(
        ids.map((id) => city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(3);
      expect(results.filter((r) => r.statusCode === 409 && r.json().code === 'QUOTA_EXHAUSTED')).toHaveLength(47);
      expect(codes.filter((c) => c >= 500)).toHaveLength(0);

      const recommended = results.findIndex((r) => r.statusCode === 200);
      const refused = results.findIndex((r) => r.statusCode === 409);
      expect((await city.delete(`/api/v1/applications/${ids[recommended]}/recommendation`)).statusCode).toBe(200);
      expect(
        (await city.post(`/api/v1/applications/${ids[refused]}/recommendation`, { channel: 'quota' })).statusCode,
      ).toBe(200);
      const pkg = (await city.get('/api/v1/city/package')).json();
      expect(pkg.quota).toEqual({ limit: 3, used: 3 });
    } finally {
      await race.close();
    }
  }, 120_000);

  it('allows one platform per designated area of the city, outside the quota', async () => {
    const city = await new TestClient(app).login('nanyang');
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const { id } = await submittedApplication(app, '411300', {
        channel: 'designated_area',
        designatedAreaId: 'nanyang-zhenping-jade',
      });
      await makeReadyForRecommendation(city, id);
      ids.push(id);
    }
    const first = await city.post(`/api/v1/applications/${ids[0]}/recommendation`, {
      channel: 'designated_area',
      designatedAreaId: 'nanyang-zhenping-jade',
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await city.post(`/api/v1/applications/${ids[1]}/recommendation`, {
      channel: 'designated_area',
      designatedAreaId: 'nanyang-zhenping-jade',
    });
    expect(second.json().code).toBe('AREA_TAKEN');
    const foreign = await city.post(`/api/v1/applications/${ids[1]}/recommendation`, {
      channel: 'designated_area',
      designatedAreaId: 'puyang-info-city',
    });
    expect(foreign.statusCode).toBe(400);

    const lab = ids[1]!;
    const noDocument = await city.post(`/api/v1/applications/${lab}/recommendation`, { channel: 'lab' });
    expect(noDocument.json()).toMatchObject({ code: 'NOT_READY', message: expect.stringContaining('实验室认定文件') });
    const pkg = (await city.get('/api/v1/city/package')).json();
    expect(pkg.quota.used).toBe(0);
    expect(pkg.recommended).toEqual([
      expect.objectContaining({ channel: 'designated_area', designatedAreaName: '镇平县玉雕特色产业集群' }),
    ]);
  });

  it('recommends a lab with its recognition document outside the quota', async () => {
    const city = await new TestClient(app).login('nanyang');
    const { id } = await submittedApplication(app, '411300', { channel: 'lab' }, ['lab_recognition']);
    await makeReadyForRecommendation(city, id);
    const before = (await city.get('/api/v1/city/package')).json().quota.used;
    const res = await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'lab' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await city.get('/api/v1/city/package')).json().quota.used).toBe(before);
  });

  it('accepts the package up to the deadline second, refuses one second later, and locks it once submitted', async () => {
    const deadlineApp = await createTestApp({ clock });
    try {
      const city = await new TestClient(deadlineApp).login('puyang');
      const { id } = await submittedApplication(deadlineApp, '410900');
      await makeReadyForRecommendation(city, id);
      expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
      const batch = await deadlineApp.ctx.references.findBatch('2022-demo');
      const deadline = Date.parse(batch!.config.cityDeadline);

      clock.set(new Date(deadline + 1000));
      await city.login('puyang');
      const late = await city.post('/api/v1/city/package/submit');
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('DEADLINE_PASSED');
      expect((await city.get('/api/v1/city/package')).json().state).toBe('late_missing');

      clock.set(new Date(deadline + 999));
      await city.login('puyang');
      const onTime = await city.post('/api/v1/city/package/submit');
      expect(onTime.statusCode, onTime.body).toBe(200);
      expect(onTime.json()).toMatchObject({ state: 'submitted', version: 1 });
      expect((await city.delete(`/api/v1/applications/${id}/recommendation`)).json().code).toBe('PACKAGE_LOCKED');

      const province = await new TestClient(deadlineApp).login('province');
      const board = (await province.get('/api/v1/province/board')).json();
      expect(board.cities.find((c: { authorityCode: string }) => c.authorityCode === '410900')).toMatchObject({
        state: 'submitted',
        counts: { quota: 1 },
      });
      expect(board.cities).toHaveLength(18);

      expect((await province.post('/api/v1/packages/410900/return', { remarks: '请补充推荐文件' })).json().state).toBe(
        'returned',
      );
      clock.set(new Date(deadline + 60_000));
      await city.login('puyang');
      expect((await city.post('/api/v1/city/package/submit')).json().code).toBe('DEADLINE_PASSED');
      await province.login('province');
      const granted = await province.post('/api/v1/packages/410900/exception', {
        reason: '因系统故障延期',
        endsAt: new Date(deadline + 3_600_000).toISOString(),
      });
      expect(granted.statusCode, granted.body).toBe(200);
      const resubmitted = await city.post('/api/v1/city/package/submit');
      expect(resubmitted.json()).toMatchObject({ state: 'submitted', version: 2 });
      expect((await deadlineApp.ctx.audit.list(100, 'package.exception'))[0]).toMatchObject({
        actor_name: 'province',
        target_id: '410900',
      });
    } finally {
      clock.set('2026-11-24T02:00:00Z');
      await deadlineApp.close();
    }
  });
});
