import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { openBrowserPage } from './browser.js';
import { pickOption } from './page-helpers.js';
import { makeUscc, rosterRows, rosterWorkbook, tinyPdf, tinyPng } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const LUOYANG = '410300';
const PLATFORM_NAME = '洛阳中小企业综合服务平台';
const REQUIRED_EVIDENCE = ['business_license', 'assets_report', 'staff_list', 'fee_policy', 'application_report'];

let server: TestServer;
let browser: Browser;
let page: Page;
/** Errors and warnings the page logs; refused requests (4xx the flow provokes) are expected. */
let consoleProblems: string[] = [];

/** Full-page shots from the top, so the sticky bar and panel sit where a user sees them. */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const panel = () => page.locator('.eligibility-panel');
const rule = (code: string) => panel().locator(`li[data-code="${code}"]`);
const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('applicant flow in the built web app', () => {
  it(
    'registers, fills the application, sees a failing rule, fixes it, submits and gets the receipt',
    { timeout: 240_000 },
    async () => {
      const uscc = makeUscc(LUOYANG);
      const username = `e2e${Date.now()}`;

      // 注册
      await page.goto(`${server.url}/register`);
      await page.getByLabel('运营单位名称').fill('洛阳测试企业服务有限公司');
      await page.getByLabel('统一社会信用代码').fill(uscc);
      await pickOption(page, page.getByLabel('所在地区'), '洛阳市', '洛阳');
      await page.getByLabel('联系人').fill('李明');
      await page.getByLabel('联系电话').fill('13937100001');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill('Shenbao#2022');
      await page.getByLabel('确认密码').fill('Shenbao#2022');
      await shot('01-register');
      await page.locator('#register button[type=submit]').click();
      await page.waitForURL('**/applicant');
      await expect.poll(() => page.locator('.top-bar-user').textContent()).toContain('洛阳测试企业服务有限公司');
      await shot('02-applicant-empty');

      // 基本信息: serviceStaff 10 is below the minimum of 15
      await page.getByLabel('注册登记时间').click();
      await page.getByLabel('注册登记时间').fill('2015年3月1日');
      await page.getByLabel('注册登记时间').press('Enter');
      await page.getByLabel('法定代表人').fill('王建国');
      await page.getByLabel('注册地址').fill('河南省洛阳市洛龙区开元大道100号');
      await page.getByLabel('主要负责人姓名').fill('王建国');
      await page.getByLabel('主要负责人职务').fill('董事长');
      await page.locator('#basic_contactName').fill('李明');
      await page.locator('#basic_contactPhone').fill('0379-65501234');
      await page.getByLabel('平台名称').fill(PLATFORM_NAME);
      await page.getByRole('checkbox', { name: '信息服务' }).check();
      await page.getByRole('checkbox', { name: '融资服务' }).check();
      await page
        .getByLabel('服务内容与资源简介')
        .fill('为洛阳市中小企业提供政策咨询、融资对接、技术培训等一站式服务。');
      await page.getByLabel('上年末资产总额').fill('560');
      await page.getByLabel('服务人员数量').fill('10');
      await page.getByLabel('优惠服务占比').fill('35');
      await expect.poll(() => rule('STAFF_BELOW_MIN').getAttribute('data-state')).toBe('failed');
      await expect.poll(() => rule('STAFF_BELOW_MIN').textContent()).toContain('服务人员不少于15人');
      await expect.poll(() => page.getByTestId('autosave-status').textContent()).toContain('已自动保存');
      expect(await page.locator('.ant-form-item-has-error').filter({ hasText: '服务人员' }).count()).toBe(1);
      await shot('03-staff-below-minimum');

      // 集聚服务机构: five institutions, each with its agreement
      await tab('集聚服务机构').click();
      for (let i = 0; i < 5; i++) {
        await page.getByRole('button', { name: '添加机构' }).click();
        await page.getByLabel(`第${i + 1}家机构名称`).fill(`洛阳测试合作机构${i + 1}有限公司`);
        await page.getByLabel(`第${i + 1}家机构统一社会信用代码`).fill(makeUscc(LUOYANG));
        const row = page.locator('.institutions-table tbody tr.ant-table-row').nth(i);
        await row.locator('input[type=file]').setInputFiles({
          name: `合作协议${i + 1}.pdf`,
          mimeType: 'application/pdf',
          buffer: tinyPdf(`agreement ${i + 1}`),
        });
        await expect.poll(() => row.locator('.agreement-file').textContent()).toContain(`合作协议${i + 1}.pdf`);
      }
      await expect.poll(() => tab('集聚服务机构').textContent()).toContain('（5）');
      await expect.poll(() => page.getByTestId('institutions-autosave-status').textContent()).toContain('已自动保存');
      await expect.poll(() => rule('INSTITUTIONS_BELOW_MIN').getAttribute('data-state')).toBe('passed');
      await shot('04-institutions');

      // 服务企业名单: a roster with a bad row is refused with row-level errors, then a good one is imported
      await tab('服务企业名单').click();
      const roster = rosterRows(86, LUOYANG);
      const valid = makeUscc(LUOYANG);
      const wrongCheckCharacter = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const badRoster = roster.map((r, i) =>
        i === 4 ? { ...r, uscc: wrongCheckCharacter } : i === 9 ? { ...r, uscc: roster[2]!.uscc } : r,
      );
      const rosterInput = page.locator('.roster-card input[type=file]');
      await rosterInput.setInputFiles({
        name: '服务企业名单-有误.xlsx',
        mimeType: 'application/octet-stream',
        buffer: await rosterWorkbook(badRoster),
      });
      await expect.poll(() => page.locator('.row-errors tbody tr.ant-table-row').count()).toBe(2);
      await expect.poll(() => page.locator('.row-errors').textContent()).toContain('与第4行重复');
      await shot('05-roster-row-errors');
      await rosterInput.setInputFiles({
        name: '服务企业名单.xlsx',
        mimeType: 'application/octet-stream',
        buffer: await rosterWorkbook(roster),
      });
      await expect.poll(() => page.getByTestId('roster-count').textContent()).toContain('86 家');
      await expect.poll(() => page.locator('.roster-table tbody tr.ant-table-row').count()).toBe(10);
      expect(await page.locator('.roster-table tbody tr.ant-table-row').first().textContent()).toMatch(
        /139\*\*\*\*\d{4}/,
      );
      await expect.poll(() => page.locator('.roster-card .evidence-file-name').textContent()).toBe('服务企业名单.xlsx');
      await expect.poll(() => rule('ENTERPRISES_SERVED_BELOW_MIN').getAttribute('data-state')).toBe('passed');
      await shot('06-roster-imported');

      // 证明材料: one file for each required type
      await tab('证明材料').click();
      // Each type says what it takes, size included, and a bigger file is refused before it is sent
      const licence = page.locator('[data-evidence-type="business_license"]');
      expect(await licence.locator('.evidence-accepts').textContent()).toBe('格式：PDF、OFD、JPEG、PNG，不超过 10 MB');
      const evidencePosts: string[] = [];
      const recordPost = (r: Request) => {
        if (r.method() === 'POST' && r.url().includes('/evidence?')) evidencePosts.push(r.url());
      };
      page.on('request', recordPost);
      await licence.locator('input[type=file]').setInputFiles({
        name: '营业执照扫描.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.concat([tinyPdf('big'), Buffer.alloc(10 * 1024 * 1024)]),
      });
      await expect
        .poll(() => licence.locator('.evidence-error').textContent())
        .toBe('营业执照（副本）：文件“营业执照扫描.pdf”超过 10 MB 的大小限制');
      page.off('request', recordPost);
      expect(evidencePosts).toEqual([]);
      await licence.screenshot({ path: path.join(SHOTS, '07a-evidence-too-large.png') });
      for (const type of REQUIRED_EVIDENCE) {
        const card = page.locator(`[data-evidence-type="${type}"]`);
        const file =
          type === 'business_license'
            ? { name: '营业执照副本.png', mimeType: 'image/png', buffer: tinyPng() }
            : { name: `${type}-材料.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(type) };
        await card.locator('input[type=file]').setInputFiles(file);
        await expect.poll(() => card.locator('.evidence-file-name').textContent()).toBe(file.name);
      }
      await expect
        .poll(() => page.locator('[data-evidence-type="business_license"] .digest').first().textContent(), {
          timeout: 10_000,
        })
        .toMatch(/SHA-256 [0-9a-f]{8}…[0-9a-f]{8}/);
      await shot('07-evidence');

      // Submitting while ineligible is refused with the failing rule listed
      await tab('提交').click();
      await page.getByRole('checkbox', { name: /本单位承诺/ }).check();
      await page.getByRole('button', { name: /提交申报/ }).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('submit-refusal').textContent()).toContain('服务人员不少于15人');
      expect(await page.getByTestId('submit-refusal').locator('[data-code="STAFF_BELOW_MIN"]').count()).toBe(1);
      await page.locator('.ant-popconfirm').waitFor({ state: 'hidden' });
      await shot('08-submit-refused');

      // Fix the staff figure: the rule passes and nothing else is missing
      await tab('基本信息').click();
      await page.getByLabel('服务人员数量').fill('18');
      await expect.poll(() => rule('STAFF_BELOW_MIN').getAttribute('data-state')).toBe('passed');
      await expect.poll(() => panel().textContent()).toContain('符合申报条件，材料齐全，可以提交');
      await shot('09-eligible');

      // Submit and see the receipt
      await tab('提交').click();
      await page.getByRole('button', { name: /提交申报/ }).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.waitForURL('**/receipt/**');
      await expect.poll(() => page.getByTestId('receipt-no').textContent()).toMatch(/^SB\d{14}/);
      const receipt = page.locator('.receipt-document');
      expect(await receipt.textContent()).toContain(PLATFORM_NAME);
      expect(await receipt.textContent()).toContain(uscc);
      expect(await receipt.locator('.receipt-files tbody tr.ant-table-row').count()).toBe(
        REQUIRED_EVIDENCE.length + 5 + 1,
      );
      await shot('10-receipt');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.top-bar').isVisible()).toBe(false);
      await shot('11-receipt-print');
      await page.emulateMedia({ media: 'screen' });

      // Back in the application: read-only with the notice
      await page.goto(`${server.url}/applicant`);
      await expect
        .poll(() => page.locator('.status-notice').textContent())
        .toContain('已提交，待市级主管部门审核；退回前不能修改');
      expect(await page.getByLabel('平台名称').isDisabled()).toBe(true);
      await shot('12-applicant-submitted');

      // The city of Luoyang sees it in its list, with the phone masked, and opens it read-only
      await page.getByRole('button', { name: /退出登录/ }).click();
      await page.waitForURL('**/login');
      await page.locator('.demo-accounts tr').filter({ hasText: 'luoyang' }).getByRole('button').click();
      await page.locator('#login button[type=submit]').click();
      await page.waitForURL('**/city');
      const listed = page.locator('.applications-table tbody tr.ant-table-row').filter({ hasText: PLATFORM_NAME });
      await expect.poll(() => listed.textContent()).toMatch(/139\*\*\*\*0001/);
      await expect.poll(() => page.locator('.applications-table .ant-spin-blur').count()).toBe(0);
      await shot('13-city-list');
      await listed.getByRole('button', { name: PLATFORM_NAME }).click();
      await page.waitForURL('**/city/applications/**');
      await page.getByRole('tab', { name: /^申报材料/ }).click();
      await expect.poll(() => page.locator('.application-detail').textContent()).toContain('洛阳测试合作机构5有限公司');
      await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
      await shot('14-city-detail');
      expect(consoleProblems).toEqual([]);
    },
  );
});
