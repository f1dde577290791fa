import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeReadyForRecommendation,
  registerUnit,
  submittedApplication,
  uploadEvidenceFile,
} from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';
import { pickOption } from './page-helpers.js';
import { makeUscc, tinyPdf } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const LUOYANG = '410300';

let server: TestServer;
let browser: Browser;
let page: Page;
/** Errors and warnings the page logs; refused requests (4xx the tests provoke) are expected. */
let consoleProblems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
/** The form item around a field, with its error messages. */
const itemOf = (field: Locator) => page.locator('.ant-form-item').filter({ has: field });
const errorsOf = (field: Locator) => itemOf(field).locator('.ant-form-item-explain-error');

/** A fresh visitor on the login page: the session cookie is dropped. */
async function onLoginPageSignedOut(): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
}

async function signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A past or future instant typed into a date-and-time picker as Beijing wall time. */
function beijingDateTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

describe('the smaller things of issue 12, in the built web app', () => {
  it(
    'registration: one message a field, a summary linking to each; the contact carried into the application; numbers refused as typed, not rounded; 特定区域 not offered in a city without one',
    { timeout: 120_000 },
    async () => {
      await page.goto(`${server.url}/register`);
      await page.locator('#register button[type=submit]').click();
      const summary = page.getByTestId('register-error-summary');
      await expect.poll(() => summary.locator('.ant-alert-title').textContent()).toBe('有 8 项需要修改');
      const phone = page.locator('#register_contactPhone');
      await expect.poll(() => errorsOf(phone).count()).toBe(1);
      expect(await page.locator('#register .ant-form-item-explain-error').count()).toBe(8);
      await page.screenshot({ path: path.join(SHOTS, 'small-register-summary.png'), fullPage: true });

      await summary.getByText(/^联系电话：/).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('register_contactPhone');

      await page.getByLabel('运营单位名称').fill('洛阳联系人带入测试有限公司');
      await page.getByLabel('统一社会信用代码').fill(makeUscc(LUOYANG));
      await pickOption(page, page.getByLabel('所在地区'), '洛阳市', '洛阳');
      await page.getByLabel('联系人').fill('李明');
      await phone.fill('123');
      await page.getByLabel('用户名').fill(`small${Date.now()}`);
      await page.getByLabel('密码', { exact: true }).fill('Shenbao#2022');
      await page.getByLabel('确认密码').fill('Shenbao#2022');
      await expect.poll(() => summary.locator('li').count()).toBe(1);
      expect(await summary.locator('li').textContent()).toMatch(/^联系电话：/);
      await expect.poll(() => errorsOf(phone).count()).toBe(1);

      await phone.fill('0379-65501234');
      await expect.poll(() => summary.count()).toBe(0);
      await page.locator('#register button[type=submit]').click();
      await page.waitForURL('**/applicant');

      // The contact person of the registration is the application's
      await expect.poll(() => page.locator('#basic_contactName').inputValue()).toBe('李明');
      expect(await page.locator('#basic_contactPhone').inputValue()).toBe('0379-65501234');

      // Numbers stay as typed and are refused with the reason
      const staff = page.getByLabel('服务人员数量');
      const share = page.getByLabel('优惠服务占比');
      const assets = page.getByLabel('上年末资产总额');
      await staff.fill('25.7');
      await share.fill('150');
      await assets.fill('-5');
      await page.getByLabel('法定代表人').click();
      await expect.poll(() => errorsOf(staff).textContent()).toContain('须为整数');
      await expect.poll(() => errorsOf(share).textContent()).toContain('不能超过100');
      await expect.poll(() => errorsOf(assets).textContent()).toContain('不能为负数');
      expect(await staff.inputValue()).toBe('25.7');
      expect(await share.inputValue()).toBe('150');
      expect(await assets.inputValue()).toBe('-5');

      // 洛阳 has no 特定区域: the channel cannot be chosen
      const area = page.getByRole('radio', { name: /特定区域/ });
      expect(await area.isDisabled()).toBe(true);
      expect(await itemOf(area).textContent()).toContain('特定区域（所在市无特定区域）');
      await page.screenshot({ path: path.join(SHOTS, 'small-numbers-refused.png'), fullPage: true });
      expect(consoleProblems).toEqual([]);
    },
  );

  it('login returns to the page asked for, and only to a page of this site', { timeout: 60_000 }, async () => {
    const { id } = await submittedApplication(server.app, LUOYANG);
    await onLoginPageSignedOut();
    await page.goto(`${server.url}/city/applications/${id}?tab=checklist`);
    await page.waitForURL('**/login');
    await signIn('luoyang');
    expect(new URL(page.url()).pathname).toBe(`/city/applications/${id}`);
    expect(new URL(page.url()).searchParams.get('tab')).toBe('checklist');

    // A `from` of another origin, as a crafted history entry would carry it, is not followed
    await onLoginPageSignedOut();
    await page.evaluate(() =>
      window.history.replaceState({ usr: { from: '//evil.example/city' }, key: 'crafted', idx: 0 }, '', '/login'),
    );
    await page.reload();
    await signIn('luoyang');
    expect(page.url()).toBe(`${server.url}/city`);
    expect(consoleProblems).toEqual([]);
  });

  it(
    'the city: a 存疑 remark goes when the verdict becomes 符合; no channel without room; a survey size below the minimum is refused',
    { timeout: 120_000 },
    async () => {
      const luoyang = await new TestClient(server.app).login('luoyang');
      for (let i = 0; i < 3; i++) {
        const { id } = await submittedApplication(server.app, LUOYANG);
        await makeReadyForRecommendation(luoyang, id);
        expect((await luoyang.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(
          200,
        );
      }
      const fourth = await submittedApplication(server.app, LUOYANG, { channel: 'quota' });
      await makeReadyForRecommendation(luoyang, fourth.id);
      const fifth = await submittedApplication(server.app, LUOYANG);

      await onLoginPageSignedOut();
      await signIn('luoyang');

      // 存疑 with its reasons, then 符合: the reasons go, on screen and on the server
      await page.goto(`${server.url}/city/applications/${fifth.id}`);
      await tab('逐项审核').click();
      const assets = page.locator('.finding-row[data-item-key="rule:ASSETS_BELOW_MIN"]');
      await assets.getByLabel(/审核意见/).fill('审计报告与填报的资产总额不一致，请核实。');
      await assets.getByText('存疑', { exact: true }).click();
      await expect.poll(() => assets.getAttribute('data-verdict')).toBe('doubt');
      expect(await assets.getByLabel(/审核意见/).inputValue()).toBe('审计报告与填报的资产总额不一致，请核实。');
      await assets.getByText('符合', { exact: true }).click();
      await expect.poll(() => assets.getAttribute('data-verdict')).toBe('pass');
      await expect.poll(() => assets.getByLabel(/审核意见/).inputValue()).toBe('');
      await page.reload();
      await tab('逐项审核').click();
      await expect.poll(() => assets.getAttribute('data-verdict')).toBe('pass');
      expect(await assets.getByLabel(/审核意见/).inputValue()).toBe('');

      // A remark typed for the new verdict is kept
      const staff = page.locator('.finding-row[data-item-key="rule:STAFF_BELOW_MIN"]');
      await staff.getByText('存疑', { exact: true }).click();
      await expect.poll(() => staff.getAttribute('data-verdict')).toBe('doubt');
      await staff.getByLabel(/审核意见/).fill('已电话核实，人员名单属实。');
      await staff.getByText('符合', { exact: true }).click();
      await expect.poll(() => staff.getAttribute('data-verdict')).toBe('pass');
      expect(await staff.getByLabel(/审核意见/).inputValue()).toBe('已电话核实，人员名单属实。');

      // 抽取家数 below the minimum of 10: refused as typed
      await tab('测评').click();
      const size = page.getByLabel('抽取家数');
      await size.fill('9');
      await page.getByRole('checkbox', { name: '电话询问' }).check();
      await expect.poll(() => errorsOf(size).textContent()).toBe('不少于 10 家');
      expect(await size.inputValue()).toBe('9');
      await size.fill('10.5');
      await expect.poll(() => errorsOf(size).textContent()).toBe('须为整数');
      await size.fill('10');
      await expect.poll(() => errorsOf(size).count()).toBe(0);

      // The quota is used up and 洛阳 has no 特定区域: only the laboratory channel is open, and nothing is chosen —
      // even when the package (with its quota) arrives after the form was drawn
      const slowPackage = async (route: Route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      };
      await page.route('**/api/v1/city/package', slowPackage);
      await page.goto(`${server.url}/city/applications/${fourth.id}?tab=recommend`);
      const quota = page.getByRole('radio', { name: /市推荐名额/ });
      await expect.poll(() => quota.count()).toBe(1);
      await expect.poll(() => itemOf(quota).textContent()).toContain('市推荐名额（剩余 0 个）');
      await page.unroute('**/api/v1/city/package', slowPackage);
      expect(await quota.isDisabled()).toBe(true);
      expect(await quota.isChecked()).toBe(false);
      expect(await page.getByRole('radio', { name: /特定区域/ }).isDisabled()).toBe(true);
      expect(await page.getByRole('radio', { name: /工信部认定实验室/ }).isDisabled()).toBe(false);
      await page.getByRole('button', { name: /推荐该平台/ }).click();
      await expect.poll(() => errorsOf(quota).textContent()).toBe('请选择推荐渠道');
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SHOTS, 'small-recommend-no-room.png'), fullPage: true });
      expect(consoleProblems).toEqual([]);
    },
  );

  it('the province’s exception dialog shows the server’s refusal on the end time', { timeout: 60_000 }, async () => {
    await onLoginPageSignedOut();
    await signIn('province');
    await page
      .locator('.board-table tr')
      .filter({ hasText: '洛阳市' })
      .getByRole('button', { name: /特批延期/ })
      .click();
    await page.getByLabel('延期理由').fill('测试：截止时间早于当前时间。');
    const endsAt = page.getByLabel('延至（北京时间）');
    await endsAt.click();
    await endsAt.fill(beijingDateTime(new Date(Date.now() - 2 * 3_600_000)));
    await endsAt.press('Enter');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => errorsOf(endsAt).textContent()).toContain('须晚于当前时间');
    expect(await page.locator('.ant-modal:visible').count()).toBe(1);
    expect(await page.locator('.ant-modal:visible [data-testid="refusal"]').count()).toBe(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'small-exception-refused.png') });
    expect(consoleProblems).toEqual([]);
  });
  it('the version diff lists evidence file by file: changed, removed, added', { timeout: 60_000 }, async () => {
    const { client, id } = await submittedApplication(server.app, LUOYANG, {}, ['other']);
    const luoyang = await new TestClient(server.app).login('luoyang');
    expect(
      (await luoyang.post(`/api/v1/applications/${id}/return`, { summary: '请更换营业执照', remarks: [] })).statusCode,
    ).toBe(200);
    const evidence = (await client.get('/api/v1/my/application')).json<{
      evidence: { id: string; evidenceType: string; originalName: string }[];
    }>().evidence;
    for (const type of ['business_license', 'other']) {
      const file = evidence.find((e) => e.evidenceType === type)!;
      expect((await client.delete(`/api/v1/applications/${id}/evidence/${file.id}`)).statusCode).toBe(200);
    }
    const license = evidence.find((e) => e.evidenceType === 'business_license')!.originalName;
    expect(
      (await uploadEvidenceFile(client, id, 'business_license', license, tinyPdf('license 2022'))).statusCode,
    ).toBe(201);
    expect(
      (await uploadEvidenceFile(client, id, 'fee_policy', '收费标准补充说明.pdf', tinyPdf('fee'))).statusCode,
    ).toBe(201);
    expect((await client.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(200);

    await onLoginPageSignedOut();
    await signIn('luoyang');
    await page.goto(`${server.url}/city/applications/${id}?tab=versions`);
    const rows = page.getByTestId('changes').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    const row = (label: string) => rows.filter({ hasText: label });
    expect(await row('营业执照（副本）').locator('.ant-tag').textContent()).toBe('修改');
    expect(await row('其他证明材料').locator('.ant-tag').textContent()).toBe('删除');
    expect(await row('收费标准及优惠服务台账').locator('.ant-tag').textContent()).toBe('新增');
    expect(await row('收费标准及优惠服务台账').textContent()).toContain('收费标准补充说明.pdf');
    expect(await row('其他证明材料').locator('del').count()).toBe(1);
    expect(await row('收费标准及优惠服务台账').locator('del').count()).toBe(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'small-version-diff.png'), fullPage: true });
    expect(consoleProblems).toEqual([]);
  });

  it('warns when the same file is uploaded under two evidence types', { timeout: 60_000 }, async () => {
    const { username } = await registerUnit(server.app, 930_001, LUOYANG);
    await onLoginPageSignedOut();
    await signIn(username, 'Passw0rd!');
    await tab('证明材料').click();
    const scan = { name: '营业执照.pdf', mimeType: 'application/pdf', buffer: tinyPdf('licence scan') };
    const card = (type: string) => page.locator(`.evidence-card[data-evidence-type="${type}"]`);
    await card('business_license').locator('input[type=file]').setInputFiles(scan);
    await expect.poll(() => card('business_license').locator('.evidence-file').count()).toBe(1);
    expect(await page.getByTestId('evidence-duplicate').count()).toBe(0);
    await card('fee_policy')
      .locator('input[type=file]')
      .setInputFiles({ ...scan, name: '收费标准.pdf' });
    await expect
      .poll(() => card('fee_policy').getByTestId('evidence-duplicate').textContent())
      .toBe('“收费标准.pdf”与“营业执照（副本）”中的“营业执照.pdf”内容相同，请确认是否传错了文件');
    expect(await card('business_license').getByTestId('evidence-duplicate').textContent()).toBe(
      '“营业执照.pdf”与“收费标准及优惠服务台账”中的“收费标准.pdf”内容相同，请确认是否传错了文件',
    );
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'small-duplicate-upload.png'), fullPage: true });
    expect(consoleProblems).toEqual([]);
  });
});
