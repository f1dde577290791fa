import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { openBrowserPage } from './browser.js';
import { pickOption } from './page-helpers.js';
import { makeUscc, tinyPdf } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const ZHENGZHOU = '410100';
const PASSWORD = 'Shenbao#2022';
/** A stable code as the API names a problem (NAME_FORBIDDEN_WORD, FIELD_MISSING…): never for the user's eyes. */
const CODE_TEXT = /\b[A-Z_]{6,}\b/g;

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];

const panel = () => page.locator('.eligibility-panel');
const rule = (code: string) => panel().locator(`li[data-code="${code}"]`);
const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const institutionRows = () => page.locator('.institutions-table tbody tr.ant-table-row');

/** The codes among the text a user sees (hidden tabs and closed pop-ups do not count). */
const visibleCodes = (where: Locator) => where.evaluate((el: HTMLElement) => el.innerText).then(codesIn);
const codesIn = (text: string) => text.match(CODE_TEXT) ?? [];

async function shots(name: string): Promise<void> {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 768 : 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function logIn(username: string): Promise<void> {
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(PASSWORD);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL('**/applicant');
  await panel().waitFor();
}

/** Reloads expecting the browser's "leave site?" question, and stays on the page. */
async function reloadIsQuestioned(): Promise<void> {
  const dialog = page.waitForEvent('dialog');
  const reloading = page.evaluate(() => window.location.reload()).catch(() => undefined);
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
  await reloading;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('words, not codes', () => {
  it('the public precheck answers a failing form in Chinese only', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/precheck`);
    await page.getByLabel('平台名称').fill('郑州中小企业示范服务平台');
    await page.getByLabel('运营单位名称').fill('郑州测试企业服务有限公司');
    await page.getByLabel('统一社会信用代码').fill('91410100MA0000000X');
    await page.getByLabel('注册登记时间').click();
    await page.getByLabel('注册登记时间').fill('2015年3月1日');
    await page.getByLabel('注册登记时间').press('Enter');
    await page.getByLabel('上年末资产总额').fill('560');
    await page.getByLabel('服务人员数量').fill('10');
    await page.getByLabel('集聚服务机构数量').fill('5');
    await page.getByLabel('优惠服务占比').fill('35');
    await page.getByLabel('年服务企业数').fill('90');
    await page.getByRole('button', { name: /检查是否符合申报条件/ }).click();
    const verdict = page.getByTestId('precheck-verdict');
    await expect.poll(() => verdict.textContent()).toContain('不符合');
    for (const code of ['NAME_FORBIDDEN_WORD', 'STAFF_BELOW_MIN', 'USCC_INVALID']) {
      expect(await verdict.locator(`[data-code="${code}"]`).count()).toBe(1);
    }
    expect(await verdict.textContent()).toContain('平台名称中不得含有“示范”字样');
    expect(await visibleCodes(page.locator('body'))).toEqual([]);
    await shots('words-01-precheck');
  });
});

describe('an applicant’s work is kept', () => {
  const username = `autosave${Date.now()}`;

  it(
    'opens a new application with what is still to fill, not a failure, and shows no codes',
    { timeout: 90_000 },
    async () => {
      await page.goto(`${server.url}/register`);
      await page.getByLabel('运营单位名称').fill('郑州自动保存测试有限公司');
      await page.getByLabel('统一社会信用代码').fill(makeUscc(ZHENGZHOU));
      await pickOption(page, page.getByLabel('所在地区'), '郑州市', '郑州');
      await page.getByLabel('联系人').fill('张敏');
      await page.getByLabel('联系电话').fill('13937100002');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByLabel('确认密码').fill(PASSWORD);
      await page.locator('#register button[type=submit]').click();
      await page.waitForURL('**/applicant');
      await panel().waitFor();

      const panelText = await panel().textContent();
      expect(panelText).toContain('待填写');
      expect(panelText).not.toContain('不符合');
      expect(await panel().locator('.ant-alert-error').count()).toBe(0);
      expect(await page.locator('.ant-form-item-has-error').count()).toBe(0);
      for (const code of ['CATEGORY_MISSING', 'INSTITUTIONS_BELOW_MIN', 'ENTERPRISES_SERVED_BELOW_MIN']) {
        expect(await rule(code).getAttribute('data-state')).toBe('unknown');
      }
      expect(await panel().locator('[data-code="FIELD_MISSING"]').count()).toBeGreaterThan(5);
      expect(await visibleCodes(page.locator('body'))).toEqual([]);
      await shots('words-02-applicant-empty');
      await tab('提交').click();
      await page.locator('.submit-summary').waitFor();
      expect(await visibleCodes(page.locator('body'))).toEqual([]);
      await tab('基本信息').click();
    },
  );

  it('shows a value the server refused as failing, and failing rules in words', { timeout: 60_000 }, async () => {
    await page.getByLabel('上年末资产总额').fill('200000000');
    await expect.poll(() => rule('ASSETS_BELOW_MIN').getAttribute('data-state')).toBe('refused');
    expect(await rule('ASSETS_BELOW_MIN').textContent()).toContain('未保存');
    expect(await panel().locator('.ant-alert-error').textContent()).toContain('未能保存');
    await page.getByLabel('上年末资产总额').fill('560');
    await expect.poll(() => rule('ASSETS_BELOW_MIN').getAttribute('data-state')).toBe('passed');

    await page.getByLabel('平台名称').fill('郑州中小企业示范服务平台');
    await page.getByLabel('服务人员数量').fill('10');
    await expect.poll(() => rule('NAME_FORBIDDEN_WORD').getAttribute('data-state')).toBe('failed');
    await expect.poll(() => rule('STAFF_BELOW_MIN').getAttribute('data-state')).toBe('failed');
    expect(await panel().textContent()).toContain('不符合申报条件：2 项');
    expect(await visibleCodes(page.locator('body'))).toEqual([]);
    await tab('提交').click();
    await page.getByRole('checkbox', { name: /本单位承诺/ }).check();
    await page.getByRole('button', { name: /提交申报/ }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const refusal = page.getByTestId('submit-refusal');
    await expect.poll(() => refusal.locator('[data-code="NAME_FORBIDDEN_WORD"]').count()).toBe(1);
    await page.locator('.ant-popconfirm').waitFor({ state: 'hidden' });
    expect(await visibleCodes(page.locator('body'))).toEqual([]);
    await shots('words-03-submit-refused');
    await tab('基本信息').click();
  });

  it('warns before a reload loses an edit, and keeps an edit typed just before logging out', async () => {
    await page.getByLabel('注册地址').fill('河南省郑州市金水区');
    await reloadIsQuestioned();
    await expect.poll(() => page.getByTestId('autosave-status').textContent()).toContain('已自动保存');

    await page.getByLabel('注册地址').fill('河南省郑州市金水区花园路1号');
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    await logIn(username);
    expect(await page.getByLabel('注册地址').inputValue()).toBe('河南省郑州市金水区花园路1号');
  });

  it('saves the institutions by itself: a row and its agreement survive a reload', { timeout: 60_000 }, async () => {
    await tab('集聚服务机构').click();
    await page.getByRole('button', { name: '添加机构' }).click();
    await page.getByLabel('第1家机构名称').fill('郑州测试合作机构有限公司');
    await expect
      .poll(() => page.getByTestId('institutions-autosave-status').textContent())
      .toContain('填写完整后自动保存');
    await reloadIsQuestioned();

    const uscc = makeUscc(ZHENGZHOU);
    await page.getByLabel('第1家机构统一社会信用代码').fill(uscc);
    await institutionRows()
      .first()
      .locator('input[type=file]')
      .setInputFiles({ name: '合作协议.pdf', mimeType: 'application/pdf', buffer: tinyPdf('agreement') });
    await expect
      .poll(() => institutionRows().first().locator('.agreement-file').textContent())
      .toContain('合作协议.pdf');
    await expect.poll(() => page.getByTestId('institutions-autosave-status').textContent()).toContain('已自动保存');
    await expect.poll(() => tab('集聚服务机构').textContent()).toContain('（1）');

    await page.reload();
    await tab('集聚服务机构').click();
    expect(await page.getByLabel('第1家机构名称').inputValue()).toBe('郑州测试合作机构有限公司');
    expect(await page.getByLabel('第1家机构统一社会信用代码').inputValue()).toBe(uscc);
    expect(await institutionRows().first().locator('.agreement-file').textContent()).toContain('合作协议.pdf');

    await page.getByLabel('第1家机构名称').fill('郑州测试合作机构股份有限公司');
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    await logIn(username);
    await tab('集聚服务机构').click();
    expect(await page.getByLabel('第1家机构名称').inputValue()).toBe('郑州测试合作机构股份有限公司');
    await shots('words-04-institutions');
    expect(consoleProblems).toEqual([]);
  });
});
