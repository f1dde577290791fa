import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdminBatchView,
  ApplicationListItem,
  ApplicationView,
  BatchSummary,
  CityPackageView,
  ProvinceBoard,
  ReceiptView,
  ReviewView,
} from '#contract';
import { fixedClock } from '../domain/clock.js';
import {
  makeReadyForRecommendation,
  registerUnit,
  submittedApplication,
  uploadEvidenceFile,
} from '../../test-support/applications.js';
import { additions2023, LUOYANG, publish2023, routing2023 } from '../../test-support/batch-2023.js';
import { eligibleForm, makeUscc, rosterRows, rosterWorkbook, tinyPdf, zipWith } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { multipart, TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/** Four days after the 2023 notice (config2023 dates it from the clock); the demo copy of 2022 is open too. */
const clock = fixedClock('2023-11-24T02:00:00Z');
/** The city's review records, between the 2023 notice and the clock's day (the opinion's is the 推荐表's 填报日期). */
const REVIEW_DATES = { siteCheck: '2023-11-22', interview: '2023-11-23', opinion: '2023-11-24' };
const DEMO_2022 = '2022-demo';
const HKQ = '410100-HKQ';
/** Words of the 2022 notice that no 2023 document may carry. */
const words2022 = /2022年度|不低于200万元|不少于15人/;

let app: App;
let city: TestClient;
let province: TestClient;
let tmp: string;
let batch: AdminBatchView;

const expectStatus = (res: LightMyRequestResponse, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};

function pdfText(res: LightMyRequestResponse): string {
  expectStatus(res, 200);
  const file = path.join(tmp, `${Math.random().toString(16).slice(2)}.pdf`);
  fs.writeFileSync(file, res.rawPayload);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

function docxText(res: LightMyRequestResponse): string {
  expectStatus(res, 200);
  const file = path.join(tmp, `${Math.random().toString(16).slice(2)}.docx`);
  fs.writeFileSync(file, res.rawPayload);
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** Every cell of the workbook's 汇总表, row by row, as text. */
async function summaryRows(res: LightMyRequestResponse): Promise<string[][]> {
  expectStatus(res, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet('汇总表')!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

const listIn = async (c: TestClient, query = '') =>
  (await c.get(`/api/v1/applications${query}`)).json<{ items: ApplicationListItem[] }>().items;

/** The 2022 batches as officials, applicants and the public see them, read in the same order every time. */
async function snapshot2022(ids: { recommended: string; judged: string; applicant: TestClient }) {
  const reviews = [];
  for (const id of [ids.recommended, ids.judged])
    reviews.push(expectStatus(await city.get(`/api/v1/applications/${id}/review`), 200).json<ReviewView>());
  const batches = (await new TestClient(app).get('/api/v1/batches'))
    .json<BatchSummary[]>()
    .filter((b) => b.id.startsWith('2022'));
  return {
    batches,
    reviews,
    cityList: await listIn(city, `?batch=${DEMO_2022}`),
    provinceList: await listIn(province, `?batch=${DEMO_2022}`),
    officialList: await listIn(province, '?batch=2022'),
    cityPackage: (await city.get(`/api/v1/city/package?batch=${DEMO_2022}`)).json<CityPackageView>(),
    board: (await province.get(`/api/v1/province/board?batch=${DEMO_2022}`)).json<ProvinceBoard>(),
    summary: await summaryRows(await province.get(`/api/v1/packages/${LUOYANG}/summary.xlsx?batch=${DEMO_2022}`)),
    summaryPdf: pdfText(await province.get(`/api/v1/packages/${LUOYANG}/summary.pdf?batch=${DEMO_2022}`)),
    letter: pdfText(await city.get(`/api/v1/packages/${LUOYANG}/letter.pdf?batch=${DEMO_2022}`)),
    form: pdfText(await city.get(`/api/v1/applications/${ids.recommended}/documents/recommendation-form.pdf`)),
    dossier: pdfText(await city.get(`/api/v1/applications/${ids.recommended}/documents/application.pdf`)),
    receipt: (await city.get(`/api/v1/applications/${ids.recommended}/receipt`)).json<ReceiptView>(),
    mine: (await ids.applicant.get(`/api/v1/applications/${ids.recommended}`)).json<ApplicationView>(),
  };
}

let before2022: Awaited<ReturnType<typeof snapshot2022>>;
let old: { recommended: string; judged: string; applicant: TestClient };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-2023-flow-'));
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 1000, notifyIntervalSeconds: 0 } });
  city = await new TestClient(app).login('luoyang');
  province = await new TestClient(app).login('province');

  // The 2022 (demo copy) batch in use before 2023 exists: one platform recommended, one judged by the city.
  const recommended = await submittedApplication(app, LUOYANG, { platformName: '洛阳二〇二二年度服务平台' });
  const judged = await submittedApplication(app, LUOYANG, { platformName: '洛阳二〇二二年度待审平台' });
  await makeReadyForRecommendation(city, recommended.id);
  expectStatus(await city.post(`/api/v1/applications/${recommended.id}/recommendation`, { channel: 'quota' }), 200);
  expectStatus(
    await city.put(`/api/v1/applications/${judged.id}/review/findings/${encodeURIComponent('rule:STAFF_BELOW_MIN')}`, {
      verdict: 'fail',
      remark: '社保缴纳名单仅12人',
      correctedValue: 12,
    }),
    200,
  );
  old = { recommended: recommended.id, judged: judged.id, applicant: recommended.client };
  before2022 = await snapshot2022(old);

  batch = await publish2023(app);
}, 120_000);
afterAll(async () => {
  await app.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The year whose services the roster lists: that of 上年末. */
const servedYear = () => batch.config.assetsAsOf.slice(0, 4);

/** Fills a 2023 draft completely, every required evidence type but those left out. */
async function fill2023(c: TestClient, id: string, form: Record<string, unknown>, leaveOut: string[] = []) {
  expectStatus(await c.patch(`/api/v1/applications/${id}`, { ...eligibleForm, ...form }), 200);
  const rows = rosterRows(80).map((r) => ({ ...r, servedOn: `${servedYear()}-06-18` }));
  const roster = multipart('服务企业名单.xlsx', await rosterWorkbook(rows));
  expectStatus(
    await c.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/roster`,
      payload: roster.payload,
      headers: roster.headers,
    }),
    200,
  );
  const institutions = [];
  for (let i = 0; i < 5; i++) {
    const file = expectStatus(
      await uploadEvidenceFile(c, id, 'institution_agreement', `合作协议${i + 1}.pdf`, tinyPdf()),
      201,
    );
    institutions.push({
      name: `服务机构${i + 1}`,
      uscc: makeUscc(900 + i),
      agreementFileId: file.json<{ id: string }>().id,
    });
  }
  expectStatus(await c.put(`/api/v1/applications/${id}/institutions`, { institutions }), 200);
  const report = await zipWith({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' });
  for (const type of batch.config.evidenceTypes.filter((t) => t.required && !leaveOut.includes(t.key))) {
    const [name, content] =
      type.key === 'application_report' ? ['申请报告.docx', report] : [`${type.key}.pdf`, tinyPdf()];
    expectStatus(await uploadEvidenceFile(c, id, type.key, name, content), 201);
  }
}

let unitNo = 0;
/** A new unit's draft in the open batch (in 洛阳 unless told), filled in. */
async function apply2023(form: Record<string, unknown>, leaveOut: string[] = [], regionCode = LUOYANG) {
  unitNo += 1;
  const unit = await registerUnit(app, 230_000 + unitNo, regionCode);
  await fill2023(unit.client, unit.id, form, leaveOut);
  return unit;
}

const precheck = (batchYear: number, totalAssetsWan: number, serviceStaff: number, category: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/precheck',
    payload: {
      batchYear,
      platformName: '河南中小企业综合服务平台',
      operatorName: '河南某服务有限公司',
      uscc: '91310110666007217T',
      categories: [category],
      registeredOn: '2020-11-01',
      totalAssetsWan,
      serviceStaff,
      institutions: 5,
      preferentialSharePercent: 20,
      enterprisesServedLastYear: 80,
    },
  });
type PrecheckAnswer = { eligible: boolean; failures: { code: string; message: string }[] };

/** The four 洛阳 platforms of 2023: three for the quota of 2, one for the new designated area. */
const platforms = {
  first: '洛阳数字化转型服务平台',
  second: '洛阳智能制造服务平台',
  third: '洛阳工业互联网服务平台',
  area: '洛阳数字经济产业园服务平台',
  judged: '洛阳待核实服务平台',
};
const submitted: Record<keyof typeof platforms, { client: TestClient; id: string }> = {} as never;

describe('the 2023 batch, published by the system administrator, runs the whole flow', () => {
  it('is published and open, listed first, beside the 2022 batches', async () => {
    const listed = (await new TestClient(app).get('/api/v1/batches')).json<BatchSummary[]>();
    expect(listed.map((b) => [b.id, b.open])).toEqual([
      ['2023', true],
      ['2022', false],
      [DEMO_2022, true],
    ]);
    expect(batch.config.rules).toMatchObject({ minAssetsWan: 300, minServiceStaff: 20 });
  });

  it('prechecks by 2023’s thresholds: 250 万元 and 16 people pass in 2022 and fail in 2023, naming 300 and 20', async () => {
    const in2022 = (await precheck(2022, 250, 16, '信息服务')).json<PrecheckAnswer>();
    expect(in2022).toEqual({ eligible: true, failures: [] });
    const in2023 = (await precheck(2023, 250, 16, additions2023.category)).json<PrecheckAnswer>();
    expect(in2023.eligible).toBe(false);
    expect(in2023.failures.map((f) => f.code)).toEqual(['ASSETS_BELOW_MIN', 'STAFF_BELOW_MIN']);
    expect(in2023.failures[0]!.message).toContain('资产总额不低于300万元');
    expect(in2023.failures[0]!.message).toContain(`上年末（${servedYear()}年12月31日）`);
    expect(in2023.failures[1]!.message).toContain('服务人员不少于20人');
    const unknown = await precheck(2022, 300, 20, additions2023.category);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
      { field: 'categories', message: expect.stringContaining(`不在本批次范围内（${additions2023.category}）`) },
    ]);
    expect((await precheck(2023, 300, 20, additions2023.category)).json<PrecheckAnswer>()).toEqual({
      eligible: true,
      failures: [],
    });
  });

  it('takes applications in 2023 with the new category and refuses submission without the new evidence type', async () => {
    const first = await apply2023({ platformName: platforms.first, categories: ['信息服务', additions2023.category] }, [
      additions2023.evidenceType.key,
    ]);
    const draft = (await first.client.get('/api/v1/my/application')).json<ApplicationView>();
    expect(draft.batchId).toBe('2023');
    expect(draft.form.categories).toEqual(['信息服务', additions2023.category]);

    const refused = await first.client.post(`/api/v1/applications/${first.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'NOT_ELIGIBLE',
      failures: [
        { code: 'EVIDENCE_MISSING', field: additions2023.evidenceType.key, message: '请上传数字化服务能力证明' },
      ],
    });

    const certificate = await uploadEvidenceFile(
      first.client,
      first.id,
      additions2023.evidenceType.key,
      '数字化服务能力证明.pdf',
      tinyPdf(),
    );
    expectStatus(certificate, 201);
    expectStatus(await first.client.post(`/api/v1/applications/${first.id}/submit`), 200);
    submitted.first = first;

    for (const key of ['second', 'third', 'judged'] as const)
      submitted[key] = await apply2023({ platformName: platforms[key] });
    submitted.area = await apply2023({
      platformName: platforms.area,
      channel: 'designated_area',
      designatedAreaId: additions2023.area.id,
    });
    for (const key of ['second', 'third', 'area', 'judged'] as const)
      expectStatus(await submitted[key].client.post(`/api/v1/applications/${submitted[key].id}/submit`), 200);
  });

  it('lists only 2023’s applications to officials by default, and only 2022’s with ?batch=', async () => {
    const ids2023 = Object.values(submitted).map((s) => s.id);
    for (const c of [city, province]) {
      const current = (await listIn(c)).filter((i) => i.authorityCode === LUOYANG);
      expect(current.map((i) => i.id).sort()).toEqual([...ids2023].sort());
      expect(new Set(current.map((i) => i.batchId))).toEqual(new Set(['2023']));
      const earlier = await listIn(c, `?batch=${DEMO_2022}`);
      expect(earlier.map((i) => i.id)).toEqual(expect.arrayContaining([old.recommended, old.judged]));
      expect(earlier.some((i) => ids2023.includes(i.id))).toBe(false);
      expect(new Set(earlier.map((i) => i.batchId))).toEqual(new Set([DEMO_2022]));
    }
  });

  it('routes a 航空港区 application directly, as the 2023 routing says: not to 郑州, and 航空港区 on the board', async () => {
    expect(routing2023[HKQ]).toBe(HKQ);
    const unit = await apply2023({ platformName: '航空港区数字化服务平台' }, [], HKQ);
    expectStatus(await unit.client.post(`/api/v1/applications/${unit.id}/submit`), 200);
    const listed = (await listIn(province)).find((i) => i.id === unit.id);
    expect(listed).toMatchObject({
      batchId: '2023',
      regionName: expect.stringContaining('航空港区'),
      authorityCode: HKQ,
    });
    const zhengzhou = await new TestClient(app).login('zhengzhou');
    expect((await listIn(zhengzhou)).map((i) => i.id)).not.toContain(unit.id);
    expect((await zhengzhou.get(`/api/v1/applications/${unit.id}/review`)).statusCode).toBe(403);
    const board = (await province.get('/api/v1/province/board')).json<ProvinceBoard>();
    expect(board.cities).toHaveLength(19);
    expect(board.cities.at(-1)).toMatchObject({ authorityCode: HKQ, quota: { limit: 3, used: 0 } });
    const board2022 = (await province.get(`/api/v1/province/board?batch=${DEMO_2022}`)).json<ProvinceBoard>();
    expect(board2022.cities.map((c) => c.authorityCode)).not.toContain(HKQ);
  });

  it('reviews a 2023 application with 2023’s checklist, including the new evidence type', async () => {
    const review = expectStatus(
      await city.get(`/api/v1/applications/${submitted.first.id}/review`),
      200,
    ).json<ReviewView>();
    expect(review.items.filter((i) => i.label.startsWith(`${additions2023.evidenceType.label}：`))).toEqual([
      expect.objectContaining({ kind: 'evidence', claimed: '数字化服务能力证明.pdf' }),
    ]);
    expect(review.officialEligibility).toEqual({ eligible: true, failures: [] });
    const corrected = await city.put(
      `/api/v1/applications/${submitted.judged.id}/review/findings/${encodeURIComponent('rule:ASSETS_BELOW_MIN')}`,
      { verdict: 'fail', remark: '审计报告资产总额为280万元', correctedValue: 280 },
    );
    expectStatus(corrected, 200);
    expect(corrected.json<ReviewView>().officialEligibility.failures).toEqual([
      expect.objectContaining({ code: 'ASSETS_BELOW_MIN', message: expect.stringContaining('不低于300万元') }),
    ]);
  });

  it('refuses review dates before the 2023 notice, naming the field, and records nothing', async () => {
    const id = submitted.third.id;
    const early = [
      ['site-check', 'checkedOn', '核查日期', { officials: ['张科长'], findings: '一致', conclusion: 'consistent' }],
      [
        'interview',
        'heldOn',
        '谈话日期',
        {
          place: '会议室',
          officials: ['张科长'],
          principalName: '李四',
          principalTitle: '董事长',
          result: '承诺真实。',
        },
      ],
      ['opinion', 'opinionDate', '推荐意见日期', { impact: '带动。', opinion: '同意推荐。' }],
    ] as const;
    const notice = (await city.get(`/api/v1/applications/${id}/review`)).json<ReviewView>();
    for (const [what, field, label, body] of early) {
      const res = await city.put(`/api/v1/applications/${id}/${what}`, { ...body, [field]: '2022-12-01' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        errors: [{ field, message: expect.stringMatching(new RegExp(`^${label}不能早于本批次通知日期（\\d{4}年`)) }],
      });
    }
    const after = (await city.get(`/api/v1/applications/${id}/review`)).json<ReviewView>();
    expect(after).toEqual(notice);
  });

  it('recommends within 洛阳’s quota of 2, the new designated area outside it, and submits the package', async () => {
    for (const key of ['first', 'second', 'third', 'area'] as const)
      await makeReadyForRecommendation(city, submitted[key].id, { dates: REVIEW_DATES });
    for (const key of ['first', 'second'] as const)
      expectStatus(
        await city.post(`/api/v1/applications/${submitted[key].id}/recommendation`, { channel: 'quota' }),
        200,
      );
    const full = await city.post(`/api/v1/applications/${submitted.third.id}/recommendation`, { channel: 'quota' });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'QUOTA_EXHAUSTED', message: expect.stringMatching(/名额/) });
    expectStatus(
      await city.post(`/api/v1/applications/${submitted.area.id}/recommendation`, {
        channel: 'designated_area',
        designatedAreaId: additions2023.area.id,
      }),
      200,
    );

    const pkg = (await city.get('/api/v1/city/package')).json<CityPackageView>();
    expect(pkg).toMatchObject({ batchId: '2023', quota: { limit: 2, used: 2 } });
    expect(pkg.recommended.map((r) => r.platformName).sort()).toEqual(
      [platforms.first, platforms.second, platforms.area].sort(),
    );
    expectStatus(await city.post('/api/v1/city/package/submit'), 200);
    const board = (await province.get('/api/v1/province/board')).json<ProvinceBoard>();
    expect(board.batch.id).toBe('2023');
    expect(board.cities.find((c) => c.authorityCode === LUOYANG)).toMatchObject({
      state: 'submitted',
      counts: { quota: 2, designated_area: 1, lab: 0 },
      quota: { limit: 2, used: 2 },
    });
  });
});

