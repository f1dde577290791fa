import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { makeReadyForRecommendation } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Seeded as `npm start` seeds it (demo mode): 洛阳's demo application, submitted by ly-huizhi.
  server = await startTestServer({ env: { NODE_ENV: 'development' } });
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

async function logOut() {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.waitForURL('**/login');
}

/** The serious and critical axe-core findings on the page once it has settled (the new tags and notices included). */
async function axeFindings(): Promise<string[]> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-message-notice').count()).toBe(0);
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy refuses inline script tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: unknown[]; any: { message: string }[] }[] };
    const { axe } = window as unknown as {
      axe: { run: (d: Document, o: object) => Promise<{ violations: Violation[] }> };
    };
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.any[0]?.message ?? ''}`));
  });
}

/** Today in Beijing as the pages write a date: 2026年11月28日. */
const beijingToday = () => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}年${p.month}月${p.day}日`;
};

describe('省级受理', () => {
  it(
    'the province accepts 洛阳’s package from the board; the package page, the city and the applicant’s timeline show it',
    { timeout: 180_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'province-accept-failure.png'), fullPage: true });
      });

      // 洛阳 recommends the demo application and submits its package.
      const luoyang = await new TestClient(server.app).login('luoyang');
      const listed = await luoyang.get('/api/v1/applications?status=submitted');
      const [demo] = listed.json<{ items: { id: string; platformName: string }[] }>().items;
      expect(demo!.platformName).toBe('洛阳慧智中小企业公共服务平台');
      await makeReadyForRecommendation(luoyang, demo!.id);
      expect(
        (await luoyang.post(`/api/v1/applications/${demo!.id}/recommendation`, { channel: 'quota' })).statusCode,
      ).toBe(200);
      const submitted = await luoyang.post('/api/v1/city/package/submit');
      expect(submitted.statusCode, submitted.body).toBe(200);

      // The board: 洛阳 received, 待受理, with a 受理 button whose confirmation takes focus.
      await logIn('province', '/province');
      const row = page.locator('.board-table tr[data-row-key="410300"]');
      await expect.poll(() => row.innerText()).toContain('待受理');
      const acceptButton = page.getByTestId('accept-package-410300');
      await acceptButton.click();
      const confirm = page.locator('.ant-popconfirm');
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain('受理洛阳市推荐材料？');
      expect(await confirm.innerText()).toContain('受理第 1 次报送的推荐材料');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.replace(/\s/g, '')))
        .toBe('受理');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已受理洛阳市推荐材料');
      await expect.poll(() => row.getByTestId('accepted-tag').innerText()).toBe(`已受理 ${beijingToday()}`);
      expect(await row.getByTestId('accept-package-410300').count()).toBe(0);
      expect(await row.getByRole('button', { name: '退回' }).count()).toBe(0);
      expect(await page.locator('.board-totals').innerText()).toMatch(/已报送城市\s*1\s*\/\s*18/);
      expect(await page.locator('.board-totals').innerText()).toMatch(/已受理\s*1\s*\/\s*1/);
      expect(await page.locator('.tile[data-code="410300"]').getAttribute('aria-label')).toContain('已受理');
      await page.screenshot({ path: path.join(SHOTS, 'province-accept-board-1440.png'), fullPage: true });
      expect(await axeFindings()).toEqual([]);

      // The package page: accepted, dated; neither 受理 nor 退回 any more.
      await row.getByRole('button', { name: '查看' }).click();
      await page.waitForURL('**/province/packages/410300');
      const accepted = page.getByTestId('package-accepted');
      await accepted.waitFor();
      expect(await accepted.innerText()).toContain(`省厅已受理（${beijingToday()}）`);
      expect(await page.getByRole('button', { name: /退回/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^受理$/ }).count()).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, 'province-accept-package-1440.png'), fullPage: true });
      expect(await axeFindings()).toEqual([]);
      await logOut();

      // The city's own package page says so.
      await logIn('luoyang', '/city');
      await page.goto(`${server.url}/city/package`);
      await page.getByTestId('package-accepted').waitFor();
      expect(await page.getByTestId('package-accepted').innerText()).toContain(`省厅已受理（${beijingToday()}）`);
      expect(await page.getByTestId('package-submitted').innerText()).toContain(
        '省厅已受理，推荐材料不再修改或重新报送',
      );
      await page.screenshot({ path: path.join(SHOTS, 'province-accept-city-1440.png'), fullPage: true });
      await logOut();

      // The applicant's timeline: 省级受理 done, dated, with what follows.
      await logIn('ly-huizhi', '/applicant');
      const timeline = page.getByTestId('progress-timeline');
      await timeline.waitFor();
      const last = timeline.locator('.ant-steps-item').nth(4);
      expect(await last.locator('.ant-steps-item-title').innerText()).toBe('省级受理');
      expect(await last.getAttribute('class')).toContain('ant-steps-item-finish');
      expect(await last.innerText()).toContain(beijingToday());
      expect(await last.innerText()).toContain('专家评审');
      expect(await page.getByTestId('outcome-notice').innerText()).toContain(`省级已受理（${beijingToday()}`);
      await page.screenshot({ path: path.join(SHOTS, 'province-accept-timeline-1440.png'), fullPage: true });
      expect(consoleProblems).toEqual([]);
    },
  );
});
