import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  publicServicePlatformRubric2017,
  type PeerScores,
  type ExpertView,
  type ReviewRoundView,
  type RoundScoresView,
  type ScoreEntry,
  type ScoreHistory,
  type ScoreSheetView,
} from '#contract';
import { fixedClock } from '../domain/clock.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import {
  addExpert,
  expectOk,
  fullEntries,
  openRound,
  receivedApplication,
  roundInput,
  scoredKeys,
  type PoolExpert,
} from '../../test-support/review-round.js';
import type { App } from './app.js';

/**
 * Expert scoring over HTTP (issue 15 items 6–8): the score sheet checked against the rubric, saves as a
 * compare-and-set, submission, the province's reopening with every version kept, other experts' totals hidden
 * until one's own is in, the aggregation with sorting and the pass rule, and the province's decisions.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let province: TestClient;
let round: ReviewRoundView;
let drawn: PoolExpert[];
let notDrawn: PoolExpert;
/** The round's applications by neutral label: A (scored by everyone) and B (left unscored). */
const apps = { A: { id: '', label: '' }, B: { id: '', label: '' } };
const dir = path.resolve('test-artifacts/documents');
afterAll(async () => app?.close());

const sheetUrl = (label: string) => `/api/v1/expert/rounds/${round.id}/materials/${label}/sheet`;
const provinceSheetUrl = (applicationId: string, expertId: string) =>
  `/api/v1/review-rounds/${round.id}/applications/${applicationId}/sheets/${expertId}`;

async function save(expert: PoolExpert, label: string, version: number, entries: ScoreEntry[], opinion = '') {
  return expert.client.put(sheetUrl(label), { version, entries, opinion });
}

async function submitted(expert: PoolExpert, label: string, points: number): Promise<ScoreSheetView> {
  const current = (await expert.client.get(sheetUrl(label))).json<ScoreSheetView>();
  const saved = await save(expert, label, current.version, fullEntries(points), `总体意见：${points}分`);
  expectOk(saved);
  const res = await expert.client.post(`${sheetUrl(label)}/submit`, { version: saved.json<ScoreSheetView>().version });
  expectOk(res);
  return res.json<ScoreSheetView>();
}

const auditOf = (action: string) =>
  app.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

beforeAll(async () => {
  fs.mkdirSync(dir, { recursive: true });
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  province = await new TestClient(app).login('province');
  const sysadmin = await new TestClient(app).login('sysadmin');
  const base = 6_300_000 + Math.floor(Math.random() * 1000) * 10;
  const a = await receivedApplication(app, province, base + 1, '410300', 'luoyang');
  const b = await receivedApplication(app, province, base + 2, '411300', 'nanyang');
  const pool = [];
  for (let i = 1; i <= 4; i++) pool.push(await addExpert(app, province, sysadmin, `s${i}-${base}`));
  round = await openRound(province, pool, roundInput([a, b]));
  const drawnIds = new Set(round.groups.flatMap((g) => g.experts.map((e) => e.expertId)));
  drawn = pool.filter((e) => drawnIds.has(e.view.id));
  notDrawn = pool.find((e) => !drawnIds.has(e.view.id))!;
  const labelOf = (id: string) => round.applications.find((x) => x.applicationId === id)!.label!;
  apps.A = { id: a, label: labelOf(a) };
  apps.B = { id: b, label: labelOf(b) };
}, 300_000);

