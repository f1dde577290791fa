import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  innovativeSmeRubric2022,
  type CityPackageView,
  type ReviewRoundView,
  type ScoreHistory,
  type ScoreSheetView,
} from '#contract';
import {
  fillCompletely,
  makeReadyForRecommendation,
  registerUnit,
  uploadEvidenceFile,
} from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import {
  addExpert,
  expectOk,
  EXPERT_PASSWORD,
  fullEntries,
  openRound,
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
 * The expert's score sheet in the built web app (issue 15 items 5–6): a weighted sheet filled, saved with the
 * server's calculation shown, a save from another tab answered 409 and reloaded without losing what was typed,
 * submission refused while items are missing and confirmed once complete, read-only afterwards with its history
 * and the other experts' totals; a tiered sheet on a phone; a Word document previewed; the 评审意见表 download.
 */

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];
let province: TestClient;
const experts: PoolExpert[] = [];
let weighted: ReviewRoundView;
let tiered: ReviewRoundView;
let applicationIds: string[] = [];
/** Makes the usernames of this run unique: expert-sc1-<base> … */
let base = 0;

const shot = (name: string) => screenshot(page, `expert-scoring-${name}`);
const settled = () => settledPage(page);
const axeFindings = () => axeOf(page);

const labelIn = (round: ReviewRoundView, applicationId: string) =>
  round.applications.find((a) => a.applicationId === applicationId)!.label!;
const sheetUrl = (round: ReviewRoundView, label: string) =>
  `/api/v1/expert/rounds/${round.id}/materials/${label}/sheet`;

const item = (key: string) => page.getByTestId(`score-item-${key}`);
const points = (key: string, label: string) => item(key).getByLabel(`${label}得分（0–100分）`);
const sheet = () => page.getByTestId('score-sheet');
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

