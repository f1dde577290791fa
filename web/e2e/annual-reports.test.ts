import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { fixedClock } from '../../server/src/domain/clock.js';
import { rosterRows, rosterWorkbook } from '../../server/test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import {
  APPLICANT_PASSWORD,
  recognizedPlatforms,
  type RecognizedPlatform,
} from '../../server/test-support/recognition.js';
import { openBrowserPage } from './browser.js';
import { axeFindings, logIn, shot } from './page-helpers.js';

/**
 * The recognised platform's years in the built web app (issue 16): the unit files its 2027 report (at 1366 px and
 * 390 px), its city checks it, the province sees the flags (a platform that did not file, one below a threshold),
 * evaluates and orders 整改, which the unit answers. The server's clock is pinned: recognised in December 2026, the
 * 2027 reports are filed in January 2028 and due 2028-02-29.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];
let filer: RecognizedPlatform;
let silent: RecognizedPlatform;

beforeAll(async () => {
  server = await startTestServer({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  [filer, silent] = (await recognizedPlatforms(server.app, clock, [
    { cityUser: 'luoyang', regionCode: '410300', count: 2 },
  ])) as [RecognizedPlatform, RecognizedPlatform];
  ({ browser, page, problems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 800 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('yearly reports in the built web app', () => {
  it(
    'the unit files its report, the city checks it, the province evaluates and orders 整改',
    { timeout: 300_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: 'test-artifacts/e2e/annual-reports-failure.png', fullPage: true });
      });
      clock.set('2028-01-10T10:00:00+08:00');
      await logIn(page, server.url, filer.username, APPLICANT_PASSWORD);
      await expect.poll(() => page.locator('.annual-reports-notice').innerText()).toContain('有1份年度报告待报送');
      await page.getByRole('link', { name: '查看年度报告' }).click();
      await page.waitForURL('**/applicant/annual-reports');
      const card = page.locator('.annual-report-card');
      await expect.poll(() => card.innerText()).toContain('2027年度报告');
      expect(await card.innerText()).toContain('报送截止：2028年2月29日');

      // Submitting an incomplete report: the server names what is missing.
      await page.getByLabel('年末资产总额（万元）').fill('560');
      await page.getByRole('button', { name: '保存并提交' }).click();
      await expect.poll(() => page.getByTestId('refusal').innerText()).toContain('请填写服务人员（人）');

      await page.getByLabel('服务人员（人）').fill('22');
      await page.getByLabel('集聚服务机构（家）').fill('7');
      await page.getByLabel('优惠服务占比（%）').fill('35');
      // The roster: a workbook with a date outside 2027 is refused cell by cell; a good one sets 年服务企业数.
      const rosterInput = page.getByTestId('annual-roster').locator('input[type=file]');
      const workbook = async (servedOn: string) => ({
        name: '2027年服务企业名单.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await rosterWorkbook(
          rosterRows(50).map((r, i) => ({ ...r, servedOn: i === 7 ? servedOn : '2027-05-20' })),
        ),
      });
      await rosterInput.setInputFiles(await workbook('2026-12-31'));
      await expect.poll(() => page.locator('.row-errors').innerText()).toContain('2027年内');
      expect(await page.locator('.row-errors').innerText()).toContain('9'); // the header is row 1
      await rosterInput.setInputFiles(await workbook('2027-12-31'));
      await expect.poll(() => page.getByLabel('年服务企业数（家）').inputValue()).toBe('50');
      await expect.poll(() => page.getByLabel('年服务企业数（家）').isDisabled()).toBe(true);
      expect(await page.locator('.row-errors').count()).toBe(0);
      await expect
        .poll(() => page.getByTestId('annual-roster').innerText())
        .toContain('服务企业名单（50家，2027年服务企业名单.xlsx）');
      await page.getByLabel('服务满意度（%）').fill('92.5');
      await page.getByLabel('年度工作总结（自评）').fill('全年为50家中小企业提供融资对接和培训服务。');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已保存');
      await shot(page, 'annual-reports-applicant-draft-1366');
      expect(await axeFindings(page)).toEqual([]);

      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'annual-reports-applicant-draft-390');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await axeFindings(page)).toEqual([]);
      await page.setViewportSize({ width: 1366, height: 800 });

      await page.getByRole('button', { name: '保存并提交' }).click();
      await expect.poll(() => card.innerText()).toContain('已提交，待市级核查');
      expect(await card.innerText()).toContain('年服务企业数低于认定条件');

      // The city checks it.
      clock.set('2028-03-01T09:00:00+08:00');
      await logIn(page, server.url, 'luoyang');
      await page.goto(`${server.url}/city/annual-reports`);
      const rows = page.locator('.annual-reports-table .ant-table-row');
      await expect.poll(() => rows.count()).toBe(2);
      const filerRow = rows.filter({ hasText: filer.username });
      const silentRow = rows.filter({ hasText: silent.username });
      expect(await silentRow.innerText()).toContain('逾期未提交年度报告');
      await filerRow.getByRole('button', { name: '查看' }).click();
      const drawer = page.locator('.ant-drawer');
      const download = page.waitForEvent('download');
      await drawer.getByRole('link', { name: /服务企业名单（50家/ }).click();
      expect((await download).suggestedFilename()).toBe('2027年服务企业名单.xlsx');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-drawer-open, .ant-drawer-mask').count()).toBe(0);
      await filerRow.getByRole('button', { name: '核查' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: '有问题' }).nth(1).check();
      await dialog.getByRole('button', { name: '保存核查结果' }).click();
      await expect.poll(() => dialog.getByTestId('refusal').innerText()).toContain('有问题的核查项须写明情况');
      await dialog.getByLabel('核查情况').fill('收费标准未在官网公示');
      await dialog.getByRole('button', { name: '保存核查结果' }).click();
      await expect.poll(() => filerRow.innerText()).toContain('市级已核查');
      expect(await axeFindings(page)).toEqual([]);

      // The province evaluates and orders 整改.
      await logIn(page, server.url, 'province');
      await page.goto(`${server.url}/province/annual-reports`);
      await expect.poll(() => filerRow.innerText()).toContain('市级核查发现问题');
      await filerRow.getByRole('button', { name: '评价' }).click();
      await dialog.getByRole('radio', { name: '不合格' }).check();
      await dialog.getByLabel('评价意见').fill('服务企业数不足，收费未公示');
      await dialog.getByRole('button', { name: '保存评价' }).click();
      await expect.poll(() => filerRow.innerText()).toContain('省级评价不合格');
      await filerRow.getByRole('button', { name: '责令整改' }).click();
      await dialog.getByLabel('整改事由').fill('服务企业数不足，收费未公示');
      await dialog.getByLabel('整改期限').fill('2028年5月31日');
      // Enter takes the typed date and submits the form.
      await dialog.getByLabel('整改期限').press('Enter');
      await expect.poll(() => filerRow.innerText()).toContain('整改中');
      await shot(page, 'annual-reports-province-1366');
      expect(await axeFindings(page)).toEqual([]);

      // The unit answers the order.
      await logIn(page, server.url, filer.username, APPLICANT_PASSWORD);
      await expect.poll(() => page.locator('.annual-reports-notice').innerText()).toContain('省厅已责令整改');
      await page.goto(`${server.url}/applicant/annual-reports`);
      await page.getByLabel('整改情况').fill('已新增服务企业42家，收费标准已在官网公示。');
      await page.getByRole('button', { name: '报送整改情况' }).click();
      await expect.poll(() => page.getByRole('button', { name: '更新整改情况' }).count()).toBe(1);
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'annual-reports-applicant-rectification-390');
      expect(await axeFindings(page)).toEqual([]);
      await page.setViewportSize({ width: 1366, height: 800 });

      // The province revokes the platform that never filed; its certificate then verifies as revoked, the other's
      // as valid.
      await logIn(page, server.url, 'province');
      await page.goto(`${server.url}/province/annual-reports`);
      await silentRow.getByRole('button', { name: '撤销认定' }).click();
      await dialog.getByLabel('撤销理由').fill('未按期报送年度报告');
      await dialog.getByLabel('撤销公告').fill('经核查，该平台未按期报送2027年度报告，决定撤销其示范平台认定。');
      await dialog.getByRole('button', { name: '撤销认定' }).click();
      await expect.poll(() => silentRow.innerText()).toContain('已撤销');
      const keyOf = async (row: typeof silentRow) => {
        const [, year, seq] = /〔(\d{4})〕(\d{3})号/.exec(await row.innerText())!;
        return `${year}-${seq}`;
      };
      const silentKey = await keyOf(silentRow);
      const filerKey = await keyOf(filerRow);

      await page.getByRole('button', { name: /退出登录/ }).click();
      await page.waitForURL('**/login');
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(`${server.url}/verify/${silentKey}`);
        await expect.poll(() => page.locator('.verify-state').innerText()).toContain('查验结果：已撤销');
        expect(await page.locator('.verify-state').innerText()).toContain('未按期报送年度报告');
        await shot(page, `annual-reports-verify-revoked-${width}`);
        expect(await axeFindings(page)).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // The published notice, reached from the verification, leads back to it.
        await page.getByRole('link', { name: '查看撤销认定公告' }).click();
        await page.waitForURL('**/revocations');
        const notice = page.locator('.revocation-card');
        await expect.poll(() => notice.count()).toBe(1);
        expect(await notice.innerText()).toContain('经核查，该平台未按期报送2027年度报告，决定撤销其示范平台认定。');
        expect(await notice.innerText()).toContain('未按期报送年度报告');
        await shot(page, `annual-reports-revocations-${width}`);
        expect(await axeFindings(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
          0,
        );
        await notice.getByRole('link').click();
        await page.waitForURL(`**/verify/${silentKey}`);
      }
      await page.goto(`${server.url}/verify/${filerKey}`);
      await expect.poll(() => page.locator('.verify-state').innerText()).toContain('查验结果：有效');
      expect(await page.locator('.verify-card').first().innerText()).toContain('2027年1月1日至2029年12月31日');
      expect(await page.locator('.verify-key').innerText()).toContain('-----BEGIN PUBLIC KEY-----');
      await shot(page, 'annual-reports-verify-valid-390');
      await page.goto(`${server.url}/verify/2026-999`);
      await expect.poll(() => page.locator('.ant-alert').first().innerText()).toContain('查无此证书');
      expect(problems).toEqual([]);
    },
  );
});
