import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ProvinceLetterSettingsView,
  CityObjection,
  CityPackageView,
  HolidayCalendar,
  ObjectionReceipt,
  ObjectionView,
  PublicityInput,
  PublicityView,
  PublicPublicityList,
} from '#contract';
import { entryText } from '../documents/zip-entry.test-support.js';
import { fixedClock } from '../domain/clock.js';
import { seedHolidays } from '../seed/holidays.js';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { publicitySettings } from '../../test-support/recognition.js';
import { tinyPdf } from '../../test-support/fixtures.js';
import { multipart, TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/**
 * 公示, objections and 认定 over HTTP (issue 16) with a pinned clock: the holiday table from the database, a
 * 5-working-day 公示 and a 5-calendar-day one over 劳动节 2023, objections inside and a second after the window,
 * 认定 refused while the window is open or an objection is open and issued once both are over, an upheld
 * objection withdrawing its platform, receipt numbers under concurrency, and no personal data in public.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let province: TestClient;
let sysadmin: TestClient;
const anonymous = () => new TestClient(app);
afterAll(async () => app?.close());

const OBJECTOR_PHONE = '13912345678';
const OBJECTOR_EMAIL = 'objector@example.com';
const UNIT_CONTACT_PHONE = '13800001111';

function expectOk(res: { statusCode: number; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
}

/** Sets the clock and signs the province in again (its session would have idled out across days). */
async function at(instant: string): Promise<void> {
  clock.set(instant);
  province = await new TestClient(app).login('province');
}

/** Applications submitted, recommended by their city, and the city's package accepted by the province. */
async function received(cityUser: string, region: string, count: number): Promise<string[]> {
  const city = await new TestClient(app).login(cityUser);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await submittedApplication(app, region);
    await makeReadyForRecommendation(city, id);
    expectOk(await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' }));
    ids.push(id);
  }
  const submitted = await city.post('/api/v1/city/package/submit');
  expectOk(submitted);
  const { version } = submitted.json<CityPackageView>();
  expectOk(await province.post(`/api/v1/packages/${region}/accept`, { version }));
  return ids;
}

const input = (title: string, applicationIds: string[], s: PublicityInput['settings']): PublicityInput => ({
  title,
  notice: `现将${title}名单予以公示。如有异议，请于公示期内实名提出并附佐证材料。`,
  applicationIds,
  settings: s,
});

const objection = (candidateId: string, over: Record<string, unknown> = {}) => ({
  name: '王异议',
  contact: OBJECTOR_PHONE,
  candidateId,
  grounds: '该平台服务企业数量与实际不符，附相关证明。',
  ...over,
});

let a: string, b: string, c: string, d: string, e: string;
let working: PublicityView;
let calendar: PublicityView;
let parallel: PublicityView;
const candidateOf = (p: PublicityView, applicationId: string) =>
  p.candidates.find((x) => x.applicationId === applicationId)!.id;

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  province = await new TestClient(app).login('province');
  sysadmin = await new TestClient(app).login('sysadmin');
  [a, b, d] = (await received('luoyang', '410300', 3)) as [string, string, string];
  [c, e] = (await received('nanyang', '411300', 2)) as [string, string];
});