/** A Word report whose text names its unit: the expert previews it. */
async function reportNaming(unitName: string): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: '申请报告', bold: true })] }),
          new Paragraph({ children: [new TextRun(`${unitName}申请认定中小企业公共服务示范平台。`)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** An application with a Word report, submitted, recommended, its city's package submitted and accepted. */
async function receivedWithReport(n: number, region: string, cityUser: string): Promise<string> {
  const city = await new TestClient(server.app).login(cityUser);
  const { client, id } = await registerUnit(server.app, n, region);
  await fillCompletely(client, id);
  const report = await reportNaming(`测试运营单位${n}有限公司`);
  expectOk(await uploadEvidenceFile(client, id, 'application_report', '申请报告.docx', report), 201);
  expectOk(await client.post(`/api/v1/applications/${id}/submit`));
  await makeReadyForRecommendation(city, id);
  expectOk(await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' }));
  const submitted = await city.post('/api/v1/city/package/submit');
  expectOk(submitted);
  const { version } = submitted.json<CityPackageView>();
  expectOk(await province.post(`/api/v1/packages/${region}/accept`, { version }));
  return id;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync('test-artifacts/documents', { recursive: true });
  server = await startTestServer({ config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 800 });
  province = await new TestClient(server.app).login('province');
  const sysadmin = await new TestClient(server.app).login('sysadmin');
  base = 6_400_000 + Math.floor(Math.random() * 1000) * 10;
  applicationIds = [
    await receivedWithReport(base + 1, '410300', 'luoyang'),
    await receivedWithReport(base + 2, '411300', 'nanyang'),
  ];
  for (let i = 1; i <= 3; i++) experts.push(await addExpert(server.app, province, sysadmin, `sc${i}-${base}`));
  // The first expert signs the weighted round's 承诺书 in the browser; the others over the API.
  weighted = await openRound(province, experts.slice(1), roundInput(applicationIds));
  tiered = await openRound(
    province,
    experts,
    roundInput([applicationIds[0]!], { title: '2022年度创新型中小企业评审', rubric: innovativeSmeRubric2022 }),
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the expert scores in the built web app', () => {
  it(
    'fills, saves, meets another tab’s save, submits, reads history and peers; a tiered sheet on a phone',
    { timeout: 420_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'expert-scoring-failure.png'), fullPage: true });
      });
      const [me, other] = experts as [PoolExpert, PoolExpert, PoolExpert];
      const username = `expert-sc1-${base}`;
      const label = labelIn(weighted, applicationIds[0]!);

      // The 承诺书 first, then the material with the empty sheet; the others' scores not asked for.
      await logInAt(page, server.url, username, EXPERT_PASSWORD);
      await page.waitForURL('**/expert');
      await page.goto(`${server.url}/expert/rounds/${weighted.id}/pledge`);
      await page.getByRole('button', { name: '我已阅读并签署承诺书' }).click();
      await page.getByTestId('pledge-signed').waitFor();
      const peerRequests: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/scores')) peerRequests.push(r.url());
      });
      await page.getByRole('link', { name: `申报材料 ${label}` }).click();
      await page.waitForURL(`**/materials/${label}`);
      await settled();
      await sheet().waitFor();
      expect(await page.getByTestId('sheet-status').textContent()).toBe('草稿');
      expect(await page.getByTestId('sheet-status-time').textContent()).toBe('尚未保存');
      expect(await page.getByTestId('sheet-formula').textContent()).toContain('总分 = Σ(各项得分 × 权重)');
      expect(await page.getByTestId('peer-scores-hidden').textContent()).toBe('提交本人评分后可查看其他专家的评分');
      expect(await item('strengths_and_issues').textContent()).toContain('不计分，须填写意见');

      // Two items typed: the preview; saved: the server's calculation and version.
      await points('management', '管理制度').fill('80');
      await points('premises', '服务场所与设施').fill('90');
      await expect.poll(() => page.getByTestId('sheet-preview').textContent()).toContain('总分预计为17分');
      await shot('01-sheet-typed');
      expect(await axeFindings()).toEqual([]);
      await page.getByRole('button', { name: '保存' }).click();
      await expect
        .poll(() => page.getByTestId('sheet-calculation-text').textContent())
        .toBe('总分 = 80×0.1 + 90×0.1 = 17');
      expect(await page.getByTestId('sheet-total').textContent()).toBe('17分');
      expect(await page.getByTestId('sheet-status-time').textContent()).toMatch(
        /^第1版，保存于\d{4}年\d+月\d+日 \d\d:\d\d$/,
      );
      expect(await page.getByTestId('sheet-verdict').textContent()).toContain('尚有8项未评');
      expect(await page.getByTestId('sheet-preview').count()).toBe(0);

      // Points out of range: the server's 400 shown at the item.
      await points('staff', '服务人员').fill('120');
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => item('staff').getByTestId('score-item-error').textContent()).toBe('不能超过100');
      expect(await page.getByTestId('score-item-error').count()).toBe(1);
      expect(await page.getByTestId('refusal').textContent()).toContain('第1类第3项“服务人员”：不能超过100');
      await points('staff', '服务人员').fill('80');
      expect(await page.getByTestId('score-item-error').count()).toBe(0);

      // Another tab saves first: the 409 said plainly, the latest loaded, what was typed kept beside the items.
      const current = (await me.client.get(sheetUrl(weighted, label))).json<ScoreSheetView>();
      expectOk(
        await me.client.put(sheetUrl(weighted, label), {
          version: current.version,
          entries: [
            { itemKey: 'management', points: 70 },
            { itemKey: 'premises', points: 90 },
          ],
          opinion: '',
        }),
      );
      await points('management', '管理制度').fill('85');
      await page.getByRole('button', { name: '保存' }).click();
      const conflict = page.getByTestId('sheet-conflict');
      await expect.poll(() => conflict.textContent()).toContain('评分表刚被修改（可能在另一个窗口中），请刷新后重试');
      expect(await conflict.textContent()).toContain('评分表已在其他窗口或设备上修改');
      await shot('02-conflict');
      expect(await axeFindings()).toEqual([]);
      await conflict.getByRole('button', { name: '载入最新版本' }).click();
      await page.getByTestId('sheet-unsaved').waitFor();
      expect(await points('management', '管理制度').inputValue()).toBe('70');
      expect(await item('management').getByTestId('score-item-unsaved').textContent()).toBe('您未保存的填写：85分');
      expect(await item('staff').getByTestId('score-item-unsaved').textContent()).toBe('您未保存的填写：80分');
      expect(await page.getByTestId('sheet-calculation-text').textContent()).toBe('总分 = 70×0.1 + 90×0.1 = 16');
      await shot('03-reloaded');
      await page.getByRole('button', { name: '改用我的填写' }).click();
      expect(await points('management', '管理制度').inputValue()).toBe('85');
      expect(await page.getByTestId('score-item-unsaved').count()).toBe(0);
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.getByTestId('sheet-total').textContent()).toBe('25.5分');
      expect(await page.getByTestId('sheet-status-time').textContent()).toMatch(/^第3版/);

      // Submission refused while items are missing: named.
      await page.getByRole('button', { name: '提交评分' }).click();
      const missing = page.getByTestId('sheet-missing');
      await expect.poll(() => missing.textContent()).toContain('还有7项未评，不能提交');
      expect(await missing.textContent()).toContain('第2类第1项“集聚服务机构”');
      expect(await missing.textContent()).toContain('第4类第1项“主要优势与存在问题”');
      await shot('04-missing');

      // Every item filled: the preview agrees with the server's rounding (82.235 → 82.24); confirmed, submitted.
      for (const [key, name, value] of [
        ['institutions', '集聚服务机构', '80'],
        ['channels', '服务沟通渠道', '80'],
        ['functions', '服务功能', '80'],
        ['enterprises_served', '服务企业数量', '80'],
        ['satisfaction', '服务满意度', '87.35'],
        ['preferential', '公益性与优惠服务', '80'],
      ] as const)
        await points(key, name).fill(value);
      await item('strengths_and_issues')
        .getByLabel('主要优势与存在问题意见')
        .fill('服务功能较完善，融资对接案例偏少。');
      await page.getByLabel('总体评审意见').fill('平台运行规范，建议认定。');
      await expect.poll(() => page.getByTestId('sheet-preview').textContent()).toContain('总分预计为82.24分');
      await page.getByRole('button', { name: '提交评分' }).click();
      const confirm = page.locator('.ant-modal-confirm');
      await expect.poll(() => confirm.textContent()).toContain('提交后不能修改，如需修改须由省级主管部门退回');
      expect(await confirm.textContent()).toContain('本表总分82.24分');
      expect(await page.getByTestId('sheet-total').textContent()).toBe('82.24分');
      await shot('05-confirm');
      expect(peerRequests).toEqual([]);
      await confirm.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.getByTestId('sheet-status').textContent()).toBe('已提交');
      expect(await page.getByTestId('sheet-status-time').textContent()).toMatch(/^提交于\d{4}年\d+月\d+日 \d\d:\d\d$/);
      expect(await sheet().locator('input, textarea').count()).toBe(0);
      expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
      expect(await item('satisfaction').textContent()).toContain('87.35分');
      expect(await page.getByTestId('sheet-verdict').textContent()).toContain('通过：总分82.24分');

      // The others' totals: none submitted yet; then another expert submits.
      const peers = page.getByTestId('peer-scores');
      await expect.poll(() => peers.textContent()).toContain('本人：82.24分');
      expect(await peers.getByText('尚未提交').count()).toBe(2);
      const theirs = (await other.client.get(sheetUrl(weighted, label))).json<ScoreSheetView>();
      const saved = await other.client.put(sheetUrl(weighted, label), {
        version: theirs.version,
        entries: fullEntries(60),
        opinion: '',
      });
      expectOk(saved);
      const version = saved.json<ScoreSheetView>().version;
      expectOk(await other.client.post(`${sheetUrl(weighted, label)}/submit`, { version }));
      await page.reload();
      await settled();
      await expect.poll(() => peers.textContent()).toContain('60分');
      expect(await peers.textContent()).not.toContain(other.view.name);
      expect(await peers.textContent()).toContain('统计（已提交的2份评分）');
      expect(await peers.textContent()).toContain('平均分71.12');
      expect(await peers.textContent()).toContain('极差（最高分 − 最低分）22.24');
      await shot('06-submitted-peers');
      expect(await axeFindings()).toEqual([]);

      // 变更记录: every version with its action, who and when.
      const history = (await me.client.get(`${sheetUrl(weighted, label)}/history`)).json<ScoreHistory>();
      expect(history.versions.map((v) => v.action)).toEqual(['saved', 'saved', 'saved', 'saved', 'submitted']);
      await page.getByRole('button', { name: '变更记录' }).click();
      const versions = page.getByTestId('sheet-history-version');
      await expect.poll(() => versions.count()).toBe(5);
      expect(await versions.nth(0).textContent()).toContain('第1版保存');
      expect(await versions.nth(0).textContent()).toContain('总分 17分');
      expect(await versions.nth(4).textContent()).toContain('第5版提交');
      expect(await versions.nth(4).textContent()).toContain(me.view.name);
      expect(await versions.nth(4).textContent()).toMatch(/\d{4}年\d+月\d+日 \d\d:\d\d/);
      expect(await versions.nth(4).textContent()).toContain('服务满意度：87.35分');
      await shot('07-history');
      expect(await axeFindings()).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('sheet-history').count()).toBe(0);

      // The province returns the sheet with a reason: editable again, the reason in the history; submitted again.
      const sheets = `/api/v1/review-rounds/${weighted.id}/applications/${applicationIds[0]}/sheets`;
      expectOk(await province.post(`${sheets}/${me.view.id}/reopen`, { reason: '第3项得分与材料不符，请复核' }));
      await page.reload();
      await settled();
      expect(await page.getByTestId('sheet-status').textContent()).toBe('草稿');
      expect(await page.getByTestId('peer-scores-hidden').count()).toBe(1);
      await page.getByRole('button', { name: '变更记录' }).click();
      await expect.poll(() => versions.count()).toBe(6);
      expect(await versions.nth(5).textContent()).toContain('退回修改');
      expect(await versions.nth(5).textContent()).toContain('退回理由：第3项得分与材料不符，请复核');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('sheet-history').count()).toBe(0);
      await page.getByRole('button', { name: '提交评分' }).click();
      await confirm.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.getByTestId('sheet-status').textContent()).toBe('已提交');

      // The Word report previewed in a dialog.
      const named = page.locator('.blind-document').filter({ hasText: '内容含单位名称' });
      await named
        .getByRole('button', { name: /^预览.*\.docx$/ })
        .first()
        .click();
      const preview = page.locator('.expert-document-preview');
      await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain('申请报告');
      expect(await preview.textContent()).toContain('该文件内容含单位名称');
      await shot('08-docx-preview');
      expect(await axeFindings()).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => preview.isVisible()).toBe(false);

      // The material page on a phone: no sideways scroll.
      await page.setViewportSize({ width: 390, height: 844 });
      await settled();
      expect(await sideways()).toEqual([]);
      await shot('09-submitted-phone');

      // A tiered sheet on a phone: the rows stacked, tiers chosen, the category minimums and the verdict.
      const tieredLabel = labelIn(tiered, applicationIds[0]!);
      await page.goto(`${server.url}/expert/rounds/${tiered.id}/materials/${tieredLabel}`);
      await settled();
      await sheet().waitFor();
      expect(await page.getByTestId('sheet-formula').textContent()).toContain('创新能力不低于20分');
      const columns = await item('ip').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
      expect(columns).toBe(1);
      const choose = (key: string, name: string) => item(key).getByRole('radio', { name }).check();
      await choose('ip', 'Ⅰ类高价值知识产权1项以上（20分）');
      await choose('rnd', '研发费用总额200万元以下或占营业收入总额比重3%以下（0分）');
      await expect.poll(() => page.getByTestId('sheet-preview').textContent()).toContain('总分预计为20分');
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.getByTestId('sheet-calculation-text').textContent()).toBe('总分 = 20 + 0 = 20');
      expect(await page.getByTestId('score-categories').textContent()).toContain('创新能力：20分达到最低要求20分');
      expect(await page.getByTestId('score-categories').textContent()).toContain('成长性：0分低于最低要求15分');
      await choose('revenue_growth', '15%以上（20分）');
      await choose('debt_ratio', '55%–75%（5分）');
      await choose('field', '属于其他领域（5分）');
      await choose('main_business_share', '60%–70%（15分）');
      for (const key of ['award', 'honour', 'rnd_institute', 'equity']) await choose(key, '否');
      await page.getByRole('button', { name: '保存' }).click();
      await expect
        .poll(() => page.getByTestId('sheet-calculation-text').textContent())
        .toBe('总分 = 20 + 0 + 20 + 5 + 5 + 15 = 65');
      expect(await page.getByTestId('sheet-verdict').textContent()).toContain(
        '通过：总分65分，达到合格线60分，且各类得分均达到最低要求',
      );
      expect(await sideways()).toEqual([]);
      await shot('10-tiered-phone');
      expect(await axeFindings()).toEqual([]);

      // 我的评审: the 评审意见表 refused in words where nothing is submitted, downloaded where a sheet is.
      await page.goto(`${server.url}/expert`);
      await settled();
      const roundCard = (title: string) => page.getByTestId('expert-round').filter({ hasText: title });
      await roundCard('2022年度创新型中小企业评审')
        .getByRole('button', { name: /下载我的评审意见表/ })
        .click();
      await expect
        .poll(() => roundCard('2022年度创新型中小企业评审').getByTestId('opinions-refusal').textContent())
        .toBe('您在本轮尚未提交评分表，提交后方可打印评审意见表');
      expect(await sideways()).toEqual([]);
      await shot('11-home-phone');
      expect(await axeFindings()).toEqual([]);
      await page.setViewportSize({ width: 1366, height: 800 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        roundCard('2022年度示范平台专家评审')
          .getByRole('button', { name: /下载我的评审意见表/ })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe('专家评审意见表（2022年度示范平台专家评审）.pdf');
      const file = path.resolve('test-artifacts/documents/expert-opinions-e2e.pdf');
      await download.saveAs(file);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain(`材料编号：${label}`);
      expect(text).toContain('总分：82.24分');
      await shot('12-home');
      expect(consoleProblems).toEqual([]);
    },
  );
});
