import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const NANYANG = '411300';

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

const listRows = () => page.locator('.applications-table tbody tr.ant-table-row');

describe('the city’s list pages on the server', () => {
  it(
    'asks for one page at a time, keeps the page in the address, and starts again at 1 when a filter changes',
    { timeout: 180_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'list-paging-failure.png'), fullPage: true });
      });
      for (let i = 0; i < 23; i++) await submittedApplication(server.app, NANYANG);
      const requested: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/v1/applications') requested.push(new URL(r.url()).search);
      });
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${server.url}/login`);
      await page.locator('#login_username').fill('nanyang');
      await page.locator('#login_password').fill(DEMO_PASSWORD);
      await page.locator('#login button[type=submit]').click();
      await page.waitForURL('**/city');

      await expect.poll(() => listRows().count()).toBe(20);
      expect(await page.getByTestId('list-count').textContent()).toBe('23 份');
      expect(await page.locator('.ant-pagination-total-text').textContent()).toBe('共 23 份申报');
      await page.locator('.ant-pagination-item-2').click();
      await page.waitForURL(/[?&]page=2/);
      await expect.poll(() => listRows().count()).toBe(3);
      expect(requested.at(-1)).toContain('page=2');
      await page.screenshot({ path: path.join(SHOTS, 'list-paging-page-2.png'), fullPage: true });

      await page.reload();
      await expect.poll(() => listRows().count()).toBe(3);
      expect(await page.locator('.ant-pagination-item-active').textContent()).toBe('2');

      await page.getByLabel('状态筛选').click();
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^已提交$/ })
        .click();
      await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBeNull();
      await expect.poll(() => listRows().count()).toBe(20);
      expect(requested.at(-1)).not.toContain('page=');
      expect(consoleProblems).toEqual([]);
    },
  );
});
