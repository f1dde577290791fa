import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { HolidayCalendar } from '#contract';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { openBrowserPage } from './browser.js';
import { axeFindings, logIn, shot } from './page-helpers.js';

/**
 * 节假日安排 in the built web app: the system administrator sees the seeded years (2022–2026), enters 2027's notice —
 * a date outside the year is refused by the server at its row — and the saved year is what the 公示 windows count on.
 */
let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ config: { loginRateLimitPerMinute: 10_000 } });
  ({ browser, page, problems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 800 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the holiday table in the browser', () => {
  it(
    'the system administrator enters a new year; a date outside it is refused at its row',
    { timeout: 120_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: 'test-artifacts/e2e/holidays-failure.png', fullPage: true });
      });
      await logIn(page, server.url, 'sysadmin');
      await page.getByRole('link', { name: '节假日安排' }).click();
      await page.waitForURL('**/admin/holidays');
      const rows = page.locator('.holidays-table .ant-table-row');
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
      expect(await rows.first().innerText()).toContain('2026');
      await shot(page, 'holidays-list-1366');
      expect(await axeFindings(page)).toEqual([]);

      await page.getByRole('button', { name: '录入新年度' }).click();
      const drawer = page.locator('.ant-drawer');
      expect(await drawer.getByRole('spinbutton', { name: '年度' }).inputValue()).toBe('2027');
      await drawer.getByLabel('依据（通知名称和文号）').fill('国务院办公厅关于2027年部分节假日安排的通知（测试）');
      await drawer.getByRole('button', { name: '添加放假日期' }).click();
      await drawer.getByLabel('放假日期第1行日期').fill('2025年1月1日');
      await drawer.getByLabel('放假日期第1行日期').press('Enter');
      await drawer.getByLabel('放假日期第1行节日').fill('元旦');
      await drawer.getByRole('button', { name: '添加调休上班日期' }).click();
      await drawer.getByLabel('调休上班日期（周末上班）第1行日期').fill('2027年1月30日');
      await drawer.getByLabel('调休上班日期（周末上班）第1行日期').press('Enter');
      await drawer.getByLabel('调休上班日期（周末上班）第1行节日').fill('春节');
      await drawer.getByRole('button', { name: '保存' }).click();
      await expect
        .poll(() => drawer.locator('.ant-form-item-explain-error').allInnerTexts())
        .toContain('放假日期（第1项）：2025-01-01不属于2027年的安排');
      await shot(page, 'holidays-refused-1366');
      expect(await axeFindings(page)).toEqual([]);

      await drawer.getByLabel('放假日期第1行日期').fill('2027年1月1日');
      await drawer.getByLabel('放假日期第1行日期').press('Enter');
      await drawer.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => rows.first().innerText()).toContain('2027');
      expect(await rows.first().innerText()).toContain('2027年1月30日');

      const calendar = await page.evaluate(
        async () => (await (await fetch('/api/v1/holidays')).json()) as HolidayCalendar,
      );
      expect(calendar.years.find((y) => y.year === 2027)).toMatchObject({
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        workdays: [{ date: '2027-01-30', name: '春节' }],
      });
      expect(problems).toEqual([]);
    },
  );
});
