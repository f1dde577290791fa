import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminBatchView } from '#contract';
import { makeReadyForRecommendation, submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const WIDTHS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
];
const REVIEW_TABS = ['checklist', 'application', 'siteCheck', 'interview', 'survey', 'recommend', 'versions'];

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

/**
 * How the page fits the window: its scroll width, and what is out of reach: elements sticking out on the
 * right outside any box that scrolls or clips sideways, and buttons hidden in such a box until it is scrolled.
 */
function fit(): Promise<{ scrollWidth: number; innerWidth: number; outside: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const inScrollingBox = (element: Element): boolean => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) return true;
      }
      return false;
    };
    const outside = [...document.body.querySelectorAll('*')]
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && rect.right > innerWidth + 0.5 && !inScrollingBox(element);
      })
      .slice(0, 8)
      .map((element) => {
        const rect = element.getBoundingClientRect();
        return `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${Math.round(rect.left)}–${Math.round(rect.right)}`;
      });
    /** Buttons a user has to scroll a box sideways to reach (a table's last column, say). */
    const hidden = [...document.body.querySelectorAll('button')]
      .filter((button) => {
        const rect = button.getBoundingClientRect();
        if (rect.width === 0) return false;
        let left = 0;
        let right = innerWidth;
        for (let parent = button.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) {
            const box = parent.getBoundingClientRect();
            left = Math.max(left, box.left);
            right = Math.min(right, box.right);
          }
        }
        return rect.left < left - 0.5 || rect.right > right + 0.5;
      })
      .slice(0, 8)
      .map((button) => `button “${button.textContent?.trim() ?? ''}”`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth, outside: [...outside, ...hidden] };
  });
}

/** Every spinner gone and transitions finished. */
async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count()).toBe(0);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** At each width: no sideways scrolling, nothing sticking out; a shot of the whole page. */
async function expectFits(name: string): Promise<void> {
  await settled();
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await settled();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `official-${size.width}-${name}.png`), fullPage: true });
    const { scrollWidth, innerWidth, outside } = await fit();
    expect.soft(scrollWidth, `${name} at ${size.width}: ${outside.join('; ')}`).toBeLessThanOrEqual(innerWidth);
    expect.soft(outside, `${name} at ${size.width}`).toEqual([]);
  }
  await page.setViewportSize(WIDTHS[0]!);
}

async function logIn(username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems } = await openBrowserPage());
  await page.setViewportSize(WIDTHS[0]!);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('officials’ pages at 1024 × 768 and 1280 × 800 do not scroll sideways', () => {
  it('the city’s list, every tab of a review, the city’s package', { timeout: 180_000 }, async () => {
    const reviewed = await submittedApplication(server.app, '410300');
    await makeReadyForRecommendation(await new TestClient(server.app).login('luoyang'), reviewed.id);

    await logIn('luoyang');
    await page.locator('.applications-table tbody tr.ant-table-row').first().waitFor();
    await expectFits('city-list');
    for (const tab of REVIEW_TABS) {
      await page.goto(`${server.url}/city/applications/${reviewed.id}?tab=${tab}`);
      await page.getByTestId('review-title').waitFor();
      await page.getByRole('tabpanel').waitFor();
      await expectFits(`review-${tab}`);
      if (tab === 'checklist') {
        // A file open beside the item it proves.
        await page
          .locator('.finding-row')
          .getByRole('button', { name: /查看材料|\.pdf/ })
          .first()
          .click();
        await page.locator('.evidence-viewer[data-file-id]').waitFor();
        await expectFits('review-checklist-viewer');
      }
    }
    await page.goto(`${server.url}/city/package`);
    await page.getByTestId('package-summary').waitFor();
    await expectFits('city-package');
    expect(problems).toEqual([]);
  });

  it('the province’s board, a package, all applications, and the audit log', { timeout: 120_000 }, async () => {
    await logIn('province');
    await page.locator('.tile').first().waitFor();
    await expectFits('province-board');
    await page.goto(`${server.url}/province/packages/410300`);
    await page.locator('h1').waitFor();
    await expectFits('province-package');
    await page.goto(`${server.url}/province/applications`);
    await page.locator('h1').waitFor();
    await expectFits('province-applications');
    await page.goto(`${server.url}/audit`);
    await page.locator('.ant-table-row').first().waitFor();
    await expectFits('audit');
    expect(problems).toEqual([]);
  });

  it('the accounts page', { timeout: 60_000 }, async () => {
    await logIn('sysadmin');
    await page.goto(`${server.url}/admin/accounts`);
    await page.locator('.ant-table-row').first().waitFor();
    await expectFits('accounts');
    expect(problems).toEqual([]);
  });

  it('the batches: the list, a batch in preparation, a published batch', { timeout: 90_000 }, async () => {
    const admin = await new TestClient(server.app).login('sysadmin');
    const copied = await admin.post('/api/v1/admin/batches', { fromBatchId: '2022', year: 2031 });
    expect(copied.statusCode, copied.body).toBe(201);
    const preparation = copied.json<AdminBatchView>();

    await logIn('sysadmin');
    await page.goto(`${server.url}/admin/batches`);
    await page.locator('.ant-table-row').first().waitFor();
    await expectFits('batches');
    for (const size of WIDTHS) {
      // The whole list in view: the table needs no sideways scrolling to reach a batch's 编辑 or 查看.
      await page.setViewportSize(size);
      const table = page.locator('.batch-admin-page .ant-table-content');
      const { scrollWidth, clientWidth } = await table.evaluate((e) => ({
        scrollWidth: e.scrollWidth,
        clientWidth: e.clientWidth,
      }));
      expect.soft(scrollWidth, `batches table at ${size.width}`).toBeLessThanOrEqual(clientWidth);
    }
    await page.getByRole('button', { name: '复制为新批次' }).click();
    await page.getByRole('dialog').waitFor();
    await expectFits('batches-copy');
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/admin/batches/${preparation.id}`);
    await page.getByRole('button', { name: '保存' }).waitFor();
    await expectFits('batch-preparation');
    await page.goto(`${server.url}/admin/batches/2022`);
    await page.getByRole('button', { name: '延长截止时间' }).click();
    await page.getByRole('dialog').waitFor();
    await expectFits('batch-extend');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '更正文字' }).click();
    await page.getByLabel(/更正说明/).waitFor();
    await expectFits('batch-published-correcting');
    expect(problems).toEqual([]);
  });
});
