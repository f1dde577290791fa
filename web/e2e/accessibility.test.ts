import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReadyForRecommendation, submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';
import { tinyPdf } from './fixtures.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  /** Each failing element, with axe-core's reason (for contrast: the colours and the ratio). */
  nodes: string[];
}

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

/** Tables and pages have finished loading: no spinner, no blurred table behind one, no running transition. */
async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton').count()).toBe(0);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** The serious and critical axe-core violations on the page as it is now. */
async function axeFindings(): Promise<Finding[]> {
  await settled();
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy refuses inline script tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { violations } = await (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[]; any: { message: string }[] }[];
            }[];
          }>;
        };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.any[0]?.message ?? ''}`),
      }));
  });
}

/** Checks one page: no serious or critical axe finding, exactly one h1. */
async function checkPage(name: string): Promise<void> {
  const findings = await axeFindings();
  for (const f of findings) console.log(`${name}: ${f.impact} ${f.id} (${f.help})\n  ${f.nodes.join('\n  ')}`);
  expect.soft(findings, name).toEqual([]);
  expect.soft(await page.locator('h1').count(), `${name}: h1`).toBe(1);
}

async function logIn(username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

beforeAll(async () => {
  server = await startTestServer();
  ({ browser, page, problems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('keyboard and assistive technology', { timeout: 300_000 }, () => {
  it('has no serious or critical axe-core finding and one h1 on every main page', async () => {
    const reviewed = await submittedApplication(server.app, '410300');
    const city = await new TestClient(server.app).login('luoyang');
    await makeReadyForRecommendation(city, reviewed.id);

    for (const path of ['/login', '/register', '/precheck', '/help', '/no-such-page']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('h1').first().waitFor();
      await checkPage(path);
    }

    await logIn('ly-keji');
    await page.waitForURL('**/applicant');
    for (const name of ['基本信息', '集聚服务机构', '服务企业名单', '证明材料', '提交']) {
      await tab(name).click();
      await expect.poll(() => tab(name).getAttribute('aria-selected')).toBe('true');
      await checkPage(`/applicant ${name}`);
    }

    await logIn(reviewed.username, 'Passw0rd!');
    await page.goto(`${server.url}/receipt/${reviewed.id}`);
    await page.locator('h1').waitFor();
    await checkPage('/receipt');

    await logIn('luoyang');
    await page.waitForURL('**/city');
    await page.locator('.applications-table tbody tr.ant-table-row').first().waitFor();
    await checkPage('/city');
    for (const tabKey of ['checklist', 'application', 'siteCheck', 'interview', 'survey', 'recommend', 'versions']) {
      await page.goto(`${server.url}/city/applications/${reviewed.id}?tab=${tabKey}`);
      await page.getByTestId('review-title').waitFor();
      await checkPage(`/city/applications ${tabKey}`);
    }
    const editButtons = page.locator('.survey-contacts').getByRole('button', { name: /^修改/ });
    await page.goto(`${server.url}/city/applications/${reviewed.id}?tab=survey`);
    await expect.poll(() => editButtons.count()).toBeGreaterThan(0);
    expect(await editButtons.first().getAttribute('aria-label')).toMatch(/^修改/);
    await page.goto(`${server.url}/city/package`);
    await page.getByTestId('package-summary').waitFor();
    await checkPage('/city/package');

    await logIn('province');
    await page.waitForURL('**/province');
    await page.locator('.tile').first().waitFor();
    await checkPage('/province');
    await page.goto(`${server.url}/province/packages/410300`);
    await page.locator('h1').waitFor();
    await checkPage('/province/packages');

    await logIn('sysadmin');
    await page.goto(`${server.url}/admin/accounts`);
    await page.locator('.ant-table-row').first().waitFor();
    await checkPage('/admin/accounts');
    await page.goto(`${server.url}/account/password`);
    await page.locator('h1').waitFor();
    await checkPage('/account/password');

    await logIn('auditadmin');
    await page.goto(`${server.url}/audit`);
    await page.locator('.ant-table-row').first().waitFor();
    await checkPage('/audit');
    expect(problems).toEqual([]);
  });

  it('keeps focus on the upload button after an evidence upload, and gives a confirmation its OK button', async () => {
    await logIn('ny-chuangye');
    await page.waitForURL('**/applicant');
    await tab('证明材料').click();
    const card = page.locator('.evidence-card').first();
    const upload = card.getByRole('button', { name: /上传/ });
    await settled();
    const chooser = page.waitForEvent('filechooser');
    await upload.press('Enter');
    await (await chooser).setFiles({ name: '说明材料.pdf', mimeType: 'application/pdf', buffer: tinyPdf('a11y') });
    await expect.poll(() => card.locator('.evidence-file-name').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/上传/);

    await card.getByRole('button', { name: /删除/ }).click();
    const ok = page.locator('.ant-popconfirm:visible .ant-btn-primary');
    await ok.waitFor();
    await expect.poll(() => ok.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
  });
});
