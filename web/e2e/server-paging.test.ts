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
const ACTION = 'test.paging';

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];
const requested: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/v1/')) requested.push(`${url.pathname}${url.search}`);
  });
  await page.setViewportSize({ width: 1366, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logIn(username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(DEMO_PASSWORD);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const lastRequest = (pathname: string) =>
  requested.filter((r) => r.startsWith(`${pathname}?`) || r === pathname).at(-1);

describe('the audit log pages on the server', () => {
  it(
    'asks for one page at a time, keeps page and filters in the address, and starts again at 1 on a new filter',
    { timeout: 120_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'audit-paging-failure.png'), fullPage: true });
      });
      const start = Date.parse('2026-11-20T12:00:00Z');
      for (let i = 0; i < 120; i++)
        await server.app.ctx.audit.record(
          {
            actorUserId: null,
            actorName: i % 2 === 0 ? 'alice' : 'bob',
            ip: '127.0.0.1',
            action: ACTION,
            targetType: 'application',
            targetId: `target-${i}`,
            detail: { i },
          },
          new Date(start + i * 60_000),
        );
      await logIn('province');
      const rows = page.locator('.audit-table tbody tr.ant-table-row');

      await page.goto(`${server.url}/audit?action=${ACTION}`);
      await expect.poll(() => rows.count()).toBe(50);
      expect(await page.getByTestId('audit-count').textContent()).toBe('120 条');
      expect(await page.locator('.audit-page .ant-pagination-total-text').textContent()).toBe('共 120 条记录');
      await expect.poll(() => rows.first().textContent()).toContain('target-119');

      await page.locator('.audit-page .ant-pagination-item-3').click();
      await page.waitForURL(/[?&]page=3/);
      await expect.poll(() => rows.count()).toBe(20);
      await expect.poll(() => rows.first().textContent()).toContain('target-19');
      expect(lastRequest('/api/v1/audit-log')).toContain('page=3');
      expect(lastRequest('/api/v1/audit-log')).toContain(`action=${ACTION}`);
      await page.screenshot({ path: path.join(SHOTS, 'audit-paging-page-3.png'), fullPage: true });

      await page.reload();
      await expect.poll(() => rows.count()).toBe(20);
      expect(await page.locator('.audit-page .ant-pagination-item-active').textContent()).toBe('3');

      await page.getByLabel('操作人').fill('alice');
      await page.getByLabel('操作人').press('Enter');
      await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBeNull();
      expect(new URL(page.url()).searchParams.get('actor')).toBe('alice');
      await expect.poll(() => page.getByTestId('audit-count').textContent()).toBe('60 条');
      await expect.poll(() => rows.count()).toBe(50);
      expect(lastRequest('/api/v1/audit-log')).toContain('actor=alice');
      expect(consoleProblems).toEqual([]);
    },
  );
});

describe('the officials’ list sorts on the server', () => {
  it('sends the column clicked and its direction, and keeps them in the address', { timeout: 180_000 }, async () => {
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(SHOTS, 'list-sort-failure.png'), fullPage: true });
    });
    for (const name of ['乙平台', '甲平台', '丙平台'])
      await submittedApplication(server.app, NANYANG, { platformName: name });
    await logIn('nanyang');
    await page.waitForURL('**/city');
    const names = () => page.locator('.applications-table tbody tr.ant-table-row .link-cell').allTextContents();
    await expect.poll(() => names().then((n) => n.length)).toBe(3);
    // Newest first by default.
    expect(await names()).toEqual(['丙平台', '甲平台', '乙平台']);
    expect(await page.getByTestId('status-counts').textContent()).toBe('已提交 3');

    await page.locator('.applications-table th').filter({ hasText: '平台名称' }).click();
    await page.waitForURL(/sort=platformName/);
    expect(new URL(page.url()).searchParams.get('order')).toBe('asc');
    await expect.poll(names).toEqual(['丙平台', '乙平台', '甲平台']);
    expect(lastRequest('/api/v1/applications')).toContain('sort=platformName');
    await page.locator('.applications-table th').filter({ hasText: '平台名称' }).click();
    await page.waitForURL(/order=desc/);
    await expect.poll(names).toEqual(['甲平台', '乙平台', '丙平台']);
    await page.screenshot({ path: path.join(SHOTS, 'list-sort-desc.png'), fullPage: true });

    await page.reload();
    await expect.poll(names).toEqual(['甲平台', '乙平台', '丙平台']);
    expect(consoleProblems).toEqual([]);
  });
});