describe('the documents of the 2023 package carry 2023’s words', () => {
  it('汇总表 (Excel): 2023 title, notes from 300 万元 and 20 people, the new category and the new area’s 备注', async () => {
    const rows = await summaryRows(await city.get('/api/v1/city/package/summary.xlsx'));
    const text = rows.map((r) => r.join('|')).join('\n');
    expect(text).toContain('推荐2023年度河南省中小企业公共服务示范平台汇总表');
    expect(text).toContain('上年末资产总额不低于300万元，服务人员不少于20人');
    expect(text).toContain(additions2023.areaKind.label);
    expect(text).not.toMatch(words2022);
    const row = (name: string) => rows.find((r) => r.includes(name))!;
    expect(row(platforms.first).join('|')).toContain(additions2023.category);
    expect(row(platforms.area).join('|')).toContain(additions2023.area.name);
    expect(rows.some((r) => r.includes(platforms.third))).toBe(false);
  });

  it('汇总表 (PDF) as the province downloads it: the same words', async () => {
    const text = pdfText(await province.get(`/api/v1/packages/${LUOYANG}/summary.pdf`));
    for (const expected of [
      '推荐2023年度河南省中小企业公共服务示范平台汇总表',
      '上年末资产总额不低于300万元，服务人员不少于20人',
      additions2023.category,
      additions2023.area.name,
      platforms.area,
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(words2022);
  });

  it('推荐表 and 推荐文件 name the 2023 batch and the new area', async () => {
    const form = pdfText(await city.get(`/api/v1/applications/${submitted.area.id}/documents/recommendation-form.pdf`));
    expect(form).toContain('填报日期：2023年11月24日');
    expect(form).toContain('不少于10家');
    expect(form).not.toContain('2022');
    const formDocx = docxText(
      await city.get(`/api/v1/applications/${submitted.area.id}/documents/recommendation-form.docx`),
    );
    expect(formDocx).toContain('填报日期：2023年11月24日');
    expect(formDocx).not.toContain('2022');

    const letter = pdfText(await city.get(`/api/v1/packages/${LUOYANG}/letter.pdf`));
    expect(letter).toContain('2023年度');
    expect(letter).toContain('〔2023〕');
    expect(letter).toContain(platforms.area);
    expect(letter).not.toMatch(words2022);
  });

  it('申报书 and 回执 of a 2023 application show 2023’s title and the new category', async () => {
    const dossier = pdfText(
      await submitted.first.client.get(`/api/v1/applications/${submitted.first.id}/documents/application.pdf`),
    );
    expect(dossier).toContain('2023年度');
    expect(dossier).toContain(additions2023.category);
    expect(dossier).toContain(additions2023.evidenceType.label);
    expect(dossier).not.toMatch(words2022);
    const dossierDocx = docxText(
      await submitted.first.client.get(`/api/v1/applications/${submitted.first.id}/documents/application.docx`),
    );
    expect(dossierDocx).toContain('2023年度');
    expect(dossierDocx).not.toMatch(words2022);

    const receipt = (
      await submitted.first.client.get(`/api/v1/applications/${submitted.first.id}/receipt`)
    ).json<ReceiptView>();
    expect(receipt.batchTitle).toContain('2023年度');
    expect(receipt.files.map((f) => f.evidenceType)).toContain(additions2023.evidenceType.key);
  });
});

describe('the 2022 batches after the whole 2023 flow', () => {
  it('keep their lists, judgements, package, board and documents exactly as they were', async () => {
    const after = await snapshot2022(old);
    expect(after.reviews).toEqual(before2022.reviews);
    expect(after.cityList).toEqual(before2022.cityList);
    expect(after.provinceList).toEqual(before2022.provinceList);
    expect(after.officialList).toEqual(before2022.officialList);
    expect(after.cityPackage).toEqual(before2022.cityPackage);
    expect(after.board).toEqual(before2022.board);
    expect(after.summary).toEqual(before2022.summary);
    expect(after.summaryPdf).toBe(before2022.summaryPdf);
    expect(after.letter).toBe(before2022.letter);
    expect(after.form).toBe(before2022.form);
    expect(after.dossier).toBe(before2022.dossier);
    expect(after.receipt).toEqual(before2022.receipt);
    expect(after.mine).toEqual(before2022.mine);
    expect(after.batches).toEqual(before2022.batches);
  });

  it('still show 2022’s words: the 汇总表 notes from 200 万元 and 15 people, 2022’s checklist', () => {
    expect(before2022.summaryPdf).toContain('推荐2022年度河南省中小企业公共服务示范平台汇总表');
    expect(before2022.summaryPdf).toContain('上年末资产总额不低于200万元，服务人员不少于15人');
    expect(before2022.summaryPdf).toContain('洛阳二〇二二年度服务平台');
    expect(before2022.reviews[1]!.officialEligibility.failures).toEqual([
      expect.objectContaining({ code: 'STAFF_BELOW_MIN', message: expect.stringContaining('不少于15人') }),
    ]);
  });
});
