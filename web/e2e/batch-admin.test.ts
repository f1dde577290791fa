import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { AdminBatchView } from '#contract';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';
import { pickOption } from './page-helpers.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];

const shot = (name: string, fullPage = false) =>
  page.screenshot({ path: path.join(SHOTS, `batches-${name}.png`), fullPage });
const dialog = (title: string) => page.locator('.ant-modal').filter({ hasText: title });
/** The error antd shows under the form field with this id. */
const fieldError = (id: string) => page.locator(`.ant-form-item:has(#${id}) .ant-form-item-explain-error`);

/** The serious and critical axe-core findings on the page as it is now, once spinners and animations are over. */
async function axeFindings(): Promise<string[]> {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy refuses inline script tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { violations } = await (
      window as unknown as {
        axe: {
          run: (
            context: Document,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe.run(document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Types a date and time into an antd picker and confirms it. */
async function pickInstant(id: string, value: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
  await page.keyboard.press('Escape');
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('batch administration in the built web app', () => {
  it(
    'the system administrator copies 2022 into 2023, raises 资产总额 to 300, is shown a deadline before the notice date at its field, fixes it, reloads after another administrator’s save, publishes, then extends a deadline and corrects wording',
    { timeout: 180_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'batches-failure.png'), fullPage: true });
      });

      await page.goto(`${server.url}/login`);
      await page.locator('#login_username').fill('sysadmin');
      await page.locator('#login_password').fill(DEMO_PASSWORD);
      await page.locator('#login button[type=submit]').click();
      await page.waitForURL('**/admin/accounts');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '申报批次' }).click();
      await page.waitForURL('**/admin/batches');
      const rows = page.locator('.batch-admin-page .ant-table-row');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.first().textContent()).toContain('已发布');
      expect(await rows.first().textContent()).toContain('2022年12月9日 23:59:59');
      expect(await axeFindings()).toEqual([]);
      await shot('01-list');

      await page.getByRole('button', { name: /复制为新批次/ }).click();
      const copy = dialog('复制为新批次');
      await copy.waitFor();
      await page.waitForTimeout(400);
      expect(await copy.getByLabel('新批次年度').inputValue()).toBe('2023');
      await copy.locator('.ant-btn-primary').click();
      await page.waitForURL('**/admin/batches/2023');
      await expect.poll(() => page.getByTestId('batch-status').textContent()).toBe('筹备中');
      expect(await page.locator('#batch_config_noticeDate').inputValue()).toBe('2023-11-22');

      await page.getByLabel('资产总额下限').fill('300');
      await pickInstant('batch_config_cityDeadline', '2023-11-19 23:59:59');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await expect.poll(() => fieldError('batch_config_cityDeadline').textContent()).toContain('不能早于通知日期');
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('市级报送截止时间');
      expect(await axeFindings()).toEqual([]);
      await shot('02-editor-error', true);

      await pickInstant('batch_config_cityDeadline', '2023-12-15 23:59:59');
      // 认定 and the years after: two years from the day of 认定, the yearly report due by 31 March.
      await pickOption(page, page.getByLabel('证书有效期起算'), '认定之日起');
      await page.getByLabel('证书有效期', { exact: true }).fill('2');
      await page.getByLabel('年度报告截止月份（次年）').fill('3');
      await pickOption(page, page.getByLabel('年度报告截止日'), '31日', '31');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await expect.poll(() => page.locator('.ant-message').textContent()).toContain('批次配置已保存');
      expect(await fieldError('batch_config_cityDeadline').count()).toBe(0);

      const admin = await new TestClient(server.app).login('sysadmin');
      const saved = (await admin.get('/api/v1/admin/batches/2023')).json<AdminBatchView>();
      expect(saved.config.rules.minAssetsWan).toBe(300);
      expect(saved.config.cityDeadline).toBe('2023-12-15T23:59:59+08:00');
      expect(saved.config.recognition).toEqual({
        validity: { start: 'recognition_date', years: 2 },
        annualReport: { month: 3, day: 31 },
      });
      expect(saved.status).toBe('preparation');

      // Another administrator saves meanwhile: this page's next save is refused until it reloads.
      const other = await admin.put('/api/v1/admin/batches/2023', {
        version: saved.version,
        label: saved.label,
        config: { ...saved.config, rules: { ...saved.config.rules, minServiceStaff: 20 } },
      });
      expect(other.statusCode, other.body).toBe(200);
      await page.getByLabel('资产总额下限').fill('310');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      const changed = page.getByRole('alert').filter({ hasText: '该批次已被他人修改，请刷新后重试' });
      await changed.waitFor();
      await changed.getByRole('button', { name: /刷\s*新/ }).click();
      await expect.poll(() => changed.count()).toBe(0);
      await expect.poll(() => page.getByLabel('服务人员下限').inputValue()).toBe('20');
      expect(await page.getByLabel('资产总额下限').inputValue()).toBe('300');

      await page.getByRole('button', { name: /^发\s*布$/ }).click();
      const confirm = page.locator('.ant-popconfirm').filter({ hasText: '发布该批次？' });
      await confirm.waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.replace(/\s/g, '')))
        .toBe('发布');
      await shot('03-publish-confirm');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('batch-status').textContent()).toBe('已发布');
      expect(await page.getByLabel('资产总额下限').isDisabled()).toBe(true);
      await expect.poll(() => page.getByRole('button', { name: /延长截止时间/ }).count()).toBe(1);
      await shot('04-published');

      // Published: the deadline moves later with a reason, and a wording correction needs its summary.
      await page.getByRole('button', { name: /延长截止时间/ }).click();
      const extend = dialog('延长截止时间');
      await extend.waitFor();
      await page.waitForTimeout(400);
      await pickInstant('extend-deadlines_cityDeadline', '2023-12-22 23:59:59');
      await extend.getByLabel('延期原因').fill('部分市申报材料较多，报送截止时间顺延一周');
      await extend.locator('.ant-btn-primary').click();
      const changes = page.locator('.batch-changes li');
      await expect.poll(() => changes.count()).toBe(1);
      expect(await changes.first().textContent()).toContain('延长截止时间');
      expect(await page.locator('#batch_config_cityDeadline').inputValue()).toBe('2023-12-22 23:59:59');

      await page.getByRole('button', { name: /更正文字/ }).click();
      expect(await page.getByLabel('资产总额下限').isDisabled()).toBe(true);
      await page.getByLabel('通知标题').fill('关于组织申报2023年度省级中小企业公共服务示范平台工作的通知');
      const correctButton = page.getByRole('button', { name: /保存更正/ });
      expect(await correctButton.isDisabled()).toBe(true);
      await page.getByLabel('更正说明（向该批次全部用户公示）').fill('通知标题补充“工作”二字');
      await correctButton.click();
      await expect.poll(() => changes.count()).toBe(2);
      expect(await page.getByLabel('通知标题').isDisabled()).toBe(true);
      expect(await axeFindings()).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('05-changes');

      await page.getByRole('link', { name: /全部批次/ }).click();
      await expect.poll(() => rows.count()).toBe(3);
      const row2023 = rows.filter({ hasText: '2023年度' });
      await expect.poll(() => row2023.textContent()).toContain('已发布');
      expect(await row2023.textContent()).toContain('2023年12月22日 23:59:59');
      expect(consoleProblems).toEqual([]);
    },
  );
});
