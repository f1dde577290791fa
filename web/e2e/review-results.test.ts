import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type ReviewRoundView, type RoundScoresView, type ScoreHistory, type ScoreSheetView } from '#contract';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import {
  addExpert,
  expectOk,
  fullEntries,
  openRound,
  receivedApplication,
  roundInput,
  type PoolExpert,
} from '../../server/test-support/review-round.js';
import { openBrowserPage } from './browser.js';
import {
  axeFindings as axeOf,
  logIn as logInAt,
  settled as settledPage,
  shot as screenshot,
  SHOTS,
} from './page-helpers.js';

/**
 * The province's 评审结果 in the built web app (issue 15 items 7–8): a round of three applications, each scored by
 * the same three experts over HTTP — A spread wide (90, 50, 70), B close (80, 78, 82), C with one sheet still a
 * draft. The province sorts by range and by mean (kept in the address), reads a sheet's history, returns a sheet
 * with a reason, is refused a decision while a sheet is out, records 不建议 (its reason required at the field) and
 * 建议认定, and downloads the 专家评审意见汇总表 as Excel and PDF; on a laptop and on a phone.
 */

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];
let province: TestClient;
const experts: PoolExpert[] = [];
let round: ReviewRoundView;
const apps = { A: { id: '', label: '' }, B: { id: '', label: '' }, C: { id: '', label: '' } };
type Key = keyof typeof apps;

const shot = (name: string) => screenshot(page, `review-results-${name}`);
const settled = () => settledPage(page);
const axeFindings = () => axeOf(page);

const sheetUrl = (key: Key) => `/api/v1/expert/rounds/${round.id}/materials/${apps[key].label}/sheet`;
const provinceSheetUrl = (key: Key, expert: PoolExpert) =>
  `/api/v1/review-rounds/${round.id}/applications/${apps[key].id}/sheets/${expert.view.id}`;

async function score(expert: PoolExpert, key: Key, points: number, submit: boolean): Promise<void> {
  const saved = await expert.client.put(sheetUrl(key), { version: 0, entries: fullEntries(points), opinion: '' });
  expectOk(saved);
  if (submit)
    expectOk(await expert.client.post(`${sheetUrl(key)}/submit`, { version: saved.json<ScoreSheetView>().version }));
}

/** The expert submits again the sheet the province returned (unchanged). */
async function resubmit(expert: PoolExpert, key: Key): Promise<void> {
  const { version } = (await expert.client.get(sheetUrl(key))).json<ScoreSheetView>();
  expectOk(await expert.client.post(`${sheetUrl(key)}/submit`, { version }));
}

const rows = () => page.locator('.results-table .ant-table-tbody tr.ant-table-row');
/** An application's row of the table, or its card on a phone. */
const row = (key: Key) => page.locator(`[data-row-key="${apps[key].id}"]`);
/** The applications in the table's order, as A, B, C. */
const order = () =>
  rows().evaluateAll(
    (trs, ids) => trs.map((tr) => ids[tr.getAttribute('data-row-key')!] ?? '?'),
    Object.fromEntries(Object.entries(apps).map(([key, a]) => [a.id, key])),
  );