describe('the expert score sheet', () => {
  it('starts empty: version 0, a draft, the rubric and its formula, every item missing', async () => {
    const res = await drawn[0]!.client.get(sheetUrl(apps.A.label));
    expectOk(res);
    const sheet = res.json<ScoreSheetView>();
    expect(sheet).toMatchObject({ status: 'draft', version: 0, total: 0, entries: [], verdict: null });
    expect(sheet.formula).toContain('总分 = Σ(各项得分 × 权重)');
    expect(sheet.missing).toHaveLength(scoredKeys.length + 1);
    expect(sheet.rubric.title).toBe(publicServicePlatformRubric2017.title);
  });

  it('refuses an expert not drawn for the round, and one without the account of the pool', async () => {
    expect((await notDrawn.client.get(sheetUrl(apps.A.label))).statusCode).toBe(404);
    expect((await province.get(sheetUrl(apps.A.label))).statusCode).toBe(403);
  });

  it('checks entries against the rubric: unknown item, points out of range, a choice on a weighted item', async () => {
    const expert = drawn[0]!;
    const unknown = await save(expert, apps.A.label, 0, [{ itemKey: 'nonexistent', points: 5 }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ message: string }>().message).toContain('评分项“nonexistent”不在本评分细则中');
    const range = await save(expert, apps.A.label, 0, [{ itemKey: 'management', points: 100.5 }]);
    expect(range.statusCode).toBe(400);
    expect(range.body).toContain('不能超过100');
    const choice = await save(expert, apps.A.label, 0, [{ itemKey: 'premises', choiceKey: 'a' }]);
    expect(choice.statusCode).toBe(400);
    expect(choice.json<{ message: string }>().message).toContain('第1类第2项“服务场所与设施”按分数计分，不选档次');
    expect((await expert.client.get(sheetUrl(apps.A.label))).json<ScoreSheetView>().version).toBe(0);
  });

  it('saves a draft with its total and formula, and refuses a submission naming the missing items', async () => {
    const expert = drawn[0]!;
    const res = await save(expert, apps.A.label, 0, [
      { itemKey: 'management', points: 80, remark: '制度较全' },
      { itemKey: 'premises', points: 90 },
    ]);
    expectOk(res);
    const sheet = res.json<ScoreSheetView>();
    expect(sheet).toMatchObject({ version: 1, status: 'draft', total: 17, calculation: '总分 = 80×0.1 + 90×0.1 = 17' });
    const refused = await expert.client.post(`${sheetUrl(apps.A.label)}/submit`, { version: 1 });
    expect(refused.statusCode).toBe(400);
    const message = refused.json<{ message: string }>().message;
    expect(message).toContain(`还有${scoredKeys.length - 1}项未评`);
    expect(message).toContain('第1类第3项“服务人员”');
    expect(message).toContain('第4类第1项“主要优势与存在问题”');
  });

  it('lets one of two saves made on the same version through (two tabs): the other gets 409', async () => {
    const expert = drawn[0]!;
    const [x, y] = await Promise.all([
      save(expert, apps.A.label, 1, fullEntries(70)),
      save(expert, apps.A.label, 1, fullEntries(75)),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const loser = x.statusCode === 409 ? x : y;
    expect(loser.json<{ message: string }>().message).toBe('评分表刚被修改（可能在另一个窗口中），请刷新后重试');
    const sheet = (await expert.client.get(sheetUrl(apps.A.label))).json<ScoreSheetView>();
    expect(sheet.version).toBe(2);
    expect([70, 75]).toContain(sheet.total);
  });

  it('two first saves at once store one sheet', async () => {
    const expert = drawn[1]!;
    const [x, y] = await Promise.all([
      save(expert, apps.A.label, 0, fullEntries(60)),
      save(expert, apps.A.label, 0, fullEntries(65)),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const rows = await app.ctx.db
      .selectFrom('review_score_sheets')
      .select('id')
      .where('expert_id', '=', expert.view.id)
      .where('application_id', '=', apps.A.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('submits a complete sheet; after that a save is 409 until the province reopens it', async () => {
    const expert = drawn[0]!;
    const sheet = await submitted(expert, apps.A.label, 82.5);
    expect(sheet).toMatchObject({ status: 'submitted', total: 82.5, submittedAt: clock.now().toISOString() });
    expect(sheet.verdict).toMatchObject({ passed: true, direct: false });
    const again = await save(expert, apps.A.label, sheet.version, fullEntries(90));
    expect(again.statusCode).toBe(409);
    expect(again.json<{ message: string }>().message).toBe('该评分表已提交，须由省厅退回后修改');
    expect(await auditOf('review_score.submit')).toHaveLength(1);
  });
});

describe('other experts’ scores', () => {
  it('are hidden until the expert’s own sheet is submitted, then shown without names (drafts without totals)', async () => {
    const [first, second] = drawn as [PoolExpert, PoolExpert];
    const before = await second.client.get(`/api/v1/expert/rounds/${round.id}/materials/${apps.A.label}/scores`);
    expect(before.statusCode).toBe(403);
    expect(before.json<{ message: string }>().message).toBe('提交本人的评分后，方可查看其他专家对该申报的评分');
    const after = await first.client.get(`/api/v1/expert/rounds/${round.id}/materials/${apps.A.label}/scores`);
    expectOk(after);
    const peers = after.json<PeerScores>();
    expect(peers.own).toBe(82.5);
    expect(peers.others).toHaveLength(2);
    expect(peers.others.every((o) => o.total === null && !o.submitted)).toBe(true);
    expect(after.body).not.toContain(second.view.name);
    expect(peers.statistics).toMatchObject({ count: 1, mean: 82.5 });
  });
});

describe('reopening and history', () => {
  it('the province reopens with a reason (audited): a draft again, every version kept', async () => {
    const expert = drawn[0]!;
    const url = provinceSheetUrl(apps.A.id, expert.view.id);
    expect((await province.post(`${url}/reopen`, { reason: '' })).statusCode).toBe(400);
    const res = await province.post(`${url}/reopen`, { reason: '第3项得分与材料不符，请复核' });
    expectOk(res);
    const history = res.json<ScoreHistory>().versions;
    expect(history.map((v) => [v.version, v.action])).toEqual([
      [1, 'saved'],
      [2, 'saved'],
      [3, 'saved'],
      [4, 'submitted'],
      [5, 'reopened'],
    ]);
    expect(history[0]!.total).toBe(17);
    expect(history[4]).toMatchObject({ reason: '第3项得分与材料不符，请复核', by: '省工信厅中小企业局', total: 82.5 });
    const [entry] = await auditOf('review_score.reopen');
    expect(JSON.parse(entry!.detail!)).toMatchObject({ reason: '第3项得分与材料不符，请复核', version: 5 });
    expect((await province.post(`${url}/reopen`, { reason: '再次退回' })).statusCode).toBe(409);

    const sheet = (await expert.client.get(sheetUrl(apps.A.label))).json<ScoreSheetView>();
    expect(sheet).toMatchObject({ status: 'draft', version: 5, total: 82.5, submittedAt: null });
    const own = await expert.client.get(`${sheetUrl(apps.A.label)}/history`);
    expectOk(own);
    expect(own.json<ScoreHistory>().versions).toHaveLength(5);
    expect((await province.get(`${url}/history`)).json<ScoreHistory>().versions).toHaveLength(5);
  });

  it('keeps a history of another expert’s sheet from the province only', async () => {
    const url = provinceSheetUrl(apps.A.id, drawn[1]!.view.id);
    expect((await drawn[0]!.client.get(`${url}/history`)).statusCode).toBe(403);
    expectOk(await province.get(`${url}/history`));
  });
});

describe('aggregation and decisions', () => {
  it('refuses a decision before every expert of the application has submitted, the round still open', async () => {
    const res = await province.put(`/api/v1/review-rounds/${round.id}/applications/${apps.A.id}/decision`, {
      decision: 'recommend',
      reason: '',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string }>().message).toContain('须在该申报的全部专家评分提交后，或本轮评审结束后');
  });

  it('shows real names, raw scores and statistics of submitted sheets only, sorted, the pass rule from the mean', async () => {
    const [first, second, third] = drawn as [PoolExpert, PoolExpert, PoolExpert];
    await submitted(first, apps.A.label, 90);
    await submitted(second, apps.A.label, 50);
    expectOk(await save(third, apps.A.label, 0, fullEntries(10)));
    let res = await province.get(`/api/v1/review-rounds/${round.id}/scores?sort=variance&order=asc`);
    expectOk(res);
    let view = res.json<RoundScoresView>();
    expect(view).toMatchObject({ sort: 'variance', order: 'asc', passRule: { metric: 'mean' } });
    expect(view.passRule.description).toContain('平均分');
    // B has no score: last whatever the order.
    expect(view.applications.map((a) => a.applicationId)).toEqual([apps.A.id, apps.B.id]);
    const a = view.applications[0]!;
    expect(a.unitName).toMatch(/有限公司|单位/);
    expect(a.scores.map((s) => [s.expertName, s.total, s.submitted]).sort()).toEqual(
      [
        [first.view.name, 90, true],
        [second.view.name, 50, true],
        [third.view.name, 10, false],
      ].sort(),
    );
    expect(a.statistics).toEqual({ count: 2, mean: 70, median: 70, trimmedMean: null, variance: 400, range: 40 });
    expect(a.verdict).toMatchObject({ passed: true, reason: '通过：总分70分，达到合格线60分' });
    expect(a.allSubmitted).toBe(false);
    expect(view.applications[1]!.verdict).toBeNull();

    expect((await province.get(`/api/v1/review-rounds/${round.id}/scores?sort=spread`)).statusCode).toBe(400);

    await submitted(third, apps.A.label, 10);
    res = await province.get(`/api/v1/review-rounds/${round.id}/scores`);
    view = res.json<RoundScoresView>();
    expect(view.applications[0]!.statistics).toMatchObject({ count: 3, mean: 50, median: 50, trimmedMean: 50 });
    expect(view.applications[0]!.verdict).toMatchObject({ passed: false, reason: '未通过：总分50分，低于合格线60分' });
    expect(view.applications[0]!.allSubmitted).toBe(true);
  });

  it('records a decision (a reason required for 不建议), audited, shown in the ranked list', async () => {
    const url = `/api/v1/review-rounds/${round.id}/applications/${apps.A.id}/decision`;
    const noReason = await province.put(url, { decision: 'reject', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('不建议认定时须填写理由');
    const res = await province.put(url, { decision: 'reject', reason: '平均分未达到合格线' });
    expectOk(res);
    const a = res.json<RoundScoresView>().applications.find((x) => x.applicationId === apps.A.id)!;
    expect(a.decision).toMatchObject({
      decision: 'reject',
      reason: '平均分未达到合格线',
      decidedBy: '省工信厅中小企业局',
    });
    expect(await auditOf('review_round.decide')).toHaveLength(1);
    const b = await province.put(`/api/v1/review-rounds/${round.id}/applications/${apps.B.id}/decision`, {
      decision: 'recommend',
      reason: '',
    });
    expect(b.statusCode).toBe(409);
    expect(await drawn[0]!.client.get(`/api/v1/review-rounds/${round.id}/scores`).then((r) => r.statusCode)).toBe(403);
  });
});

describe('documents', () => {
  it('gives the province 专家评审意见汇总表 as Excel and PDF, with real names, ranked, audited', async () => {
    const xlsx = await province.get(`/api/v1/review-rounds/${round.id}/summary.xlsx`);
    expectOk(xlsx);
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('专家评审意见汇总表'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    const unitName = round.applications.find((a) => a.applicationId === apps.A.id)!.unitName;
    expect(ws.getCell(4, 2).value).toBe(apps.A.label);
    expect(ws.getCell(4, 3).value).toBe(unitName);
    expect(String(ws.getCell(4, 5).value)).toContain(`${drawn[0]!.view.name} 90`);
    expect(ws.getCell(4, 6).value).toBe('50');
    expect(ws.getCell(4, 11).value).toBe('不建议：平均分未达到合格线');
    expect(ws.getCell(5, 2).value).toBe(apps.B.label);

    const pdf = await province.get(`/api/v1/review-rounds/${round.id}/summary.pdf`);
    expectOk(pdf);
    const file = path.join(dir, 'review-summary-http.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('专家评审意见汇总表');
    expect(text).toContain(unitName.replace(/\s+/g, ''));
    expect((await auditOf('document.download')).map((e) => JSON.parse(e.detail!).document)).toEqual([
      'review-summary.xlsx',
      'review-summary.pdf',
    ]);
  });

  it('gives the expert its own 评审意见表: a page per submitted sheet, by label, no unit named', async () => {
    const res = await drawn[0]!.client.get(`/api/v1/expert/rounds/${round.id}/opinions.pdf`);
    expectOk(res);
    const file = path.join(dir, 'expert-opinions-http.pdf');
    fs.writeFileSync(file, res.rawPayload);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(`材料编号：${apps.A.label}`);
    expect(text).toContain('总分：90分');
    expect(text).toContain('专家签名');
    expect(text).toMatch(/提交时间：\d{4}年\d{1,2}月\d{1,2}日\d{2}:\d{2}:\d{2}（北京时间）/); // Beijing time, not the UTC date
    expect(text).not.toContain(round.applications.find((a) => a.applicationId === apps.A.id)!.unitName);
    expect((await notDrawn.client.get(`/api/v1/expert/rounds/${round.id}/opinions.pdf`)).statusCode).toBe(404);
    expect((await province.get(`/api/v1/expert/rounds/${round.id}/opinions.pdf`)).statusCode).toBe(403);
  });
});

describe('回避 re-checked at every opening and save', () => {
  it('refuses the sheet, its save and the others’ scores once a conflict appears, naming no party', async () => {
    const expert = drawn[2]!;
    const unitName = round.applications.find((a) => a.applicationId === apps.A.id)!.unitName;
    const current = (await province.get(`/api/v1/experts/${expert.view.id}`)).json<ExpertView>();
    const { name, unitUscc, cityCode, fields, phone, email, active, version } = current;
    expectOk(
      await province.put(`/api/v1/experts/${expert.view.id}`, {
        ...{ name, unitName: current.unitName, unitUscc, cityCode, fields, phone, email, active, version },
        relations: [{ kind: 'kin', counterpartName: unitName, counterpartUscc: null, until: null }],
      }),
    );
    for (const res of [
      await expert.client.get(sheetUrl(apps.A.label)),
      await save(expert, apps.A.label, 1, fullEntries(50)),
      await expert.client.get(`/api/v1/expert/rounds/${round.id}/materials/${apps.A.label}/scores`),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json<{ message: string }>().message).toContain('回避');
      expect(res.body).not.toContain(unitName);
    }
  });
});
