import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  defaultReviewRoundSettings,
  publicServicePlatformRubric2017,
  type CityPackageView,
  type ExpertRoundView,
  type ExpertView,
  type OneTimePasswordView,
  type ReviewRoundView,
} from '#contract';
import {
  fillCompletely,
  makeReadyForRecommendation,
  registerUnit,
  uploadEvidenceFile,
} from '../../server/test-support/applications.js';
import { makeUscc } from '../../server/test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { openBrowserPage } from './browser.js';
import {
  axeFindings as axeOf,
  logIn as logInAt,
  pickOption,
  settled as settledPage,
  shot as screenshot,
  SHOTS,
} from './page-helpers.js';

/**
 * 专家评审 in the built web app (issue 15), one round end to end: the province keeps the pool, edits the batch's
 * rubric and runs a round (exclusions, the draw with its seed, a replacement, opening); an expert signs the 承诺书,
 * reads the material blind (on a desk and on a phone) and scores it; with the other experts' sheets in, the
 * province reads the results and recommends the application.
 */

const EXPERT_PASSWORD = 'Shenbao#Expert2026';
const PEOPLE = ['张三', '李四', '王五'];
const PHONES = ['13800001111', '13912345678', '13700002222'];
const CITIES = ['洛阳市', '南阳市', '濮阳市', '洛龙区'];

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];
let province: TestClient;
let sysadmin: TestClient;

interface Applicant {
  id: string;
  unitName: string;
  uscc: string;
}
const applicants: Applicant[] = [];

const shot = (name: string) => screenshot(page, `expert-review-${name}`);
const settled = () => settledPage(page);
const axeFindings = () => axeOf(page);
const logIn = (username: string, password?: string) => logInAt(page, server.url, username, password);

const expectOk = (res: { statusCode: number; body: string }, status = 200) =>
  expect(res.statusCode, res.body).toBe(status);

/** A Word report whose text names its unit: the blind view flags it. */
async function reportNaming(unitName: string): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun(`申请报告：${unitName}申请认定示范平台`)] })] }],
  });
  return Packer.toBuffer(doc);
}

