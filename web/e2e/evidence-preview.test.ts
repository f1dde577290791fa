import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '#contract';
import { fillCompletely, registerUnit } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import type { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { previewDocx, previewOfd, previewXlsx } from '../../server/test-support/preview-fixtures.js';
import { openBrowserPage } from './browser.js';
import { zipWith } from '../../server/test-support/fixtures.js';
import { tinyPdf } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** registerUnit's password. */
const APPLICANT_PASSWORD = 'Passw0rd!';

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];
let applicant: { client: TestClient; id: string; username: string };

const card = (type: string) => page.locator(`[data-evidence-type="${type}"]`);
const dialog = () => page.locator('.evidence-preview-modal');

async function logIn(username: string, password: string): Promise<void> {
  const logout = page.getByRole('button', { name: /退出登录/ });
  if (await logout.isVisible().catch(() => false)) {
    await logout.click();
    await page.waitForURL('**/login');
  }
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function upload(type: string, name: string, buffer: Buffer): Promise<void> {
  await card(type).locator('input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  await expect.poll(() => card(type).locator('.evidence-file-name').allTextContents()).toContain(name);
}

/** axe-core's serious and critical findings inside the open preview dialog, as `rule: element`. */
async function dialogFindings(): Promise<string[]> {
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy refuses inline script tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Element, options: object) => Promise<Result> } }).axe;
    const { violations } = await axe.run(document.querySelector('.evidence-preview-modal')!, {
      resultTypes: ['violations'],
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/** Opens a file's preview dialog and waits until it shows `text`; a screenshot at each width given. */
async function preview(name: string, text: string, shot: string, widths: number[]): Promise<void> {
  await page.getByRole('button', { name: `预览 ${name}` }).click();
  await expect.poll(() => dialog().textContent(), { timeout: 15_000 }).toContain(text);
  expect(await dialogFindings()).toEqual([]);
  for (const width of widths) {
    await page.setViewportSize({ width, height: width > 1000 ? 768 : 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `${shot}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await dialog().locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect.poll(() => dialog().isVisible()).toBe(false);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 768 });
  applicant = await registerUnit(server.app, 882_001);
  await fillCompletely(applicant.client, applicant.id);
  const named = await applicant.client.patch(`/api/v1/applications/${applicant.id}`, { platformName: '预览测试平台' });
  expect(named.statusCode).toBe(200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('in-page preview of Word, Excel and OFD evidence', () => {
  it(
    'the applicant uploads a .docx, an .xlsx and an .ofd and reads each in the page',
    { timeout: 120_000 },
    async () => {
      await logIn(applicant.username, APPLICANT_PASSWORD);
      await page.getByRole('tab', { name: /^证明材料/ }).click();
      await upload('application_report', '平台申请报告.docx', await previewDocx());
      await upload('fee_policy', '收费台账.xlsx', await previewXlsx());
      await upload('business_license', '营业执照.ofd', await previewOfd());

      await preview('平台申请报告.docx', '洛阳中小企业服务平台', 'preview-docx', [1366, 390]);
      await preview('收费台账.xlsx', '2022年12月1日', 'preview-xlsx', [1366, 390]);
      await page.getByRole('button', { name: '预览 收费台账.xlsx' }).click();
      await dialog().getByRole('tab', { name: '明细' }).click();
      await expect.poll(() => dialog().textContent()).toContain('仅显示前 500 行，仅显示前 50 列（A–AX）');
      expect(await dialog().getByRole('table', { name: '工作表“明细”' }).locator('tbody tr').count()).toBe(500);
      await dialog().locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

      await page.getByRole('button', { name: '预览 营业执照.ofd' }).click();
      const firstPage = dialog().getByRole('img', { name: '第 1 页（共 2 页）' });
      await firstPage.waitFor();
      expect(await firstPage.locator('text').allTextContents()).toEqual(['[图片]', '营业执照', '统一社会信用代码']);
      expect(await dialog().textContent()).toContain('预览仅显示文字和线条，以原件为准');
      await dialog().locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await preview('营业执照.ofd', '第二页', 'preview-ofd', [1366, 390]);

      // A damaged file: the server's reason, in words, and the download instead.
      await upload('other', '损坏.docx', await zipWith({ 'word/document.xml': '<w:document><w:body>' }));
      await page.getByRole('button', { name: '预览 损坏.docx' }).click();
      await expect
        .poll(() => dialog().getByRole('alert').textContent())
        .toContain('无法预览“损坏.docx”：文件内容损坏或过大（“word/document.xml”不是有效的 XML 或无法解压）');
      expect(await dialog().getByRole('link', { name: /下载/ }).count()).toBeGreaterThan(0);
      await dialog().locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      expect(consoleProblems).toEqual([]);
    },
  );

  it(
    'after a delete by keyboard, focus goes to the next file’s delete button, then to 上传',
    { timeout: 60_000 },
    async () => {
      await upload('other', '说明一.pdf', tinyPdf('one'));
      await upload('other', '说明二.pdf', tinyPdf('two'));
      const remove = async (name: string) => {
        await card('other')
          .getByRole('button', { name: `删除 ${name}` })
          .focus();
        await page.keyboard.press('Enter');
        await page.locator('.ant-popconfirm:visible').waitFor();
        await page.keyboard.press('Enter');
        await expect.poll(() => card('other').locator('.evidence-file-name').allTextContents()).not.toContain(name);
      };
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? null;
        });
      await remove('说明一.pdf');
      await expect.poll(focused).toBe('删除 说明二.pdf');
      await remove('说明二.pdf');
      // The last file gone: the one before it.
      await expect.poll(focused).toBe('删除 损坏.docx');
      await remove('损坏.docx');
      await expect.poll(focused).toBe('上传');
      expect(
        await page.evaluate(() =>
          document.activeElement?.closest('[data-evidence-type]')?.getAttribute('data-evidence-type'),
        ),
      ).toBe('other');
      expect(consoleProblems).toEqual([]);
    },
  );

  it('the city reads the OFD and the workbook beside the review items', { timeout: 60_000 }, async () => {
    const submitted = await applicant.client.post(`/api/v1/applications/${applicant.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const view = (await applicant.client.get(`/api/v1/applications/${applicant.id}`)).json<ApplicationView>();
    const fileOf = (name: string) => view.evidence.find((f) => f.originalName === name)!.id;
    await logIn('luoyang', DEMO_PASSWORD);
    await page.goto(`${server.url}/city/applications/${applicant.id}`);
    const open = async (name: string) => {
      const row = page.locator(`.finding-row[data-item-key="evidence:${fileOf(name)}"]`);
      await row.getByRole('button', { name: '查看材料' }).click();
      await expect.poll(() => page.locator('.evidence-viewer').getAttribute('data-file-id')).toBe(fileOf(name));
    };
    await open('营业执照.ofd');
    await page.locator('.evidence-viewer').getByRole('img', { name: '第 1 页（共 2 页）' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'preview-review-ofd-1366.png') });
    await open('收费台账.xlsx');
    await expect.poll(() => page.locator('.evidence-viewer').textContent()).toContain('1234.5');
    await page.screenshot({ path: path.join(SHOTS, 'preview-review-xlsx-1366.png') });
    await open('平台申请报告.docx');
    await expect.poll(() => page.locator('.evidence-viewer').textContent()).toContain('第一章 平台概况');
    await page.screenshot({ path: path.join(SHOTS, 'preview-review-docx-1366.png') });
    expect(consoleProblems).toEqual([]);
  });
});
