import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { BatchConfig } from '#contract';
import {
  makeReadyForRecommendation,
  registerUnit,
  reviewedOn,
  uploadEvidenceFile,
} from '../../server/test-support/applications.js';
import { additions2023, LUOYANG, publish2023 } from '../../server/test-support/batch-2023.js';
import { eligibleForm } from '../../server/test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { multipart, TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { formatDeadline } from '../src/features/common/format.js';
import { openBrowserPage } from './browser.js';
import { pickOption } from './page-helpers.js';
import { makeUscc, rosterRows, rosterWorkbook, tinyPdf, tinyPng } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const PLATFORM = '洛阳数字化转型促进服务平台';
const FIRST = '洛阳工业互联网服务平台';
const THIRD = '河洛创新创业服务平台';
const PASSWORD = 'Shenbao#2023';
const PRINCIPAL = '赵建设';

type EvidenceType = BatchConfig['evidenceTypes'][number];

let server: TestServer;
let browser: Browser;
let page: Page;
/** Errors and warnings the page logs; refused requests (4xx the flow provokes) are expected. */
let consoleProblems: string[] = [];
/** The published 2023 notice. */
let config2023: BatchConfig;
let thirdId: string;

async function shot(name: string, fullPage = true): Promise<void> {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: path.join(SHOTS, `batch-2023-${name}.png`), fullPage });
}

async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur').count()).toBe(0);
}

async function logIn(username: string, password = DEMO_PASSWORD): Promise<void> {
  const logout = page.getByRole('button', { name: /退出登录/ });
  if (await logout.isVisible().catch(() => false)) {
    await logout.click();
    await page.waitForURL('**/login');
  }
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The text that describes a control (its aria-describedby), as a screen reader reads it after the label. */
async function descriptionOf(control: Locator): Promise<string> {
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(' ');
}

/** Clicks a 汇总表 download on the package page; answers where the file was saved. */
async function download(name: string, extension: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `下载${name}` }).click(),
  ]);
  const saved = path.join(SHOTS, `batch-2023-summary.${extension}`);
  await file.saveAs(saved);
  return saved;
}

/** The text of each cell of a worksheet row, as Excel shows it. */
function rowTexts(row: ExcelJS.Row): string[] {
  const texts: string[] = [];
  row.eachCell((cell) => texts.push(cell.text));
  return texts;
}

/** A file of a kind the evidence type accepts: an image for the licence, else a PDF. */
function fileFor(type: EvidenceType) {
  return type.accepts.includes('png') && type.key === 'business_license'
    ? { name: '营业执照副本.png', mimeType: 'image/png', buffer: tinyPng() }
    : { name: `${type.label}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(type.key) };
}

/** A response with the status expected, else the failure with the server's answer. */
function expectStatus<R extends { statusCode: number; body: string }>(res: R, status: number): R {
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

/**
 * What the browser adds nothing to in this run: the service roster of 2023's 上年度 (86 enterprises) and
 * five institutions with their agreements, sent over HTTP as the applicant.
 */
async function importLists(applicant: TestClient, id: string): Promise<void> {
  const servedIn = config2023.assetsAsOf.slice(0, 4);
  const roster = rosterRows(86, LUOYANG).map((row, i) => ({
    ...row,
    servedOn: `${servedIn}-${String((i % 12) + 1).padStart(2, '0')}-15`,
  }));
  const workbook = multipart('服务企业名单.xlsx', await rosterWorkbook(roster));
  expectStatus(
    await applicant.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/roster`,
      payload: workbook.payload,
      headers: workbook.headers,
    }),
    200,
  );
  const institutions = [];
  for (let i = 0; i < 5; i++) {
    const agreement = expectStatus(
      await uploadEvidenceFile(
        applicant,
        id,
        'institution_agreement',
        `合作协议${i + 1}.pdf`,
        tinyPdf(`agreement ${i + 1}`),
      ),
      201,
    );
    institutions.push({
      name: `洛阳数字化合作机构${i + 1}有限公司`,
      uscc: makeUscc(LUOYANG),
      agreementFileId: agreement.json<{ id: string }>().id,
    });
  }
  expectStatus(await applicant.put(`/api/v1/applications/${id}/institutions`, { institutions }), 200);
}

