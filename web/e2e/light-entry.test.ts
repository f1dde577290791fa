import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';
import { makeUscc } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

/** The scripts the page loaded, by file name. */
const scripts = () =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((name) => name.endsWith('.js')),
  );

/** The full app's chunk (web/src/app/fullApp.ts), which brings antd. */
const fullApp = (names: string[]) => names.filter((name) => /\/fullApp-[\w-]+\.js$/.test(name));

const focusedId = () => page.evaluate(() => document.activeElement?.id);

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems } = await openBrowserPage());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the light entry: login and precheck without antd', { timeout: 120_000 }, () => {
  it('draws the login page without the full app, and says what is missing', async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('.demo-accounts tbody tr').first().waitFor();
    expect(fullApp(await scripts())).toEqual([]);
    expect(await page.locator('h1').allTextContents()).toEqual(['中小企业公共服务示范平台申报']);

    await page.locator('#login button[type=submit]').click();
    await expect
      .poll(() => page.locator('#login [role=alert]').allTextContents())
      .toEqual(['请输入用户名', '请输入密码']);
    expect(await focusedId()).toBe('login_username');
    expect(await page.locator('#login_username').getAttribute('aria-describedby')).toBe('login_username_help');

    // A demo account fills both fields, and their errors go.
    await page.locator('.demo-accounts tr').filter({ hasText: 'ly-keji' }).getByRole('button').click();
    expect(await page.locator('#login [role=alert]').count()).toBe(0);
    expect(await page.locator('#login_password').inputValue()).toBe(DEMO_PASSWORD);
    await page.locator('#login button[type=submit]').click();
    await page.waitForURL('**/applicant');

    // Signed in, the login page sends the user home through the full app.
    await page.goto(`${server.url}/login`);
    await page.waitForURL('**/applicant');
    expect(fullApp(await scripts())).toHaveLength(1);
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    expect(problems).toEqual([]);
  });

  it('checks the precheck form before sending it, and answers 符合 for a platform that qualifies', async () => {
    await page.goto(`${server.url}/precheck`);
    const name = page.getByLabel('平台名称');
    await name.waitFor();
    expect(fullApp(await scripts())).toEqual([]);

    await page.getByRole('button', { name: /检查是否符合申报条件/ }).click();
    await expect.poll(focusedId).toBe('precheck_platformName');
    expect(await page.locator('#precheck_platformName_help').textContent()).toBe('须填写');
    expect(await page.locator('#precheck_serviceStaff_help').textContent()).toBe('须填写');
    expect(await page.getByTestId('precheck-verdict').count()).toBe(0);

    await name.fill('郑州中小企业综合服务平台');
    await page.getByLabel('运营单位名称').fill('郑州测试企业服务有限公司');
    await page.getByLabel('统一社会信用代码').fill(makeUscc('410100').toLowerCase());
    const registeredOn = page.getByLabel('注册登记时间');
    await registeredOn.fill('2015年2月30日');
    await page.getByLabel('上年末资产总额').fill('-1');
    await page.getByLabel('服务人员数量').fill('60.5');
    await page.getByLabel('集聚服务机构数量').fill('20');
    await page.getByLabel('优惠服务占比').fill('150');
    await page.getByLabel('年服务企业数').fill('800');
    await page.getByRole('button', { name: /检查是否符合申报条件/ }).click();
    await expect.poll(focusedId).toBe('precheck_registeredOn');
    expect(await page.locator('#precheck_registeredOn_help').textContent()).toBe('请按“2015年3月1日”的格式填写');
    expect(await page.locator('#precheck_totalAssetsWan_help').textContent()).toBe('不能小于0');
    expect(await page.locator('#precheck_serviceStaff_help').textContent()).toBe('须为整数');
    expect(await page.locator('#precheck_preferentialSharePercent_help').textContent()).toBe('不能大于100');
    expect(await page.getByLabel('统一社会信用代码').inputValue()).toMatch(/^[0-9A-Z]{18}$/);

    // A day typed with dashes reads back as the page writes days.
    await registeredOn.fill('2015-3-1');
    await registeredOn.blur();
    expect(await registeredOn.inputValue()).toBe('2015年3月1日');
    await page.getByLabel('上年末资产总额').fill('5000');
    await page.getByLabel('服务人员数量').fill('60');
    await page.getByLabel('优惠服务占比').fill('50');
    await page.getByText('信息服务', { exact: true }).click();
    await page.getByRole('button', { name: /检查是否符合申报条件/ }).click();
    const verdict = page.getByTestId('precheck-verdict');
    await expect.poll(() => verdict.textContent()).toContain('符合');
    expect(await verdict.textContent()).toContain('所填数据满足本批次全部申报条件');
    expect(await page.locator('[role=alert]').count()).toBe(0);

    await page.getByLabel('服务人员数量').fill('10');
    await expect.poll(() => verdict.textContent()).toContain('数据已修改，请重新检查。');
    await page.screenshot({ path: path.join(SHOTS, 'light-precheck-eligible.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the same login page inside the full app, and signs in there', async () => {
    await page.goto(`${server.url}/register`);
    await page.getByLabel('运营单位名称').waitFor();
    await page.locator('.top-bar').getByRole('link', { name: '登录', exact: true }).click();
    await page.waitForURL('**/login');
    await page.locator('#login_username').fill('luoyang');
    await page.locator('#login_password').fill(DEMO_PASSWORD);
    expect(fullApp(await scripts())).toHaveLength(1);
    await page.locator('#login button[type=submit]').click();
    await page.waitForURL('**/city');
    expect(problems).toEqual([]);
  });
});
