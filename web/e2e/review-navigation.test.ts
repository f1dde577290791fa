import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ browser, page, problems } = await openBrowserPage());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('shows the new application when the id in the URL changes', { timeout: 120_000 }, async () => {
  const a = await submittedApplication(server.app, '410300', { platformName: '甲平台服务中心' });
  const b = await submittedApplication(server.app, '410300', { platformName: '乙平台服务中心' });
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill('luoyang');
  await page.locator('#login_password').fill(DEMO_PASSWORD);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${server.url}/city/applications/${a.id}?tab=interview`);
  await expect.poll(() => page.getByTestId('review-title').textContent()).toBe('甲平台服务中心');
  await page.locator('#interview_place').fill('甲的地点');
  await page.evaluate((id) => {
    history.pushState({}, '', `/city/applications/${id}?tab=interview`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, b.id);
  await expect.poll(() => page.getByTestId('review-title').textContent()).toBe('乙平台服务中心');
  expect(await page.locator('#interview_place').inputValue()).toBe('');
  await page.goBack();
  await expect.poll(() => page.getByTestId('review-title').textContent()).toBe('甲平台服务中心');
  expect(problems).toEqual([]);
});
