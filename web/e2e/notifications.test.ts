import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { deliverNotifications } from '../../server/src/use-cases/deliver-notifications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { makeReadyForRecommendation, submittedApplication } from '../../server/test-support/applications.js';
import { TestClient } from '../../server/test-support/http.js';
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

describe('outcome, timeline and notifications in the built web app', () => {
  it(
    'shows a recommended applicant the bell’s count, the notifications and the timeline up to 已报送省厅',
    { timeout: 120_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'notifications-failure.png'), fullPage: true });
      });
      const { id, username } = await submittedApplication(server.app, '410900');
      const city = await new TestClient(server.app).login('puyang');
      await makeReadyForRecommendation(city, id);
      expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
      const submitted = await city.post('/api/v1/city/package/submit');
      expect(submitted.statusCode, submitted.body).toBe(200);
      // The job runs every few seconds; a round now (safe alongside it: each notification is written once).
      await deliverNotifications(server.app.ctx);

      await page.goto(`${server.url}/login`);
      await page.locator('#login_username').fill(username);
      await page.locator('#login_password').fill('Passw0rd!');
      await page.locator('#login button[type=submit]').click();
      await page.waitForURL('**/applicant');

      const bell = page.getByTestId('notification-bell');
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知（2 条未读）');
      expect(await page.locator('.notification-badge .ant-badge-count').innerText()).toBe('2');

      const timeline = page.getByTestId('progress-timeline');
      await timeline.waitFor();
      const steps = timeline.locator('.ant-steps-item');
      expect(await steps.count()).toBe(5);
      expect(await timeline.locator('.ant-steps-item-title').allInnerTexts()).toEqual([
        '提交申报',
        '市级审核',
        '市级推荐',
        '已报送省厅',
        '省级受理',
      ]);
      expect(await steps.nth(3).innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
      expect(await page.getByTestId('outcome-notice').innerText()).toContain('已报送省厅');
      expect(await page.locator('.page-heading [data-outcome]').innerText()).toBe('已报送省厅');
      await page.screenshot({ path: path.join(SHOTS, 'notifications-timeline-1366.png'), fullPage: true });

      await bell.click();
      const items = page.getByTestId('notification-item');
      await expect.poll(() => items.count()).toBe(2);
      expect(await items.first().innerText()).toContain('申报已报送省厅');
      expect(await items.nth(1).innerText()).toContain('申报已获市级推荐');
      await page.screenshot({ path: path.join(SHOTS, 'notifications-drawer-1366.png') });
      await page.getByRole('button', { name: '全部标为已读' }).click();
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知');
      await expect.poll(() => page.locator('.notification-item.unread').count()).toBe(0);
      await page.keyboard.press('Escape');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await timeline.waitFor();
      await page.screenshot({ path: path.join(SHOTS, 'notifications-timeline-390.png'), fullPage: true });
      await bell.click();
      await expect.poll(() => items.count()).toBe(2);
      // The drawer fits the phone's width once it has slid in.
      const drawer = page.locator('.notification-drawer');
      await expect.poll(async () => (await drawer.boundingBox())!.x).toBe(0);
      expect((await drawer.boundingBox())!.width).toBe(390);
      await page.screenshot({ path: path.join(SHOTS, 'notifications-drawer-390.png') });
      expect(consoleProblems).toEqual([]);
    },
  );
});
