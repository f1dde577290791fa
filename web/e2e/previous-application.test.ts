import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];
let username = '';
let platformName = '';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The ids of serious and critical axe-core violations on the page as it is now, and its count of h1. */
async function accessibility(): Promise<{ violations: string[]; h1: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> };
    };
    return (await axe.run(document)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
  return { violations, h1: await page.locator('h1').count() };
}

/** The page's width as laid out: wider than the viewport means it scrolls sideways. */
const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  // A unit that submitted in 2022, then the province publishes an open 2023 batch.
  const unit = await submittedApplication(server.app);
  username = unit.username;
  platformName = `平台${username}`;
  const batches = await server.app.ctx.references.listBatches();
  const y2022 = batches.find((b) => b.isDemo)!;
  const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  await server.app.ctx.references.insertBatch(
    {
      id: '2023',
      year: 2023,
      isDemo: false,
      label: '2023年度省级中小企业公共服务示范平台申报',
      config: { ...y2022.config, applicationDeadline: later(60), cityDeadline: later(75) },
    },
    new Date(),
  );
  ({ browser, page, problems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('starting 2023 from the 2022 application in the browser', () => {
  it('chooses 以2022年度申报为基础, confirms a 2022 file and sees the 2023 draft', { timeout: 120_000 }, async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.url}/login`);
    await page.locator('#login_username').fill(username);
    await page.locator('#login_password').fill('Passw0rd!');
    await page.locator('#login button[type=submit]').click();
    await page.waitForURL('**/applicant');

    const copy = page.getByRole('button', { name: '以2022年度申报为基础' });
    await copy.waitFor();
    await expect.poll(() => page.getByRole('button', { name: '新建空白申报' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('earlier-applications').textContent()).toContain(platformName);
    await shot('previous-01-choice-1366');
    expect(await accessibility()).toEqual({ violations: [], h1: 1 });
    await page.setViewportSize(PHONE);
    await expect.poll(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await shot('previous-02-choice-390');
    await page.setViewportSize({ width: 1366, height: 900 });

    await copy.click();
    await expect.poll(() => page.getByLabel('平台名称').inputValue()).toBe(platformName);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expect.poll(() => page.locator('.page-subtitle').textContent()).toContain('2023年度');
    expect(await page.getByLabel('服务人员数量').inputValue()).toBe('');
    await expect.poll(() => page.getByRole('tab', { name: /^服务企业名单/ }).textContent()).toContain('（0）');

    await page.getByRole('tab', { name: /^证明材料/ }).click();
    const offered = page.getByTestId('previous-evidence');
    await expect.poll(() => offered.textContent()).toContain('business_license.pdf');
    const license = page.locator('#evidence-business_license');
    expect(await license.textContent()).not.toContain('business_license.pdf');
    await page.getByRole('button', { name: '沿用去年的文件：business_license.pdf' }).click();
    await expect.poll(() => license.textContent()).toContain('business_license.pdf');
    expect(await license.evaluate((card) => card.contains(document.activeElement))).toBe(true);
    await expect.poll(() => offered.textContent()).not.toContain('business_license.pdf');
    await expect.poll(() => page.getByRole('tab', { name: /^证明材料/ }).textContent()).toContain('（1）');
    await shot('previous-03-evidence-1366');
    expect(await accessibility()).toEqual({ violations: [], h1: 1 });

    await page.setViewportSize(PHONE);
    await expect.poll(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await shot('previous-04-evidence-390');
    expect(problems).toEqual([]);
  });
});