/** The elements that stick out to the right of the viewport (none: no sideways scroll). */
const sideways = () =>
  page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth
      ? []
      : [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.textContent!.slice(0, 16)}`),
  );

async function sortBy(metric: string, direction: '由高到低' | '由低到高'): Promise<void> {
  await page.getByLabel('排序依据').click();
  await page.getByRole('option', { name: metric, exact: true }).click();
  await page.getByText(direction, { exact: true }).click();
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync('test-artifacts/documents', { recursive: true });
  server = await startTestServer({ config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 800 });
  province = await new TestClient(server.app).login('province');
  const sysadmin = await new TestClient(server.app).login('sysadmin');
  const base = 6_500_000 + Math.floor(Math.random() * 1000) * 10;
  const ids = [
    await receivedApplication(server.app, province, base + 1, '410300', 'luoyang'),
    await receivedApplication(server.app, province, base + 2, '411300', 'nanyang'),
    await receivedApplication(server.app, province, base + 3, '410900', 'puyang'),
  ];
  for (const [i, name] of ['赵一鸣', '钱文华', '孙立新'].entries())
    experts.push(await addExpert(server.app, province, sysadmin, `rr${i + 1}-${base}`, { name }));
  round = await openRound(province, experts, roundInput(ids));
  (['A', 'B', 'C'] as const).forEach((key, i) => {
    apps[key] = { id: ids[i]!, label: round.applications.find((a) => a.applicationId === ids[i])!.label! };
  });
  const [e1, e2, e3] = experts as [PoolExpert, PoolExpert, PoolExpert];
  for (const [expert, points] of [
    [e1, 90],
    [e2, 50],
    [e3, 70],
  ] as const)
    await score(expert, 'A', points, true);
  for (const [expert, points] of [
    [e1, 80],
    [e2, 78],
    [e3, 82],
  ] as const)
    await score(expert, 'B', points, true);
  await score(e1, 'C', 60, true);
  await score(e2, 'C', 65, true);
  await score(e3, 'C', 40, false);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the province’s review results in the built web app', () => {
  it(
    'sorts the aggregation, reads and returns a sheet, decides, downloads the 汇总表; on a laptop and a phone',
    { timeout: 420_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'review-results-failure.png'), fullPage: true });
      });
      const [e1, e2, e3] = experts as [PoolExpert, PoolExpert, PoolExpert];
      const unitOf = (key: Key) => round.applications.find((a) => a.applicationId === apps[key].id)!.unitName;

      // From the round to its results: ranked by the mean, highest first.
      await logInAt(page, server.url, 'province');
      await page.goto(`${server.url}/province/review-rounds/${round.id}`);
      await settled();
      await page.getByRole('button', { name: '评审结果' }).click();
      await page.waitForURL(`**/province/review-rounds/${round.id}/results`);
      await settled();
      await expect.poll(() => rows().count()).toBe(3);
      expect(await order()).toEqual(['B', 'A', 'C']);
      expect(await page.getByTestId('results-pass-rule').textContent()).toContain('合格判定按已提交评分的平均分');
      expect(await page.getByTestId('results-formula').textContent()).toContain('总分 = Σ(各项得分 × 权重)');
      expect(await page.getByTestId('results-decision-rule').textContent()).toContain(
        '须在该申报的全部专家评分提交后，或本轮评审结束后',
      );

      // Identities, raw totals with names and statuses, the statistics; A's spread marked.
      const a = row('A');
      expect(await a.textContent()).toContain(unitOf('A'));
      expect(await a.locator('td').first().textContent()).toBe('2');
      const scoreLine = (key: Key, expert: PoolExpert) =>
        row(key).getByTestId('results-score').filter({ hasText: expert.view.name });
      expect(await scoreLine('A', e1).textContent()).toContain('90分已提交');
      expect(await scoreLine('C', e3).textContent()).toContain('40分草稿');
      const cells = async (key: Key) => (await row(key).locator('td').allTextContents()).slice(3, 8);
      expect(await cells('A')).toEqual(['70', '70', '70', '266.67', '40分歧较大']);
      expect(await cells('C')).toEqual(['62.5', '62.5', '—', '6.25', '5']);
      expect(await page.getByTestId('results-disagreement').count()).toBe(1);
      expect(await a.getByTestId('results-verdict').textContent()).toContain('通过：总分70分，达到合格线60分');
      const decide = (key: Key) => row(key).getByRole('button', { name: /^(作出|修改)结论：/ });
      expect(await decide('C').isDisabled()).toBe(true);
      expect(await row('C').getByTestId('results-decision').textContent()).toContain('尚有专家未提交评分');
      expect(await decide('B').isDisabled()).toBe(false);
      await shot('01-table');
      expect(await axeFindings()).toEqual([]);

      // Sorting by range and by mean, both ways; the choice kept in the address over a reload; the column header.
      await sortBy('极差（最高分 − 最低分）', '由高到低');
      await expect.poll(order).toEqual(['A', 'C', 'B']);
      expect(page.url()).toContain('sort=range&order=desc');
      await sortBy('极差（最高分 − 最低分）', '由低到高');
      await expect.poll(order).toEqual(['B', 'C', 'A']);
      await sortBy('平均分', '由低到高');
      await expect.poll(order).toEqual(['C', 'A', 'B']);
      expect(page.url()).toContain('sort=mean&order=asc');
      await page.reload();
      await settled();
      await expect.poll(order).toEqual(['C', 'A', 'B']);
      await page.locator('.results-table th').filter({ hasText: '方差（总体）' }).click();
      await expect.poll(order).toEqual(['A', 'C', 'B']);
      expect(page.url()).toContain('sort=variance&order=desc');
      await shot('02-sorted-by-variance');

      // A sheet's history: every version with its action, who, when and the total.
      await a.getByRole('button', { name: `${e1.view.name}对${apps.A.label}的评分变更记录` }).click();
      const versions = page.getByTestId('sheet-history-version');
      await expect.poll(() => versions.count()).toBe(2);
      expect(await versions.nth(0).textContent()).toContain('第1版保存');
      expect(await versions.nth(1).textContent()).toContain('第2版提交');
      expect(await versions.nth(1).textContent()).toContain(e1.view.name);
      expect(await versions.nth(1).textContent()).toMatch(/\d{4}年\d+月\d+日 \d\d:\d\d/);
      expect(await versions.nth(1).textContent()).toContain('总分 90分');
      await shot('03-history');
      expect(await axeFindings()).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('sheet-history').count()).toBe(0);

      // 退回修改 with a required reason: the expert's sheet is a draft again, the statistics without it.
      await a.getByRole('button', { name: `退回${e1.view.name}对${apps.A.label}的评分表` }).click();
      const reopen = page.locator('.ant-modal').filter({ hasText: '退回修改' });
      await reopen.getByRole('button', { name: '退回', exact: true }).click();
      await expect.poll(() => reopen.locator('.ant-form-item-explain-error').textContent()).toBe('请填写退回理由');
      await reopen.getByLabel('退回理由').fill('第3项得分与材料不符，请复核');
      await shot('04-reopen');
      await reopen.getByRole('button', { name: '退回', exact: true }).click();
      await expect.poll(() => scoreLine('A', e1).textContent()).toContain('90分草稿');
      expect(await cells('A')).toEqual(['60', '60', '—', '100', '20分歧较大']);
      expect(await decide('A').isDisabled()).toBe(true);
      const sheet = (await e1.client.get(sheetUrl('A'))).json<ScoreSheetView>();
      expect(sheet.status).toBe('draft');
      const history = (await province.get(`${provinceSheetUrl('A', e1)}/history`)).json<ScoreHistory>();
      expect(history.versions.at(-1)).toMatchObject({ action: 'reopened', reason: '第3项得分与材料不符，请复核' });

      // A decision before every sheet is in: refused by the server, its rule shown (a sheet returned meanwhile).
      await decide('B').click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '评审结论：' });
      await dialog.getByLabel('建议认定').check();
      expectOk(await province.post(`${provinceSheetUrl('B', e2)}/reopen`, { reason: '请补充第5项意见' }));
      await dialog.getByRole('button', { name: '保存结论' }).click();
      await expect
        .poll(() => dialog.getByTestId('refusal').textContent())
        .toContain('须在该申报的全部专家评分提交后，或本轮评审结束后');
      await shot('05-decision-refused');
      await dialog.getByRole('button', { name: '取消' }).click();
      await expect.poll(() => decide('B').isDisabled()).toBe(true);

      // The experts submit again; 不建议 without a reason: the server's message at the field; then with one.
      await resubmit(e1, 'A');
      await resubmit(e2, 'B');
      await page.reload();
      await settled();
      await decide('A').click();
      await dialog.getByLabel('不建议').check();
      await dialog.getByRole('button', { name: '保存结论' }).click();
      await expect
        .poll(() => dialog.locator('.ant-form-item-explain-error').textContent())
        .toBe('理由：不建议认定时须填写理由');
      await shot('06-decision-reason-required');
      expect(await axeFindings()).toEqual([]);
      await dialog.getByLabel('理由').fill('专家评分分歧较大，服务实效不足');
      await dialog.getByRole('button', { name: '保存结论' }).click();
      await expect.poll(() => row('A').getByTestId('results-decision').textContent()).toContain('不建议');
      expect(await row('A').getByTestId('results-decision').textContent()).toContain('专家评分分歧较大，服务实效不足');
      expect(await row('A').getByTestId('results-decision').textContent()).toContain('省工信厅中小企业局');
      await decide('B').click();
      await dialog.getByLabel('建议认定').check();
      await dialog.getByRole('button', { name: '保存结论' }).click();
      await expect.poll(() => row('B').getByTestId('results-decision').textContent()).toContain('建议认定');
      const scores = (await province.get(`/api/v1/review-rounds/${round.id}/scores`)).json<RoundScoresView>();
      const decisionOf = (key: Key) => scores.applications.find((x) => x.applicationId === apps[key].id)!.decision;
      expect(decisionOf('A')).toMatchObject({ decision: 'reject', reason: '专家评分分歧较大，服务实效不足' });
      expect(decisionOf('B')).toMatchObject({ decision: 'recommend', reason: '' });
      expect(decisionOf('C')).toBeNull();
      expect(await page.getByTestId('results-progress').textContent()).toBe(
        '共3件申报，2件的专家评分已全部提交，2件已作出评审结论',
      );
      await shot('07-decided');

      // 专家评审意见汇总表: Excel with the rows ranked by the mean, and PDF.
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载专家评审意见汇总表 Excel' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe(`专家评审意见汇总表（${round.title}）.xlsx`);
      const xlsxFile = path.resolve('test-artifacts/documents/review-summary-e2e.xlsx');
      await xlsx.saveAs(xlsxFile);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsxFile);
      const ws = workbook.worksheets[0]!;
      expect([4, 5, 6].map((r) => ws.getCell(r, 2).value)).toEqual([apps.B.label, apps.A.label, apps.C.label]);
      expect(ws.getCell(5, 3).value).toBe(unitOf('A'));
      expect(String(ws.getCell(5, 5).value)).toContain(`${e1.view.name} 90`);
      expect(ws.getCell(5, 11).value).toBe('不建议：专家评分分歧较大，服务实效不足');
      expect(ws.getCell(4, 11).value).toBe('建议认定');
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载专家评审意见汇总表 PDF' }).click(),
      ]);
      const pdfFile = path.resolve('test-artifacts/documents/review-summary-e2e.pdf');
      await pdf.saveAs(pdfFile);
      expect(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // On a phone: a card per application in the same order, no sideways scroll; the history fits.
      await page.setViewportSize({ width: 390, height: 844 });
      await settled();
      const cards = page.locator('.results-card');
      await expect.poll(() => cards.count()).toBe(3);
      expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-row-key')))).toEqual([
        apps.A.id,
        apps.C.id,
        apps.B.id,
      ]);
      expect(await row('A').textContent()).toContain('第2名（按平均分）');
      expect(await row('A').getByTestId('results-disagreement').textContent()).toBe('40分歧较大');
      expect(await sideways()).toEqual([]);
      await shot('08-phone');
      expect(await axeFindings()).toEqual([]);
      await row('C')
        .getByRole('button', { name: `${e3.view.name}对${apps.C.label}的评分变更记录` })
        .click();
      await expect.poll(() => versions.count()).toBe(1);
      expect(await sideways()).toEqual([]);
      await shot('09-phone-history');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('sheet-history').count()).toBe(0);
      expect(consoleProblems).toEqual([]);
    },
  );
});