describe('the holiday table', () => {
  it('is seeded from seed/holidays.json once, however often the seed runs (at once too)', async () => {
    expect(await Promise.all([seedHolidays(app.ctx), seedHolidays(app.ctx)])).toEqual([0, 0]);
    await app.ctx.db.deleteFrom('holiday_years').where('year', '=', 2022).execute();
    const added = await Promise.all([seedHolidays(app.ctx), seedHolidays(app.ctx)]);
    expect(added[0]! + added[1]!).toBe(1);
    const res = await province.get('/api/v1/holidays');
    expectOk(res);
    const years = res.json<HolidayCalendar>().years;
    expect(years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    const y2023 = years.find((y) => y.year === 2023)!;
    expect(y2023.holidays.map((d) => d.date)).toContain('2023-05-03');
    expect(y2023.workdays.map((d) => d.date)).toContain('2023-05-06');
    expect((await anonymous().get('/api/v1/holidays')).statusCode).toBe(401);
  });

  it('counts working days on the table as stored: 2027 refused until the system administrator enters it', async () => {
    const in2027 = input('2027年测试公示', [e], publicitySettings('working', '2027-01-04T09:00:00+08:00'));
    const refused = await province.post('/api/v1/publicities', in2027);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json<{ message: string }>().message).toContain('尚未配置2027年的节假日和调休安排');

    const year2027 = {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [],
    };
    expect((await province.put('/api/v1/admin/holidays/2027', year2027)).statusCode).toBe(403);
    const mismatch = await sysadmin.put('/api/v1/admin/holidays/2028', year2027);
    expect(mismatch.statusCode, mismatch.body).toBe(400);
    const invalid = await sysadmin.put('/api/v1/admin/holidays/2027', {
      ...year2027,
      workdays: [{ date: '2027-01-06', name: '元旦' }],
    });
    expect(invalid.statusCode, invalid.body).toBe(400);
    expect(invalid.body).toContain('不是周末');
    const saved = await sysadmin.put('/api/v1/admin/holidays/2027', year2027);
    expectOk(saved);
    expect(saved.json<HolidayCalendar>().years.map((y) => y.year)).toContain(2027);
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'holidays.update')
      .execute();
    expect(audit.map((r) => r.target_id)).toEqual(['2027']);
    // 2027-01-04 is a Monday: five working days end on Friday the 8th.
    const allowed = await province.post('/api/v1/publicities', in2027);
    expectOk(allowed, 201);
    expect(allowed.json<PublicityView>().window).toMatchObject({ firstDay: '2027-01-04', lastDay: '2027-01-08' });
  });
});