/** Another 洛阳 unit's 2023 application, filled in with every required evidence type and submitted over HTTP. */
async function submitted2023(unitNo: number, platformName: string): Promise<string> {
  const { client, id } = await registerUnit(server.app, unitNo, LUOYANG);
  await importLists(client, id);
  expectStatus(await client.patch(`/api/v1/applications/${id}`, { ...eligibleForm, platformName }), 200);
  for (const type of config2023.evidenceTypes.filter((t) => t.required)) {
    const file = fileFor(type);
    expectStatus(await uploadEvidenceFile(client, id, type.key, file.name, file.buffer), 201);
  }
  expectStatus(await client.post(`/api/v1/applications/${id}/submit`), 200);
  return id;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  config2023 = (await publish2023(server.app)).config;
  // Two other 洛阳 platforms of 2023 over HTTP: one already recommended into the quota, one ready for it.
  const first = await submitted2023(231_001, FIRST);
  thirdId = await submitted2023(231_002, THIRD);
  const luoyang = await new TestClient(server.app).login('luoyang');
  for (const ready of [first, thirdId])
    await makeReadyForRecommendation(luoyang, ready, { dates: reviewedOn(config2023.noticeDate) });
  expectStatus(await luoyang.post(`/api/v1/applications/${first}/recommendation`, { channel: 'quota' }), 200);
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the 2023 batch in the built web app', () => {
  it(
    'prechecks by 2023’s thresholds, applies with its extra category and evidence, and 洛阳 recommends within its quota of 2 and submits a package in 2023’s words',
    { timeout: 240_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'batch-2023-failure.png'), fullPage: true });
      });

      // 申报条件自测: 2023 is offered first, its requirements stated at the fields, figures judged by them
      await page.goto(`${server.url}/precheck`);
      const batchSelect = page.getByLabel('申报批次');
      await expect.poll(() => batchSelect.locator('option:checked').textContent()).toContain('2023');
      const assets = page.getByLabel('上年末资产总额');
      const staff = page.getByLabel('服务人员数量');
      expect(await descriptionOf(assets)).toContain('不低于300万元');
      expect(await descriptionOf(staff)).toContain('不少于20人');
      await page.getByLabel('平台名称').fill(PLATFORM);
      await page.getByLabel('运营单位名称').fill('洛阳数字化转型促进有限公司');
      await page.getByLabel('统一社会信用代码').fill(makeUscc(LUOYANG));
      await page.getByLabel('注册登记时间').fill('2016年4月8日');
      await page.getByText('信息服务', { exact: true }).click();
      await assets.fill('260');
      await staff.fill('18');
      await page.getByLabel('集聚服务机构数量').fill('6');
      await page.getByLabel('优惠服务占比').fill('30');
      await page.getByLabel('年服务企业数').fill('90');
      const check = page.getByRole('button', { name: /检查是否符合申报条件/ });
      const verdict = page.getByTestId('precheck-verdict');
      /** Checks the figures and waits for this check's verdict (an earlier one is marked stale until then). */
      const checked = async () => {
        await check.click();
        await expect.poll(() => verdict.getByText('数据已修改，请重新检查。').count()).toBe(0);
        return (await verdict.textContent()) ?? '';
      };
      expect(await checked()).toContain('共 2 项不符合');
      expect(await verdict.locator('[data-code="ASSETS_BELOW_MIN"]').textContent()).toContain('不低于300万元');
      expect(await verdict.locator('[data-code="STAFF_BELOW_MIN"]').textContent()).toContain('不少于20人');
      await shot('01-precheck-2023-ineligible');
      // The same figures under the 2022 notice (200万元, 15人) qualify: the judgement is the batch's. The
      // category 2022 does not have is dropped with the switch, and 2023's verdict goes with it.
      await page.getByText(additions2023.category, { exact: true }).click();
      await batchSelect.selectOption('2022');
      expect(await page.getByText(additions2023.category, { exact: true }).count()).toBe(0);
      expect(await descriptionOf(assets)).toContain('不低于200万元');
      expect(await descriptionOf(assets)).not.toContain('300');
      expect(await verdict.locator('[data-code="ASSETS_BELOW_MIN"]').count()).toBe(0);
      expect(await checked()).toContain('所填数据满足本批次全部申报条件');
      expect(await descriptionOf(assets)).toContain('不低于200万元');
      await shot('02-precheck-2022-eligible');
      // Back in 2023, with its new category: at its exact thresholds the platform qualifies.
      await batchSelect.selectOption('2023');
      await page.getByText(additions2023.category, { exact: true }).click();
      await assets.fill('300');
      await staff.fill('20');
      expect(await checked()).toContain('所填数据满足本批次全部申报条件');
      expect(await descriptionOf(assets)).toContain('不低于300万元');
      await shot('03-precheck-2023-eligible');

      // 注册 a 洛阳 unit: its application opens in the 2023 batch
      const username = `ly2023${Date.now()}`;
      await page.goto(`${server.url}/register`);
      await page.getByLabel('运营单位名称').fill('洛阳数字化转型促进有限公司');
      await page.getByLabel('统一社会信用代码').fill(makeUscc(LUOYANG));
      await pickOption(page, page.getByLabel('所在地区'), '洛阳市', '洛阳');
      await page.getByLabel('联系人').fill('赵敏');
      await page.getByLabel('联系电话').fill('13937100023');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByLabel('确认密码').fill(PASSWORD);
      await page.locator('#register button[type=submit]').click();
      await page.waitForURL('**/applicant');
      await expect.poll(() => page.locator('.page-subtitle').textContent()).toContain('2023年度');
      const applicant = await new TestClient(server.app).login(username, PASSWORD);
      await importLists(applicant, (await applicant.get('/api/v1/my/application')).json<{ id: string }>().id);
      await page.reload();

      // 基本信息: the extra category is offered; 18 staff fail 2023's 20, 20 pass
      const panel = page.locator('.eligibility-panel');
      const rule = (code: string) => panel.locator(`li[data-code="${code}"]`);
      await page.getByLabel('注册登记时间').click();
      await page.getByLabel('注册登记时间').fill('2016年4月8日');
      await page.getByLabel('注册登记时间').press('Enter');
      await page.getByLabel('法定代表人').fill(PRINCIPAL);
      await page.getByLabel('注册地址').fill('河南省洛阳市涧西区天津路26号');
      await page.getByLabel('主要负责人姓名').fill(PRINCIPAL);
      await page.getByLabel('主要负责人职务').fill('总经理');
      await page.locator('#basic_contactName').fill('赵敏');
      await page.locator('#basic_contactPhone').fill('0379-64321234');
      await page.getByLabel('平台名称').fill(PLATFORM);
      await page.getByRole('checkbox', { name: additions2023.category }).check();
      await page.getByRole('checkbox', { name: '技术服务' }).check();
      await page
        .getByLabel('服务内容与资源简介')
        .fill('为洛阳市制造业中小企业提供数字化诊断、上云用云和工业软件应用服务。');
      await page.getByLabel('上年末资产总额').fill('320');
      await page.getByLabel('服务人员数量').fill('18');
      await page.getByLabel('优惠服务占比').fill('30');
      await expect.poll(() => rule('STAFF_BELOW_MIN').getAttribute('data-state')).toBe('failed');
      await expect.poll(() => rule('STAFF_BELOW_MIN').textContent()).toContain('服务人员不少于20人');
      await shot('04-applicant-staff-below-2023');
      await page.getByLabel('服务人员数量').fill('20');
      await expect.poll(() => rule('STAFF_BELOW_MIN').getAttribute('data-state')).toBe('passed');
      await expect.poll(() => page.getByTestId('autosave-status').textContent()).toContain('已自动保存');

      // 证明材料: 2023's extra type is required; one file for each required type
      await page.getByRole('tab', { name: /^证明材料/ }).click();
      const extraCard = page.locator(`[data-evidence-type="${additions2023.evidenceType.key}"]`);
      await expect.poll(() => extraCard.textContent()).toContain(additions2023.evidenceType.label);
      expect(await extraCard.textContent()).toContain('必需');
      const required = config2023.evidenceTypes.filter(
        (t) => t.required && !['roster', 'institution_agreement'].includes(t.key),
      );
      for (const type of required) {
        const card = page.locator(`[data-evidence-type="${type.key}"]`);
        const file = fileFor(type);
        await card.locator('input[type=file]').setInputFiles(file);
        await expect.poll(() => card.locator('.evidence-file-name').textContent()).toBe(file.name);
      }
      await expect.poll(() => panel.textContent()).toContain('符合申报条件，材料齐全，可以提交');
      await shot('05-applicant-evidence');

      await page.getByRole('tab', { name: /^提交/ }).click();
      await page.getByRole('checkbox', { name: /本单位承诺/ }).check();
      await page.getByRole('button', { name: /提交申报/ }).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.waitForURL('**/receipt/**');
      const receipt = page.locator('.receipt-document');
      await expect.poll(() => receipt.textContent()).toContain(PLATFORM);
      expect(await receipt.textContent()).toContain(additions2023.evidenceType.label);
      expect(await receipt.textContent()).toContain('2023年度');
      const applicationId = new URL(page.url()).pathname.split('/').pop()!;
      await shot('06-receipt');

      // 洛阳's review records (site check, interview, survey, opinion) over HTTP; the browser recommends
      const luoyang = await new TestClient(server.app).login('luoyang');
      await makeReadyForRecommendation(luoyang, applicationId, {
        dates: reviewedOn(config2023.noticeDate),
        principal: { name: PRINCIPAL, title: '总经理' },
      });
      await logIn('luoyang');
      await page.waitForURL('**/city');
      await settled();
      const row = page.locator('.applications-table tbody tr.ant-table-row').filter({ hasText: PLATFORM });
      await expect.poll(() => row.count()).toBe(1);
      await expect.poll(() => page.getByTestId('batch-picker').textContent()).toContain('2023年度 · 申报中');
      const listQuota = page.getByTestId('quota-use');
      await expect.poll(() => listQuota.getAttribute('data-limit')).toBe('2');
      expect(await listQuota.textContent()).toContain('已用 1 / 2');
      await shot('07-city-list');

      await row.getByRole('button', { name: PLATFORM }).click();
      await page.waitForURL(`**/city/applications/${applicationId}**`);
      await page.getByRole('tab', { name: /^推荐意见与推荐/ }).click();
      const quota = page.getByTestId('recommendation').getByTestId('quota-use');
      await expect.poll(() => quota.textContent()).toContain('已用 1 / 2');
      await expect.poll(() => page.getByRole('radio', { name: /市推荐名额（剩余 1 个）/ }).isChecked()).toBe(true);
      await page.getByRole('button', { name: /推荐该平台/ }).click();
      await expect.poll(() => page.getByTestId('recommended').textContent()).toContain('已推荐：市推荐名额');
      await expect.poll(() => quota.textContent()).toContain('已用 2 / 2');
      await shot('08-recommended');

      // A third platform, ready in every respect, finds the quota of 2 used up; 2023's new area is offered
      await page.goto(`${server.url}/city/applications/${thirdId}?tab=recommend`);
      await expect.poll(() => page.getByRole('radio', { name: '市推荐名额（剩余 0 个）' }).isDisabled()).toBe(true);
      expect(await page.getByTestId('quota-use').textContent()).toContain('已用 2 / 2');
      await page.getByRole('radio', { name: /特定区域/ }).check();
      await page.getByLabel('特定区域', { exact: true }).click();
      await expect
        .poll(() => page.locator('.ant-select-item-option').allTextContents())
        .toContain(additions2023.area.name);
      await shot('09-third-refused', false);
      await page.keyboard.press('Escape');
      const refused = await luoyang.post(`/api/v1/applications/${thirdId}/recommendation`, { channel: 'quota' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ code: string }>().code).toBe('QUOTA_EXHAUSTED');

      // 推荐材料报送: two platforms, 2023's deadline; submitted; the 汇总表 in 2023's words
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '推荐材料报送' }).click();
      await page.waitForURL('**/city/package**');
      await settled();
      await expect.poll(() => page.locator('.package-platforms tbody tr.ant-table-row').count()).toBe(2);
      expect(await page.getByTestId('package-deadline').textContent()).toContain(
        formatDeadline(config2023.cityDeadline),
      );
      await page.getByTestId('submit-package').click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('package-submitted').textContent()).toContain('已报送省厅');
      expect(await page.getByTestId('package-doc-number').textContent()).toBe('洛工信函〔2023〕1号');
      await shot('10-package-submitted');

      // The 汇总表 as downloaded: 2023's title and notes in the PDF, the two platforms' rows in the Excel
      const pdfText = execFileSync('pdftotext', [await download('附件2 汇总表 PDF', 'pdf'), '-'], {
        encoding: 'utf8',
      }).replace(/\s+/g, '');
      expect(pdfText).toContain('推荐2023年度河南省中小企业公共服务示范平台汇总表');
      expect(pdfText).toContain('上年末资产总额不低于300万元，服务人员不少于20人');
      expect(pdfText).not.toContain('不低于200万元');
      expect(pdfText).toContain(`省级中小企业特色产业集群、${additions2023.areaKind.label}、工信部认定`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download('附件2 汇总表 Excel', 'xlsx'));
      const cells: string[][] = [];
      workbook.worksheets[0]!.eachRow((row) => cells.push(rowTexts(row)));
      const rowOf = (name: string) => cells.find((r) => r.includes(name));
      expect(rowOf(PLATFORM)).toEqual(expect.arrayContaining(['技术服务、数字化转型服务', '洛阳市推荐名额']));
      expect(rowOf(FIRST)).toEqual(expect.arrayContaining(['洛阳市推荐名额']));
      expect(rowOf(THIRD)).toBeUndefined();
      expect(cells.flat().join('')).toContain('服务人员不少于20人');

      // The province's board of 2023: 19 recommending authorities, 航空港区 (routed directly) a tile of its own
      await logIn('province');
      await page.goto(`${server.url}/province`);
      await settled();
      const tiles = page.locator('g.tile');
      await expect.poll(() => tiles.count()).toBe(19);
      expect(await page.locator('#tile-map-title').textContent()).toBe('河南省19个推荐单位推荐材料报送情况');
      expect(await page.locator('g.tile[data-code="410100-HKQ"] .tile-name').textContent()).toBe('航空港区');
      expect(await page.locator(`g.tile[data-code="${LUOYANG}"]`).getAttribute('aria-label')).toBe(
        '洛阳 已报送 推荐 2 名额 2/2',
      );
      expect(await page.getByRole('button', { name: '航空港区', exact: true }).getAttribute('title')).toBe(
        '郑州航空港经济综合实验区',
      );
      await shot('11-province-board');
      expect(consoleProblems).toEqual([]);
    },
  );
});
