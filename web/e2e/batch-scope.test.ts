import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const PUYANG = '410900';

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

async function logIn(username: string, landing: string) {
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(DEMO_PASSWORD);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL(`**${landing}`);
}

const listRows = () => page.locator('.applications-table tbody tr.ant-table-row');
const picker = () => page.getByRole('combobox', { name: '申报批次' });

async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur').count()).toBe(0);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

describe('officials pick the batch', () => {
  it(
    'shows the picker with two batches; switching shows the other batch’s list and board, and a reload keeps it',
    { timeout: 180_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'batch-scope-failure.png'), fullPage: true });
      });
      // The demo copy (open) and the official 2022 batch: one 濮阳 application in each.
      await submittedApplication(server.app, PUYANG, { platformName: '濮阳演示批次平台' });
      const earlier = await submittedApplication(server.app, PUYANG, { platformName: '濮阳正式批次平台' });
      const official = (await server.app.ctx.references.listBatches()).find((b) => !b.isDemo)!;
      await server.app.ctx.db
        .updateTable('applications')
        .set({ batch_id: official.id })
        .where('id', '=', earlier.id)
        .execute();

      await page.setViewportSize({ width: 1366, height: 768 });
      await logIn('puyang', '/city');
      await settled();
      await expect.poll(() => listRows().allInnerTexts()).toEqual([expect.stringContaining('濮阳演示批次平台')]);
      await expect.poll(() => picker().isVisible()).toBe(true);

      await picker().click();
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^2022年度$/ })
        .click();
      await page.waitForURL(`**/city?batch=${official.id}`);
      await settled();
      await expect.poll(() => listRows().allInnerTexts()).toEqual([expect.stringContaining('濮阳正式批次平台')]);
      await page.screenshot({ path: path.join(SHOTS, 'batch-scope-city-1366.png') });

      await page.reload();
      await settled();
      await expect.poll(() => listRows().allInnerTexts()).toEqual([expect.stringContaining('濮阳正式批次平台')]);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '推荐材料报送' }).click();
      await page.waitForURL(`**/city/package?batch=${official.id}`);
      await settled();
      await expect.poll(() => page.getByTestId('package-summary').innerText()).toContain('濮阳市推荐材料');

      await page.getByRole('button', { name: /退出登录/ }).click();
      await page.waitForURL('**/login');
      await logIn('province', '/province');
      await settled();
      const boardHeading = () => page.locator('.board-page .page-heading').innerText();
      await expect.poll(boardHeading).toContain('演示副本');
      await picker().click();
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^2022年度$/ })
        .click();
      await page.waitForURL(`**/province?batch=${official.id}`);
      await settled();
      await expect.poll(boardHeading).toContain(official.label);
      expect(await page.locator('.board-page .page-heading').innerText()).not.toContain('演示副本');
      await page.screenshot({ path: path.join(SHOTS, 'batch-scope-province-1366.png') });
      expect(consoleProblems).toEqual([]);
    },
  );
});
