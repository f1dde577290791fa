import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');
let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('登录设备 in the built web app', () => {
  it(
    'lists the user’s sessions from the user menu, marks this one, and ends another',
    { timeout: 120_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'account-sessions-failure.png'), fullPage: true });
      });
      const elsewhere = await new TestClient(server.app).login('ly-keji');

      await page.goto(`${server.url}/login`);
      await page.locator('#login_username').fill('ly-keji');
      await page.locator('#login_password').fill(DEMO_PASSWORD);
      await page.locator('#login button[type=submit]').click();
      await page.waitForURL('**/applicant');

      await page.getByRole('button', { name: '用户菜单' }).click();
      await page.getByRole('menuitem', { name: '登录设备' }).click();
      await page.waitForURL('**/account/sessions');
      const rows = page.locator('.sessions-page tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(2);
      const current = rows.filter({ hasText: '当前设备' });
      await expect.poll(() => current.count()).toBe(1);
      expect(await current.innerText()).toMatch(/Chrome（无界面） \d+ · Linux/);
      expect(await current.innerText()).toContain('127.0.0.1');
      await page.screenshot({ path: path.join(SHOTS, 'account-sessions.png'), fullPage: true });

      const other = rows.filter({ hasNotText: '当前设备' });
      await other.getByRole('button', { name: /^结\s?束$/ }).click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await expect.poll(() => rows.count()).toBe(1);
      await expect.poll(() => page.getByText('已结束该设备的登录').count()).toBe(1);
      expect((await elsewhere.get('/api/v1/session')).json().user).toBeNull();
      expect(await page.getByRole('button', { name: '结束其他所有设备' }).isDisabled()).toBe(true);

      await current.getByRole('button', { name: /退出登录/ }).click();
      await page.waitForURL('**/login');
      expect(consoleProblems).toEqual([]);
    },
  );
});
