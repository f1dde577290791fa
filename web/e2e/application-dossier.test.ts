import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerUnit, submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems } = await openBrowserPage());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logIn(username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Clicks a download link and answers the saved file's name and first bytes. */
async function download(name: RegExp): Promise<{ fileName: string; head: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const saved = await file.path();
  return { fileName: file.suggestedFilename(), head: fs.readFileSync(saved).subarray(0, 4).toString('latin1') };
}

it(
  'offers the applicant its 申报书 before and after submission, and the city on the review page',
  { timeout: 120_000 },
  async () => {
    const draft = await registerUnit(server.app, 990_001, '410300');
    await logIn(draft.username, 'Passw0rd!');
    await page.getByRole('tab', { name: /^提交/ }).click();
    await expect.poll(() => page.locator('.dossier-buttons').textContent()).toContain('下载申报书（PDF）');
    await page.screenshot({ path: path.join(SHOTS, 'dossier-applicant-draft.png'), fullPage: true });
    const pdf = await download(/下载申报书（PDF）/);
    expect(pdf.head).toBe('%PDF');
    expect(pdf.fileName).toMatch(/^河南省中小企业公共服务示范平台申报书（.+）\.pdf$/);

    const submitted = await submittedApplication(server.app, '410300', { platformName: '申报书测试平台' });
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    await logIn(submitted.username, 'Passw0rd!');
    await page.getByRole('tab', { name: /^提交/ }).click();
    await expect.poll(() => page.locator('.dossier-buttons').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'dossier-applicant-submitted.png'), fullPage: true });
    const docx = await download(/下载申报书（Word）/);
    expect(docx.head).toBe('PK\u0003\u0004');
    expect(docx.fileName).toBe('河南省中小企业公共服务示范平台申报书（申报书测试平台）.docx');

    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/login');
    await logIn('luoyang', DEMO_PASSWORD);
    await page.goto(`${server.url}/city/applications/${submitted.id}`);
    await page.getByRole('tab', { name: /^申报材料/ }).click();
    const buttons = page.locator('.document-buttons[data-document="申报书"]');
    await expect.poll(() => buttons.textContent()).toContain('Word');
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await page.screenshot({ path: path.join(SHOTS, 'dossier-city-review.png') });
    expect((await download(/下载申报书 PDF/)).head).toBe('%PDF');
    expect(problems).toEqual([]);
  },
);
