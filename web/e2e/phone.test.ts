import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCompletely, registerUnit, submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];

/**
 * The page's width and, when it is wider than the phone, the elements that stick out (outside any container
 * that scrolls or clips sideways), so a failure names the culprit.
 */
async function widthOfPage(viewport: number): Promise<{ scrollWidth: number; overflowing: string[] }> {
  return page.evaluate((viewport) => {
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= viewport) return { scrollWidth, overflowing: [] };
    const clipped = (element: Element): boolean => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) return true;
      }
      return false;
    };
    const overflowing = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > viewport + 0.5 && !clipped(element))
      .slice(0, 8)
      .map((element) => {
        const rect = element.getBoundingClientRect();
        return `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${Math.round(rect.left)}–${Math.round(rect.right)}`;
      });
    return { scrollWidth, overflowing };
  }, viewport);
}

/** Asserts the page does not scroll sideways and keeps a shot of it (of the whole page unless `fullPage` is false). */
async function expectFitsPhone(name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`), fullPage });
  const { scrollWidth, overflowing } = await widthOfPage(PHONE.width);
  expect(scrollWidth, `${name}: ${overflowing.join('; ')}`).toBeLessThanOrEqual(PHONE.width);
}

async function login(username: string, home = '/applicant', password = 'Passw0rd!'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL(`**${home}`);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize(PHONE);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the applicant’s pages on a phone (390 × 844) do not scroll sideways', () => {
  it('public pages: login, registration, precheck, help', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('.demo-accounts tbody tr').first().waitFor();
    await expectFitsPhone('login');

    await page.goto(`${server.url}/register`);
    await page.getByLabel('运营单位名称').waitFor();
    await expectFitsPhone('register');

    await page.goto(`${server.url}/precheck`);
    await page.locator('form').first().waitFor();
    await expectFitsPhone('precheck');

    await page.goto(`${server.url}/help`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectFitsPhone('help');
    expect(consoleProblems).toEqual([]);
  });

  it('every tab of a filled draft, the top bar menu and the notification drawer', { timeout: 120_000 }, async () => {
    const { client, id, username } = await registerUnit(server.app, 91_000 + Math.floor(Math.random() * 9_000));
    await fillCompletely(client, id);
    await login(username);

    await page.getByRole('tab', { name: /^基本信息/ }).waitFor();
    await expectFitsPhone('applicant-basic');
    const tabs: [string, RegExp][] = [
      ['institutions', /^集聚服务机构/],
      ['roster', /^服务企业名单/],
      ['evidence', /^证明材料/],
      ['submit', /^提交/],
    ];
    for (const [name, label] of tabs) {
      // Tabs that do not fit the phone's tab bar are under its 更多 button, as a user finds them.
      const tab = page.getByRole('tab', { name: label });
      const box = await tab.boundingBox();
      if (box && box.x + box.width <= PHONE.width) await tab.click();
      else {
        await page.locator('.workspace-tabs .ant-tabs-nav-more').click();
        await page.locator('.ant-tabs-dropdown-menu-item').filter({ hasText: label }).click();
      }
      await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toMatch(label);
      await page.getByRole('tabpanel').waitFor();
      await page.mouse.move(0, PHONE.height - 1);
      await page.locator('.ant-tabs-dropdown-menu').waitFor({ state: 'hidden' });
      await expectFitsPhone(`applicant-${name}`);
    }

    // The top bar keeps the bell and 退出登录 on the screen; the rest sits in the menu.
    for (const control of [page.getByTestId('notification-bell'), page.getByRole('button', { name: '退出登录' })]) {
      const box = (await control.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.getByRole('button', { name: '用户菜单' }).click();
    await page.getByRole('menuitem', { name: '修改密码' }).waitFor();
    await expectFitsPhone('top-bar-menu');
    await page.keyboard.press('Escape');

    await page.getByTestId('notification-bell').click();
    const drawer = page.locator('.notification-drawer');
    await expect.poll(async () => (await drawer.boundingBox())?.x).toBe(0);
    expect((await drawer.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
    await expectFitsPhone('notifications', false);
    expect(consoleProblems).toEqual([]);
  });

  it('the receipt of a submitted application', { timeout: 120_000 }, async () => {
    const { id, username } = await submittedApplication(server.app);
    await login(username);
    await page.goto(`${server.url}/receipt/${id}`);
    await expect.poll(() => page.getByTestId('receipt-no').textContent()).toMatch(/^SB\d{14}/);
    await expectFitsPhone('receipt');
    // Values read on one or two lines, not squeezed to a few characters a line.
    const narrowest = await page
      .locator('.receipt-document .ant-descriptions-item-content')
      .evaluateAll((cells) => Math.min(...cells.map((cell) => cell.getBoundingClientRect().width)));
    expect(narrowest).toBeGreaterThanOrEqual(150);
    // Each file's digests show once: under its name on the phone, in their own column on a wide screen.
    const files = await page.locator('.receipt-files tbody tr.ant-table-row').count();
    expect(await page.locator('.receipt-digests-inline:visible').count()).toBe(files);
    expect(await page.locator('.receipt-digests:visible').count()).toBe(files);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => page.locator('.receipt-digests-inline:visible').count()).toBe(0);
    expect(await page.locator('.receipt-digests:visible').count()).toBe(files);
    await page.setViewportSize(PHONE);
    expect(consoleProblems).toEqual([]);
  });
});

describe('the officials’ top bar at 1024 and 1280 px', () => {
  it('fits without overlap for a city and the province', { timeout: 60_000 }, async () => {
    for (const [username, home] of [
      ['luoyang', '/city'],
      ['province', '/province'],
    ]) {
      await login(username!, home, 'Shenbao@2022');
      for (const width of [1024, 1280]) {
        await page.setViewportSize({ width, height: 768 });
        await page.locator('.top-bar-nav a').first().waitFor();
        await page.screenshot({ path: path.join(SHOTS, `officials-${username}-${width}.png`) });
        const { scrollWidth, overflowing } = await widthOfPage(width);
        expect(scrollWidth, `${username} at ${width}: ${overflowing.join('; ')}`).toBeLessThanOrEqual(width);
        // The bar's parts sit side by side: each ends before the next begins.
        const parts = await page
          .locator('.top-bar > *')
          .evaluateAll((elements) =>
            elements.map((element) => element.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })),
          );
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.left).toBeGreaterThanOrEqual(parts[i - 1]!.right);
      }
      await page.setViewportSize(PHONE);
    }
    expect(consoleProblems).toEqual([]);
  });
});
