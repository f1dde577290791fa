import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems } = await openBrowserPage());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('申报指南', { timeout: 120_000 }, () => {
  it('shows anyone the notice as issued, whom to call, the conditions and a guide per role', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: '申报指南', exact: true }).click();
    await page.waitForURL('**/help');
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['申报指南']);
    const notice = page.getByTestId('notice-text');
    await expect.poll(() => notice.textContent()).toContain('谈话结果要写入推荐文件');
    expect(await notice.textContent()).toContain('关于组织申报2022年度省级中小企业公共服务示范平台的通知');
    expect(await page.getByTestId('notice-contacts').textContent()).toBe('朱志珉 0371-65507615；李振 0371-65507559');
    expect(await page.getByRole('link', { name: '0371-65507615' }).getAttribute('href')).toBe('tel:0371-65507615');
    expect(await page.locator('h2').allTextContents()).toEqual(['操作指引', '申报条件', '通知原文']);
    // The conditions come from the batch: its thresholds, not words in the code.
    expect(await page.getByText('集聚服务机构5家以上').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'help-1440.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, 'help-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('opens a signed-in city official on the city’s guide', async () => {
    await page.goto(`${server.url}/login`);
    await page.fill('#login_username', 'luoyang');
    await page.fill('#login_password', DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/city');
    await page.getByRole('link', { name: '申报指南与联系方式' }).click();
    await page.waitForURL('**/help');
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('市级主管部门');
    expect(await page.getByText('在“推荐材料报送”中完成公文设置').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