describe('公示 over 劳动节 2023', () => {
  it('computes 5 working days (调休 Saturday counted) and 5 calendar days (the holiday counted)', async () => {
    const w = await province.post(
      '/api/v1/publicities',
      input('2023年度示范平台（工作日）', [a, b], publicitySettings('working', '2023-04-28T09:00:00+08:00')),
    );
    expectOk(w, 201);
    working = w.json<PublicityView>();
    // 4-28 Fri, (4-29…5-03 劳动节), 5-04, 5-05, 5-06 (调休上班), (5-07 Sunday), 5-08.
    expect(working.window).toEqual({
      startsAt: '2023-04-28T09:00:00+08:00',
      firstDay: '2023-04-28',
      lastDay: '2023-05-08',
      endsAt: '2023-05-08T23:59:59+08:00',
    });
    expect(working.candidates.map((x) => x.status)).toEqual(['publicized', 'publicized']);

    const cal = await province.post(
      '/api/v1/publicities',
      input('2023年度示范平台（自然日）', [c], publicitySettings('calendar', '2023-05-01T09:00:00+08:00')),
    );
    expectOk(cal, 201);
    calendar = cal.json<PublicityView>();
    expect(calendar.window).toMatchObject({ firstDay: '2023-05-01', lastDay: '2023-05-05' });
    expect(calendar.window.endsAt).toBe('2023-05-05T23:59:59+08:00');

    const p = await province.post(
      '/api/v1/publicities',
      input('并发异议测试', [d], publicitySettings('calendar', '2023-05-01T09:00:00+08:00')),
    );
    expectOk(p, 201);
    parallel = p.json<PublicityView>();
  });

  it('refuses a candidate the province has not received, or one already on a list', async () => {
    const res = await province.post(
      '/api/v1/publicities',
      input(
        '错误名单',
        [a, '00000000-0000-4000-8000-000000000000'],
        publicitySettings('calendar', '2023-05-01T09:00:00+08:00'),
      ),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain('该申报不是本批次省厅已受理的推荐平台');
    const twice = await province.post(
      '/api/v1/publicities',
      input('重复名单', [a], publicitySettings('calendar', '2023-05-01T09:00:00+08:00')),
    );
    expect(twice.statusCode, twice.body).toBe(400);
    expect(twice.json()).toMatchObject({
      errors: [{ field: 'applicationIds.0', message: '该平台已在其他公示名单中' }],
    });
  });

  it('lists the 公示 in public with its window, notice and list, and no personal data', async () => {
    await at('2023-05-04T10:00:00+08:00');
    const res = await anonymous().get('/api/v1/public/publicities');
    expectOk(res);
    const list = res.json<PublicPublicityList>();
    const w = list.publicities.find((p) => p.id === working.id)!;
    expect(w).toMatchObject({ phase: 'open', phaseLabel: '公示中', days: 5, unit: 'working' });
    expect(w.notice).toContain('如有异议');
    expect(w.objections.office.department).toBe('省工业和信息化厅中小企业服务处');
    expect(w.candidates.map((x) => x.cityName)).toEqual(['洛阳市', '洛阳市']);
    expect(w.candidates[0]!.unitName).toMatch(/^测试运营单位\d+有限公司$/);
    // 2027's has not started: not shown yet.
    expect(list.publicities.map((p) => p.window.firstDay)).not.toContain('2027-01-04');
    expect(res.body).not.toContain(UNIT_CONTACT_PHONE);
    expect(res.body).not.toContain('张三');
    expect(res.body).not.toMatch(/applicationId|unitId|uscc/);
  });
});

describe('objections and 认定', () => {
  const receipts: Record<string, string> = {};
  let firstReceipt: ObjectionReceipt;

  it('accepts an objection inside the window with a receipt number, and refuses an ID number as contact', async () => {
    const res = await anonymous().post(
      `/api/v1/public/publicities/${working.id}/objections`,
      objection(candidateOf(working, a)),
    );
    expectOk(res, 201);
    const receipt = res.json<ObjectionReceipt>();
    expect(receipt.receiptNumber).toBe(`23-${working.id.slice(0, 8).toUpperCase()}-0001`);
    expect(receipt.uploadToken).toMatch(/^[\w-]{32}$/);
    receipts.a = receipt.receiptNumber;
    firstReceipt = receipt;

    const byEmail = await anonymous().post(
      `/api/v1/public/publicities/${working.id}/objections`,
      objection(candidateOf(working, b), { contact: OBJECTOR_EMAIL }),
    );
    expectOk(byEmail, 201);
    receipts.b = byEmail.json<ObjectionReceipt>().receiptNumber;
    expect(receipts.b).toMatch(/-0002$/);

    const idNumber = await anonymous().post(
      `/api/v1/public/publicities/${working.id}/objections`,
      objection(candidateOf(working, a), { contact: '41010519900307123X' }),
    );
    expect(idNumber.statusCode, idNumber.body).toBe(400);
    expect(idNumber.body).toContain('请勿填写身份证号码');

    const stray = await anonymous().post(
      `/api/v1/public/publicities/${working.id}/objections`,
      objection(candidateOf(calendar, c)),
    );
    expect(stray.statusCode, stray.body).toBe(400);
    expect(stray.body).toContain('该平台不在本次公示名单中');
  });

  it('takes evidence files with the receipt’s token, checked like evidence: size and type refused in Chinese', async () => {
    const upload = (name: string, content: Buffer, token = firstReceipt.uploadToken!) => {
      const body = multipart(name, content);
      return anonymous().request({
        method: 'POST',
        url: `/api/v1/public/objections/${firstReceipt.objectionId}/evidence`,
        payload: body.payload,
        headers: { ...body.headers, 'x-objection-token': token },
      });
    };
    const ok = await upload('证明材料.pdf', tinyPdf());
    expectOk(ok, 201);
    expect(ok.json()).toMatchObject({ name: '证明材料.pdf', mediaType: 'application/pdf' });

    const wrongToken = await upload('证明材料.pdf', tinyPdf(), 'x'.repeat(32));
    expect(wrongToken.statusCode, wrongToken.body).toBe(404);

    const oversize = await upload('大文件.pdf', Buffer.concat([tinyPdf(), Buffer.alloc(10 * 1024 * 1024)]));
    expect(oversize.statusCode, oversize.body).toBe(413);
    expect(oversize.json()).toMatchObject({
      code: 'FILE_TOO_LARGE',
      errors: [{ field: 'file', message: '佐证材料：文件超过 10 MB 的大小限制' }],
    });

    const typed = await upload('伪装.pdf', Buffer.from('这不是PDF文件，只是一段文字'));
    expect(typed.statusCode, typed.body).toBe(415);
    expect(typed.json<{ message: string }>().message).toContain('文件“伪装.pdf”的内容不是允许的类型');
    expect(typed.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('file');

    const view = (await province.get(`/api/v1/publicities/${working.id}`)).json<PublicityView>();
    expect(view.objectionList[0]!.files.map((f) => f.name)).toEqual(['证明材料.pdf']);
  });

  it('lets the province open an objection’s evidence as uploaded, audited; nobody else, and no other objection’s', async () => {
    const view = (await province.get(`/api/v1/publicities/${working.id}`)).json<PublicityView>();
    const withFile = view.objectionList.find((o) => o.id === firstReceipt.objectionId)!;
    const file = withFile.files[0]!;
    const url = `/api/v1/objections/${withFile.id}/files/${file.id}`;
    const res = await province.get(url);
    expectOk(res);
    expect(res.rawPayload.equals(tinyPdf())).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('证明材料.pdf'));
    const inline = await province.get(`${url}?inline=1`);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-security-policy']).toContain('sandbox');

    const audited = await app.ctx.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'objection.file-download')
      .execute();
    expect(audited.length).toBe(2);
    expect(JSON.parse(audited[0]!.detail!)).toMatchObject({ fileId: file.id, name: '证明材料.pdf' });

    const city = await new TestClient(app).login('luoyang');
    const refused = await city.get(url);
    expect(refused.statusCode, refused.body).toBe(403);
    expect((await anonymous().get(url)).statusCode).toBe(401);
    const other = view.objectionList.find((o) => o.id !== withFile.id)!;
    const elsewhere = await province.get(`/api/v1/objections/${other.id}/files/${file.id}`);
    expect(elsewhere.statusCode, elsewhere.body).toBe(404);
    expect(elsewhere.json<{ message: string }>().message).toBe('该异议没有这份佐证材料');
  });

  it('gives 10 objections sent at once 10 distinct receipt numbers', async () => {
    const target = candidateOf(parallel, d);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        anonymous().post(
          `/api/v1/public/publicities/${parallel.id}/objections`,
          objection(target, { name: `异议人${i}` }),
        ),
      ),
    );
    for (const res of answers) expectOk(res, 201);
    const numbers = answers.map((r) => r.json<ObjectionReceipt>().receiptNumber);
    expect(new Set(numbers).size).toBe(10);
    expect(numbers.map((n) => Number(n.slice(-4))).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps the objector’s name and contact encrypted at rest and the contact masked in the province’s list', async () => {
    const stored = await app.ctx.db.selectFrom('objections').select(['name', 'contact']).execute();
    expect(stored.some((r) => r.contact.includes(OBJECTOR_PHONE) || r.contact.includes(OBJECTOR_EMAIL))).toBe(false);
    expect(stored.some((r) => r.name.includes('王异议'))).toBe(false);
    const res = await province.get(`/api/v1/publicities/${working.id}`);
    expectOk(res);
    expect(res.body).not.toContain(OBJECTOR_PHONE);
    expect(res.body).not.toContain(OBJECTOR_EMAIL);
    const view = res.json<PublicityView>();
    expect(view.objectionList.map((o) => o.contactMasked)).toEqual(['139****5678', 'o***@example.com']);
    const publicList = await anonymous().get('/api/v1/public/publicities');
    expect(publicList.body).not.toContain('王异议');
  });

  it('refuses 认定 while the window is open, naming its end', async () => {
    const res = await province.post(`/api/v1/publicities/${working.id}/recognition`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<{ message: string }>().message).toBe(
      '暂不能认定：公示期至2023年5月8日 23:59:59（北京时间）结束，公示期内不能认定',
    );
  });

  it('accepts an objection at the window’s last second and refuses one a second later, naming the window', async () => {
    await at('2023-05-05T23:59:59+08:00');
    const last = await anonymous().post(
      `/api/v1/public/publicities/${calendar.id}/objections`,
      objection(candidateOf(calendar, c)),
    );
    expectOk(last, 201);
    receipts.c = last.json<ObjectionReceipt>().receiptNumber;

    clock.set('2023-05-06T00:00:00+08:00');
    const late = await anonymous().post(
      `/api/v1/public/publicities/${calendar.id}/objections`,
      objection(candidateOf(calendar, c)),
    );
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json<{ message: string }>().message).toBe(
      '不在公示期内，不能提出异议（公示期：2023年5月1日 09:00:00（北京时间）至2023年5月5日 23:59:59（北京时间））',
    );
  });

  it('refuses 认定 after the window while an objection is open, naming its receipt number; allows it once closed', async () => {
    await at('2023-05-06T10:00:00+08:00');
    const refused = await province.post(`/api/v1/publicities/${calendar.id}/recognition`);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json<{ message: string }>().message).toContain(`受理编号：${receipts.c}`);

    const view = (await province.get(`/api/v1/publicities/${calendar.id}`)).json<PublicityView>();
    const closed = await province.post(`/api/v1/objections/${view.objectionList[0]!.id}/close`, {
      outcome: 'rejected',
      text: '经核查，平台服务企业数量与申报材料一致，异议不成立。',
    });
    expectOk(closed);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'rejected' });
    const again = await province.post(`/api/v1/objections/${view.objectionList[0]!.id}/close`, {
      outcome: 'upheld',
      text: '重复办结',
    });
    expect(again.statusCode, again.body).toBe(409);

    const issued = await province.post(`/api/v1/publicities/${calendar.id}/recognition`);
    expectOk(issued);
    expect(issued.json<PublicityView>().candidates[0]).toMatchObject({
      status: 'recognized',
      validFrom: '2024-01-01',
      validTo: '2026-12-31',
      certificateNumber: '豫中小服示〔2023〕001号',
    });
  });

  it('assigns an objection, notes the investigation, and asks the recommending city, which answers', async () => {
    const objectionA = (await province.get(`/api/v1/publicities/${working.id}`))
      .json<PublicityView>()
      .objectionList.find((o) => o.receiptNumber === receipts.a)!;
    const provinceUser = (await app.ctx.users.findByUsername('province'))!;
    const luoyangUser = (await app.ctx.users.findByUsername('luoyang'))!;
    const notAnOfficial = await province.post(`/api/v1/objections/${objectionA.id}/assignment`, {
      userId: luoyangUser.id,
    });
    expect(notAnOfficial.statusCode, notAnOfficial.body).toBe(400);
    const assigned = await province.post(`/api/v1/objections/${objectionA.id}/assignment`, { userId: provinceUser.id });
    expectOk(assigned);
    expect(assigned.json<ObjectionView>().assignedTo).toEqual({
      userId: provinceUser.id,
      name: provinceUser.display_name,
    });
    const noted = await province.post(`/api/v1/objections/${objectionA.id}/notes`, {
      text: '已电话联系异议人核实情况',
    });
    expectOk(noted);
    expect(noted.json<ObjectionView>().notes.map((n) => n.text)).toEqual(['已电话联系异议人核实情况']);

    const asked = await province.post(`/api/v1/objections/${objectionA.id}/city-request`, {
      question: '请核查该平台2022年服务企业数量并书面答复',
    });
    expectOk(asked);
    expect(asked.json<ObjectionView>().cityRequest).toMatchObject({ response: null });
    const told = await app.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'body'])
      .where('kind', '=', 'objection.city_request')
      .execute();
    expect(told.map((n) => n.user_id)).toContain(luoyangUser.id);
    expect(told.every((n) => n.body.includes(receipts.a!))).toBe(true);

    const luoyang = await new TestClient(app).login('luoyang');
    const nanyang = await new TestClient(app).login('nanyang');
    const cityList = await luoyang.get('/api/v1/city/objections');
    expectOk(cityList);
    expect(cityList.json<{ objections: CityObjection[] }>().objections.map((o) => o.receiptNumber)).toEqual([
      receipts.a,
    ]);
    expect(cityList.body).not.toContain('王异议');
    expect(cityList.body).not.toContain(OBJECTOR_PHONE);
    expect((await nanyang.get('/api/v1/city/objections')).json<{ objections: CityObjection[] }>().objections).toEqual(
      [],
    );
    const answer = { text: '经核查，该平台2022年服务企业312家，与申报一致。' };
    const otherCity = await nanyang.put(`/api/v1/city/objections/${objectionA.id}/response`, answer);
    expect(otherCity.statusCode, otherCity.body).toBe(404);
    expectOk(await luoyang.put(`/api/v1/city/objections/${objectionA.id}/response`, answer));
    const twice = await luoyang.put(`/api/v1/city/objections/${objectionA.id}/response`, answer);
    expect(twice.statusCode, twice.body).toBe(409);
    const view = (await province.get(`/api/v1/publicities/${working.id}`)).json<PublicityView>();
    expect(view.objectionList.find((o) => o.id === objectionA.id)!.cityRequest).toMatchObject({
      response: answer.text,
    });
  });

  it('withdraws a platform whose objection is upheld and recognises the rest; paper objections block too', async () => {
    // Still inside the working-day window (ends 2023-05-08).
    const open = await province.post(`/api/v1/publicities/${working.id}/recognition`);
    expect(open.statusCode, open.body).toBe(409);

    await at('2023-05-09T09:00:00+08:00');
    const paper = await province.post(
      `/api/v1/publicities/${working.id}/objections`,
      objection(candidateOf(working, a), { name: '李来信', contact: '0371-66668888' }),
    );
    expectOk(paper, 201);
    expect(paper.json<ObjectionReceipt>()).toMatchObject({ uploadToken: null });
    expect(paper.json<ObjectionReceipt>().receiptNumber).toMatch(/-0003$/);

    const blocked = await province.post(`/api/v1/publicities/${working.id}/recognition`);
    expect(blocked.statusCode, blocked.body).toBe(409);
    const message = blocked.json<{ message: string }>().message;
    expect(message).toContain(receipts.a);
    expect(message).toContain(receipts.b);
    expect(message).toContain(paper.json<ObjectionReceipt>().receiptNumber);

    const list = (await province.get(`/api/v1/publicities/${working.id}`)).json<PublicityView>().objectionList;
    expect(list.map((o) => o.origin)).toEqual(['online', 'online', 'paper']);
    const close = (receipt: string | undefined, outcome: string) =>
      province.post(`/api/v1/objections/${list.find((o) => o.receiptNumber === receipt)!.id}/close`, {
        outcome,
        text: '处理结果说明',
      });
    expectOk(await close(receipts.a, 'rejected'));
    expectOk(await close(receipts.b, 'upheld'));
    expectOk(await close(paper.json<ObjectionReceipt>().receiptNumber, 'withdrawn'));

    const issued = await province.post(`/api/v1/publicities/${working.id}/recognition`);
    expectOk(issued);
    const candidates = issued.json<PublicityView>().candidates;
    expect(candidates.find((x) => x.applicationId === a)).toMatchObject({
      status: 'recognized',
      certificateNumber: '豫中小服示〔2023〕002号',
      validFrom: '2024-01-01',
      validTo: '2026-12-31',
    });
    const withdrawn = candidates.find((x) => x.applicationId === b)!;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', certificateNumber: null });
    expect(withdrawn.history.map((h) => h.status)).toEqual(['publicized', 'withdrawn']);

    const publicView = (await anonymous().get('/api/v1/public/publicities')).json<PublicPublicityList>();
    expect(publicView.publicities.find((p) => p.id === working.id)!.candidates.map((x) => x.statusLabel)).toEqual([
      '已认定',
      '已移出名单',
    ]);

    const again = await province.post(`/api/v1/publicities/${working.id}/recognition`);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json<{ message: string }>().message).toBe('本次公示没有待认定的平台');
  });

  it('gives the 认定文件 in Word and PDF once 认定 is issued, numbered from the province’s 发文字号, refused before', async () => {
    const before = await province.get(`/api/v1/publicities/${parallel.id}/decision.pdf`);
    expect(before.statusCode, before.body).toBe(409);
    expect(before.json<{ message: string }>().message).toBe('本次公示尚未认定，认定后才有认定文件');
    const badFormat = await province.get(`/api/v1/publicities/${working.id}/decision.xlsx`);
    expect(badFormat.statusCode, badFormat.body).toBe(400);

    const pdfText = async (publicityId: string) => {
      const res = await province.get(`/api/v1/publicities/${publicityId}/decision.pdf`);
      expectOk(res);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(
        encodeURIComponent('关于认定2022年度河南省中小企业公共服务示范平台的通知.pdf'),
      );
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-decision-'));
      fs.writeFileSync(path.join(dir, 'decision.pdf'), res.rawPayload);
      const text = execFileSync('pdftotext', [path.join(dir, 'decision.pdf'), '-'], { encoding: 'utf8' });
      fs.rmSync(dir, { recursive: true, force: true });
      return text.replace(/\s+/g, '');
    };
    // 认定 of the calendar-day 公示 came first: number 1 of 2023; the working-day one's is number 2.
    const first = await pdfText(calendar.id);
    expect(first).toContain('豫工信企业〔2023〕1号');
    expect(first).toContain('河南省工业和信息化厅文件');
    expect(first).toContain('有效期自2024年1月1日至2026年12月31日');
    expect(first).toContain('豫中小服示〔2023〕001号');
    const second = await pdfText(working.id);
    expect(second).toContain('豫工信企业〔2023〕2号');
    expect(second).toContain('豫中小服示〔2023〕002号');
    // The platform whose objection was upheld is not on the list.
    const [recognised, withdrawn] = [candidateOf(working, a), candidateOf(working, b)].map(
      (id) => working.candidates.find((x) => x.id === id)!.platformName,
    );
    expect(second).toContain(recognised!.replace(/\s+/g, ''));
    expect(second).not.toContain(withdrawn!.replace(/\s+/g, ''));

    const docx = await province.get(`/api/v1/publicities/${working.id}/decision.docx`);
    expectOk(docx);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xml = await entryText(docx.rawPayload, 'word/document.xml');
    expect(xml).toContain('豫工信企业〔2023〕2号');
    expect(xml).toContain('豫中小服示〔2023〕002号');

    const downloads = await app.ctx.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'document.download')
      .where('target_id', '=', working.id)
      .execute();
    expect(downloads.map((r) => JSON.parse(r.detail ?? '{}').document)).toEqual(['decision.pdf', 'decision.docx']);
  });

  it('lets the province set how its 认定文件 is issued: the number never goes back; one issued keeps its own', async () => {
    const url = '/api/v1/province/letter-settings';
    const current = await province.get(url);
    expectOk(current);
    expect(current.json<ProvinceLetterSettingsView>()).toMatchObject({
      officialName: '河南省工业和信息化厅',
      letterhead: '河南省工业和信息化厅文件',
      docNumberPrefix: '豫工信企业',
      year: 2023,
      nextNumber: 3,
      minNextNumber: 3,
      nextDocNumber: '豫工信企业〔2023〕3号',
    });
    const settings = {
      officialName: '河南省工业和信息化厅',
      letterhead: '河南省工业和信息化厅文件',
      docNumberPrefix: '豫工信中小',
      nextNumber: 10,
    };
    const back = await province.put(url, { ...settings, nextNumber: 2 });
    expect(back.statusCode, back.body).toBe(400);
    expect(back.json()).toMatchObject({
      errors: [{ field: 'nextNumber', message: '下一发文序号：不能小于3（本系统已编至2号）' }],
    });
    const latin = await province.put(url, { ...settings, docNumberPrefix: 'YGX' });
    expect(latin.statusCode, latin.body).toBe(400);
    expect(latin.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('docNumberPrefix');
    const city = await new TestClient(app).login('luoyang');
    expect((await city.put(url, settings)).statusCode).toBe(403);

    const saved = await province.put(url, settings);
    expectOk(saved);
    expect(saved.json<ProvinceLetterSettingsView>()).toMatchObject({
      nextNumber: 10,
      nextDocNumber: '豫工信中小〔2023〕10号',
    });
    const issued = await province.get(`/api/v1/publicities/${working.id}/decision.docx`);
    expect(await entryText(issued.rawPayload, 'word/document.xml')).toContain('豫工信企业〔2023〕2号');
    const audited = await app.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'publicity.letter_settings')
      .execute();
    expect(audited.map((r) => JSON.parse(r.detail ?? '{}'))).toEqual([{ year: 2023, ...settings }]);
  });

  it('audits every change', async () => {
    const actions = await app.ctx.db.selectFrom('audit_log').select('action').execute();
    const count = (a: string) => actions.filter((r) => r.action === a).length;
    expect(count('publicity.publish')).toBe(4);
    expect(count('objection.receive')).toBe(14);
    expect(count('objection.close')).toBe(4);
    expect(count('recognition.issue')).toBe(2);
    expect(count('objection.evidence')).toBe(1);
    expect(count('objection.assign')).toBe(1);
    expect(count('objection.note')).toBe(1);
    expect(count('objection.city_request')).toBe(1);
    expect(count('objection.city_response')).toBe(1);
  });
});