/** A unit's application submitted, recommended by its city, the package submitted and accepted by the province. */
async function receivedApplication(n: number, region: string, regionName: string, cityUser: string): Promise<void> {
  const city = await new TestClient(server.app).login(cityUser);
  const { client, id } = await registerUnit(server.app, n, region);
  await fillCompletely(client, id);
  const unitName = `测试运营单位${n}有限公司`;
  expectOk(
    await client.patch(`/api/v1/applications/${id}`, {
      platformName: `${unitName}综合服务平台`,
      description: `${unitName}位于${regionName}，联系电话${PHONES[2]}，负责人李四，为中小企业提供政策咨询、融资对接服务。`,
    }),
  );
  expectOk(
    await uploadEvidenceFile(client, id, 'application_report', '申请报告.docx', await reportNaming(unitName)),
    201,
  );
  expectOk(await client.post(`/api/v1/applications/${id}/submit`));
  await makeReadyForRecommendation(city, id);
  expectOk(await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' }));
  const submitted = await city.post('/api/v1/city/package/submit');
  expectOk(submitted);
  const { version } = submitted.json<CityPackageView>();
  expectOk(await province.post(`/api/v1/packages/${region}/accept`, { version }));
  applicants.push({ id, unitName, uscc: makeUscc(n, region) });
}

/** An expert of the pool over the API, from 郑州 with no relations. */
async function poolExpert(name: string): Promise<ExpertView> {
  const res = await province.post('/api/v1/experts', {
    name,
    unitName: `${name}所在大学`,
    unitUscc: null,
    cityCode: '410100',
    fields: ['企业管理'],
    phone: '13600000000',
    email: null,
    relations: [],
    active: true,
  });
  expectOk(res, 201);
  return res.json<ExpertView>();
}

/** The system administrator's account for a pool expert, its one-time password replaced. */
async function expertAccount(expert: ExpertView, username: string): Promise<void> {
  const account = await sysadmin.post('/api/v1/admin/accounts', {
    username,
    displayName: expert.name,
    role: 'expert',
    expertId: expert.id,
  });
  expectOk(account, 201);
  const { oneTimePassword } = account.json<OneTimePasswordView>();
  const client = await new TestClient(server.app).login(username, oneTimePassword);
  expectOk(
    await client.post('/api/v1/account/password', { oldPassword: oneTimePassword, newPassword: EXPERT_PASSWORD }),
    204,
  );
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 800 });
  province = await new TestClient(server.app).login('province');
  sysadmin = await new TestClient(server.app).login('sysadmin');
  const base = 6_300_000 + Math.floor(Math.random() * 1000) * 10;
  await receivedApplication(base + 1, '410300', '洛阳市', 'luoyang');
  await receivedApplication(base + 2, '411300', '南阳市', 'nanyang');
  await receivedApplication(base + 3, '410900', '濮阳市', 'puyang');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('expert review in the built web app', () => {
  it(
    'the province keeps the pool, edits the rubric and runs a round; experts review blind and score; the province decides',
    { timeout: 420_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'expert-review-failure.png'), fullPage: true });
      });
      const pool = await Promise.all(['赵一', '钱二', '孙三', '周四'].map((name) => poolExpert(name)));

      // 专家库: one expert added in the browser, with fields and a declared relation.
      await logIn('province');
      await page.getByRole('link', { name: '专家评审' }).click();
      await page.waitForURL('**/province/review-rounds');
      await page.getByRole('button', { name: '专家库' }).click();
      await page.waitForURL('**/province/experts');
      await settled();
      await expect.poll(() => page.locator('.expert-table .ant-table-row').count()).toBe(4);
      expect(await page.locator('.expert-table').textContent()).toContain('136****0000');
      await page.getByRole('button', { name: '添加专家' }).click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '添加专家' });
      await dialog.getByLabel('姓名').fill('吴五');
      await dialog.getByLabel('工作单位', { exact: true }).fill('河南省某研究院');
      await dialog.getByLabel('工作单位统一社会信用代码').fill(makeUscc(777, '410100'));
      await dialog.getByLabel('所在城市').click();
      await page.keyboard.type('郑州');
      await page.keyboard.press('Enter');
      await dialog.getByLabel('专业领域').fill('融资服务');
      await page.keyboard.press('Enter');
      await dialog.getByLabel('联系电话').fill('13500001234');
      await dialog.getByRole('button', { name: '添加关系' }).click();
      await dialog.getByLabel('第1项对方单位名称').fill('某咨询有限公司');
      await page.waitForTimeout(400);
      await shot('01-expert-dialog');
      await dialog.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.locator('.expert-table .ant-table-row').count()).toBe(5);
      const added = page.locator('.expert-table .ant-table-row').filter({ hasText: '吴五' });
      expect(await added.textContent()).toContain('任职：某咨询有限公司（存续）');
      expect(await added.textContent()).toContain('135****1234');
      await settled();
      await shot('02-expert-pool');
      expect(await axeFindings()).toEqual([]);
      const experts = (await province.get('/api/v1/experts')).json<{ experts: ExpertView[] }>().experts;
      const wu = experts.find((e) => e.name === '吴五')!;
      expect(wu.fields).toEqual(['融资服务']);
      await Promise.all(pool.map((e, n) => expertAccount(e, `expert-e2e-${n + 1}`)));

      // The system administrator gives 吴五 an account in the browser with the pool id.
      await logIn('sysadmin');
      await page.waitForURL('**/admin/accounts');
      await page.getByRole('button', { name: /新建账号/ }).click();
      const create = page.locator('.ant-modal').filter({ hasText: '新建账号' });
      await pickOption(page, create.getByLabel('角色'), '评审专家');
      await expect.poll(() => create.getByLabel('专家编号').count()).toBe(1);
      expect(await create.textContent()).toContain('专家库');
      await create.getByLabel('专家编号').fill(wu.id);
      await create.getByLabel('姓名或名称').fill('吴五');
      await create.getByLabel('用户名').fill('expert-e2e-wu');
      await create.getByRole('button', { name: '创建' }).click();
      await page.getByTestId('one-time-password').waitFor();
      const wuOneTime = (await page.getByTestId('one-time-password').textContent())!.trim();
      await page.getByRole('button', { name: /我已记下/ }).click();
      const wuClient = await new TestClient(server.app).login('expert-e2e-wu', wuOneTime);
      expectOk(
        await wuClient.post('/api/v1/account/password', { oldPassword: wuOneTime, newPassword: EXPERT_PASSWORD }),
        204,
      );
      const bound = (await province.get('/api/v1/experts')).json<{ experts: ExpertView[] }>().experts;
      expect(bound.find((e) => e.id === wu.id)!.accountUsername).toBe('expert-e2e-wu');

      // A round: all received applications, k = 3, one group, the tiered rubric looked at, then the weighted one.
      await logIn('province');
      await page.getByRole('link', { name: '专家评审' }).click();
      await page.waitForURL('**/province/review-rounds');
      await page.getByRole('button', { name: '新建评审轮次' }).click();
      await page.waitForURL('**/province/review-rounds/new');
      await settled();
      await page.getByLabel('名称', { exact: true }).fill('2022年度示范平台专家评审');
      await page.getByPlaceholder('开始日期').click();
      await page.getByPlaceholder('开始日期').fill('2026年12月1日');
      await page.getByPlaceholder('结束日期').click();
      await page.getByPlaceholder('结束日期').fill('2026年12月10日');
      await page.keyboard.press('Enter');
      await page.getByLabel('名称', { exact: true }).click();
      await page.getByLabel('每件申报的专家人数').fill('3');
      await page.getByRole('radio', { name: '按组数' }).check();
      await page.getByLabel('组数', { exact: true }).fill('1');
      // The rubric: the tiered template looked at, then the weighted one edited for this batch.
      const template = async (name: '加权计分' | '分档计分') => {
        await page.getByRole('button', { name: new RegExp(name) }).click();
        const confirm = page.locator('.ant-popconfirm').filter({ hasText: `套用${name}模板？` });
        await confirm.getByRole('button', { name: '套用' }).click();
      };
      await expect.poll(() => page.getByTestId('rubric-view').textContent()).toContain('Σ（各计分项得分 × 权重）');
      await template('分档计分');
      await expect.poll(() => page.getByTestId('rubric-view').textContent()).toContain('创新能力（不低于20分）');
      await template('加权计分');
      await expect.poll(() => page.getByTestId('rubric-view').textContent()).toContain('Σ（各计分项得分 × 权重）');
      await page.locator('.ant-segmented').getByText('修改', { exact: true }).click();
      const editor = page.getByTestId('rubric-editor');
      const total = page.getByTestId('rubric-total');
      await expect.poll(() => total.textContent()).toContain('100 / 100');
      await editor.getByLabel('评分表名称').fill('2022年度示范平台评审评分表');
      await editor.getByRole('button', { name: '在第1类添加评分项' }).click();
      const newItem = page.getByTestId('rubric-item-0-3');
      await newItem.getByLabel('第1类第4项名称').fill('信息化水平');
      await newItem.getByLabel('第1类第4项评分规则').fill('有线上服务系统得50分，与省平台网络对接加50分');
      // Saved before the weights add up: refused in the form, the finding at its field.
      await page.getByRole('button', { name: '创建评审轮次' }).click();
      await expect.poll(() => newItem.textContent()).toContain('须为数字');
      expect(page.url()).toContain('/province/review-rounds/new');
      await newItem.getByLabel('第1类第4项权重').fill('0.1');
      await expect.poll(() => total.textContent()).toContain('110 / 100');
      await expect.poll(() => editor.textContent()).toContain('各计分项“满分×权重”之和须为100，现为110');
      await editor.getByLabel('第1类第1项权重').fill('0.05');
      await editor.getByLabel('第1类第2项权重').fill('0.05');
      await expect.poll(() => total.textContent()).toContain('100 / 100');
      await expect.poll(() => editor.locator('.ant-form-item-explain-error').count()).toBe(0);
      await shot('03-round-form');
      expect(await axeFindings()).toEqual([]);
      await page.locator('.ant-segmented').getByText('查看', { exact: true }).click();
      await expect.poll(() => page.getByTestId('rubric-view').textContent()).toContain('信息化水平');
      await page.getByRole('button', { name: '创建评审轮次' }).click();
      await page.waitForURL(/\/province\/review-rounds\/[0-9a-f-]{36}$/);
      await settled();
      const roundId = page.url().split('/').pop()!;
      expect(await page.getByTestId('round-status').textContent()).toBe('筹备中');
      const created = (await province.get(`/api/v1/review-rounds/${roundId}`)).json<ReviewRoundView>();
      expect(created.rubric.title).toBe('2022年度示范平台评审评分表');
      expect(created.rubric.categories[0]!.items.map((i) => [i.label, 'weight' in i ? i.weight : null])).toEqual([
        ['管理制度', 0.05],
        ['服务场所与设施', 0.05],
        ['服务人员', 0.1],
        ['信息化水平', 0.1],
      ]);

      // The applicant of the third application asked to exclude 周四: accepted, with the reason.
      const third = applicants[2]!;
      await page.getByRole('button', { name: `记录${third.unitName}的申请回避` }).click();
      const exclusions = page.locator('.ant-modal').filter({ hasText: '申请回避' });
      await exclusions.getByRole('button', { name: '添加申请回避的专家' }).click();
      await exclusions.getByLabel('第1名专家', { exact: true }).click();
      await page.keyboard.type('周四');
      await page.keyboard.press('Enter');
      await exclusions.getByRole('radio', { name: '同意回避' }).check();
      await exclusions.getByLabel('理由').fill('该专家曾为申报单位提供咨询服务，同意回避');
      await exclusions.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.locator('.round-applications-table').textContent()).toContain('同意回避');
      await expect.poll(() => page.locator('.conflicts-table').textContent()).toContain('周四');

      // The draw: the seed shown, one group of three experts, 周四 not among them.
      await page.getByRole('button', { name: '抽取专家' }).click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('已抽取专家');
      const round = (await province.get(`/api/v1/review-rounds/${roundId}`)).json<ReviewRoundView>();
      expect(await page.getByTestId('round-seed').textContent()).toBe(round.seed);
      expect(round.seed).toMatch(/^[0-9a-f]{32}$/);
      const group = page.getByTestId('round-group');
      await expect.poll(() => group.count()).toBe(1);
      const drawn = round.groups[0]!.experts;
      expect(drawn).toHaveLength(3);
      for (const e of drawn) expect(await group.textContent()).toContain(e.name);
      expect(drawn.map((e) => e.name)).not.toContain('周四');
      for (const a of applicants) expect(await group.textContent()).toContain(a.unitName);
      await settled();
      await shot('04-round-drawn');
      expect(await axeFindings()).toEqual([]);

      // A round that cannot be served: the DRAW_FAILED message in Chinese.
      const tooSmall = await province.post('/api/v1/review-rounds', {
        title: '评审上限过低',
        applicationIds: null,
        settings: {
          ...defaultReviewRoundSettings,
          expertsPerApplication: 5,
          maxLoadPerExpert: 2,
          grouping: { mode: 'groupCount', groupCount: 1 },
        },
        rubric: publicServicePlatformRubric2017,
        opensOn: '2026-12-01',
        closesOn: '2026-12-10',
      });
      expectOk(tooSmall, 201);
      await page.goto(`${server.url}/province/review-rounds/${tooSmall.json<ReviewRoundView>().id}`);
      await settled();
      await page.getByRole('button', { name: '抽取专家' }).click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      const refusal = page.getByTestId('refusal');
      await refusal.waitFor();
      expect(await refusal.getAttribute('data-code')).toBe('DRAW_FAILED');
      expect(await refusal.textContent()).toMatch(/^抽取专家未成功：.*评审上限/);
      // The draft's settings changed on its edit page (the applications chosen one by one): the draw then works.
      await page.getByRole('button', { name: '修改设置' }).click();
      await page.waitForURL('**/edit');
      await settled();
      expect(await page.getByRole('radio', { name: '指定申报' }).isChecked()).toBe(true);
      expect(
        await page.locator('.ant-select-selection-item').filter({ hasText: applicants[0]!.unitName }).count(),
      ).toBe(1);
      // The picker asks the server (a batch may have more than the 100 it lists): one application taken out and
      // found again by a part of its unit's name; the others keep their labels meanwhile.
      const chosenItem = (name: string) => page.locator('.ant-select-selection-item').filter({ hasText: name });
      await chosenItem(applicants[0]!.unitName).locator('.ant-select-selection-item-remove').click();
      await expect.poll(() => chosenItem(applicants[0]!.unitName).count()).toBe(0);
      await page.getByLabel('指定的申报').click();
      await page.keyboard.type(applicants[0]!.unitName.replace(/^测试运营单位|有限公司$/g, ''));
      const found = page.locator('.ant-select-item-option').filter({ hasText: applicants[0]!.unitName });
      await expect.poll(() => found.count()).toBe(1);
      await found.click();
      await expect.poll(() => chosenItem(applicants[0]!.unitName).count()).toBe(1);
      for (const a of applicants) expect(await chosenItem(a.unitName).count()).toBe(1);
      await page.keyboard.press('Escape');
      await page.getByLabel('每件申报的专家人数').fill('3');
      await page.getByLabel('每位专家最多评审').fill('3');
      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForURL(/\/province\/review-rounds\/[0-9a-f-]{36}$/);
      await settled();
      await page.getByRole('button', { name: '抽取专家' }).click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('已抽取专家');

      // A replacement in the first round: the expert leaves with the reason, the server draws the one left.
      await page.goto(`${server.url}/province/review-rounds/${roundId}`);
      await settled();
      const leaving = drawn[0]!;
      await page.getByRole('button', { name: '替换专家' }).click();
      const replacement = page.locator('.ant-modal').filter({ hasText: '替换专家' });
      await replacement.getByLabel('被替换的专家').click();
      await page.keyboard.type(leaving.name);
      await page.keyboard.press('Enter');
      await replacement.getByLabel('替换理由').fill('专家因病不能参加评审');
      await replacement.getByRole('button', { name: '替换并随机抽取' }).click();
      await expect.poll(() => group.textContent()).toContain(`${leaving.name}：专家因病不能参加评审`);
      const replaced = (await province.get(`/api/v1/review-rounds/${roundId}`)).json<ReviewRoundView>();
      const nowDrawn = replaced.groups[0]!.experts;
      expect(nowDrawn.map((e) => e.expertId)).not.toContain(leaving.expertId);
      expect(nowDrawn.map((e) => e.name)).not.toContain('周四');
      expect(nowDrawn).toHaveLength(3);
      await settled();
      await shot('04b-round-replaced');

      // Opening the round.
      await page.getByRole('button', { name: '开始评审' }).click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('round-status').textContent()).toBe('评审中');

      // A drawn expert with an account made over the API.
      const drawnWithAccount = nowDrawn.find((e) => e.expertId !== wu.id)!;
      const username = `expert-e2e-${pool.findIndex((e) => e.id === drawnWithAccount.expertId) + 1}`;
      const label = round.applications.find((a) => a.applicationId === applicants[0]!.id)!.label!;
      await logIn(username, EXPERT_PASSWORD);
      await page.waitForURL('**/expert');
      await settled();
      const mainRound = () => page.getByTestId('expert-round').filter({ hasText: '2022年度示范平台专家评审' });
      const nav = page.getByRole('navigation', { name: '主导航' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['我的评审']);
      expect(await mainRound().textContent()).toContain('未签署承诺书');
      await shot('05-expert-home');
      expect(await axeFindings()).toEqual([]);

      // Material before the 承诺书: the server's refusal in Chinese.
      await page.goto(`${server.url}/expert/rounds/${roundId}/materials/${label}`);
      await expect
        .poll(() => page.getByTestId('expert-refusal').textContent())
        .toBe('请先签署本轮评审的承诺书（回避声明），签署后方可查看评审材料');

      await page.goto(`${server.url}/expert/rounds/${roundId}/pledge`);
      await settled();
      expect((await page.getByTestId('pledge-text').textContent())!.length).toBeGreaterThan(50);
      await shot('06-pledge');
      expect(await axeFindings()).toEqual([]);
      await page.getByRole('button', { name: '我已阅读并签署承诺书' }).click();
      await page.getByTestId('pledge-signed').waitFor();
      await page.getByRole('link', { name: `申报材料 ${label}` }).click();
      await page.waitForURL(`**/materials/${label}`);
      await settled();
      expect(await page.getByTestId('pdf-notice').textContent()).toBe(
        'PDF 无法自动隐去单位名称，请评审时不考虑单位身份',
      );
      const documents = page.getByTestId('blind-documents');
      expect(await documents.textContent()).toContain('内容含单位名称');
      const text = (await page.locator('body').innerText()).replace(/\s+/g, '');
      for (const a of applicants)
        for (const s of [a.unitName, a.uscc]) expect(text, `the page shows ${s}`).not.toContain(s);
      for (const s of [...PEOPLE, ...PHONES, ...CITIES, makeUscc(900)])
        expect(text, `the page shows ${s}`).not.toContain(s);
      expect(text).toContain('（单位名称已隐去）综合服务平台');
      await shot('07-material');
      expect(await axeFindings()).toEqual([]);

      // The file opens through the expert's route under its neutral name.
      const viewLink = documents.getByRole('link', { name: /^下载佐证材料\d+\.pdf$/ }).first();
      const href = (await viewLink.getAttribute('href'))!;
      const file = await page.request.get(`${server.url}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-disposition']).toMatch(/%E4%BD%90%E8%AF%81%E6%9D%90%E6%96%99\d+\.pdf/);

      // The expert's pages on a phone.
      await page.setViewportSize({ width: 390, height: 844 });
      await settled();
      await shot('08-material-phone');
      await page.goto(`${server.url}/expert/rounds/${roundId}/pledge`);
      await settled();
      await shot('09-pledge-phone');
      await page.goto(`${server.url}/expert`);
      await settled();
      expect(await mainRound().textContent()).toContain('已签署承诺书');
      await shot('10-expert-home-phone');
      expect(await axeFindings()).toEqual([]);

      // The expert scores the first application on the rubric edited for this batch, item by item, and submits.
      await page.setViewportSize({ width: 1366, height: 800 });
      await page.goto(`${server.url}/expert/rounds/${roundId}/materials/${label}`);
      await settled();
      const rubric = created.rubric;
      expect(await page.getByTestId('sheet-formula').textContent()).toContain('总分 = Σ(各项得分 × 权重)');
      for (const category of rubric.categories)
        for (const it of category.items) {
          const row = page.getByTestId(`score-item-${it.key}`);
          if (it.scored) await row.getByLabel(`${it.label}得分（0–100分）`).fill('80');
          else await row.getByLabel(`${it.label}意见`).fill('信息化服务有特色，线下服务场所偏小。');
        }
      expect(await page.getByTestId(`score-item-${rubric.categories[0]!.items[3]!.key}`).textContent()).toContain(
        '有线上服务系统得50分，与省平台网络对接加50分',
      );
      await page.getByLabel('总体评审意见').fill('平台运行规范，建议认定。');
      await expect.poll(() => page.getByTestId('sheet-preview').textContent()).toContain('总分预计为80分');
      await page.getByRole('button', { name: '提交评分' }).click();
      const confirm = page.locator('.ant-modal-confirm');
      await expect.poll(() => confirm.textContent()).toContain('本表总分80分');
      await confirm.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.getByTestId('sheet-status').textContent()).toBe('已提交');
      expect(await page.getByTestId('sheet-verdict').textContent()).toContain('通过：总分80分');
      await shot('11-sheet-submitted');

      // The two other experts drawn score it on their own accounts (over HTTP): 70 and 90.
      const others = nowDrawn.filter((e) => e.expertId !== drawnWithAccount.expertId);
      for (const [n, expert] of others.entries()) {
        const account =
          expert.expertId === wu.id
            ? 'expert-e2e-wu'
            : `expert-e2e-${pool.findIndex((e) => e.id === expert.expertId) + 1}`;
        const client = await new TestClient(server.app).login(account, EXPERT_PASSWORD);
        const mine = (await client.get('/api/v1/expert/rounds')).json<{ rounds: ExpertRoundView[] }>().rounds;
        const textVersion = mine.find((r) => r.roundId === roundId)!.pledge.textVersion;
        expectOk(await client.post(`/api/v1/expert/rounds/${roundId}/pledge`, { textVersion }));
        const sheet = `/api/v1/expert/rounds/${roundId}/materials/${label}/sheet`;
        const points = n === 0 ? 70 : 90;
        const entries = rubric.categories.flatMap((c) =>
          c.items.map((it) =>
            it.scored ? { itemKey: it.key, points, remark: '' } : { itemKey: it.key, remark: '意见已填写。' },
          ),
        );
        const saved = await client.put(sheet, { version: 0, entries, opinion: '同意。' });
        expectOk(saved);
        expectOk(await client.post(`${sheet}/submit`, { version: saved.json<{ version: number }>().version }));
      }

      // The province sees the three totals and their statistics, and recommends the application.
      await logIn('province');
      await page.goto(`${server.url}/province/review-rounds/${roundId}`);
      await settled();
      await page.getByRole('button', { name: '评审结果' }).click();
      await page.waitForURL(`**/province/review-rounds/${roundId}/results`);
      await settled();
      const result = page.locator(`[data-row-key="${applicants[0]!.id}"]`);
      await expect.poll(() => result.textContent()).toContain('80');
      for (const name of nowDrawn.map((e) => e.name)) expect(await result.textContent()).toContain(name);
      expect(await result.textContent()).toContain('90');
      expect(await result.textContent()).toContain('70');
      await result.getByRole('button', { name: /^作出结论：/ }).click();
      const decision = page.locator('.ant-modal').filter({ hasText: '评审结论：' });
      await decision.getByLabel('建议认定').check();
      await decision.getByRole('button', { name: '保存结论' }).click();
      await expect.poll(() => result.getByTestId('results-decision').textContent()).toContain('建议认定');
      await shot('12-results-decided');
      expect(await axeFindings()).toEqual([]);
      expect(consoleProblems).toEqual([]);
    },
  );
});
