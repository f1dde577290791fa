import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { CityPackageView, PublicityView } from '#contract';
import { makeReadyForRecommendation, submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';
import { axeFindings as axeOf, pickOption, settled as settledPage, shot as screenshot, SHOTS } from './page-helpers.js';
import { entryText } from '../../server/src/documents/zip-entry.test-support.js';
import { tinyPdf } from './fixtures.js';

/**
 * 公示 and objections in the built web app (issue 16): the province publishes a 公示 in the browser; a visitor
 * without an account reads it on a desk and on a phone and files an objection with a file; the province handles
 * it with the city's answer, and 认定 is refused inside the window and issued after it (the server's clock moved).
 */

/** The units' people and phones (applications.ts, the site check): never on the public pages. */
const PEOPLE = ['张三', '李四'];
const PHONES = ['13800001111'];
const OBJECTOR_PHONE = '13912345678';

/** The server's clock runs with real time; the test moves it past the window's end for 认定. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];
let province: TestClient;
const platforms: string[] = [];

const shot = (name: string) => screenshot(page, `publicity-${name}`);
const settled = () => settledPage(page);
const axeFindings = () => axeOf(page);

async function logIn(username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(DEMO_PASSWORD);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** 认定 on the province's 公示 page, confirmed. */
async function recognize(): Promise<void> {
  await page.getByRole('button', { name: '认定', exact: true }).click();
  await page.getByRole('button', { name: '确定认定' }).click();
}

const expectOk = (res: { statusCode: number; body: string }, status = 200) =>
  expect(res.statusCode, res.body).toBe(status);

/** Applications submitted, recommended by their city, and the city's package accepted by the province. */
async function received(cityUser: string, region: string): Promise<void> {
  const city = await new TestClient(server.app).login(cityUser);
  const { id, username } = await submittedApplication(server.app, region);
  await makeReadyForRecommendation(city, id);
  expectOk(await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' }));
  const submitted = await city.post('/api/v1/city/package/submit');
  expectOk(submitted);
  const { version } = submitted.json<CityPackageView>();
  expectOk(await province.post(`/api/v1/packages/${region}/accept`, { version }));
  platforms.push(`平台${username}`);
}

/** Now in Beijing time as the date picker takes it: 2026年11月28日 21:05. */
function beijingNow(): string {
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
      .formatToParts(clock.now())
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 800 });
  province = await new TestClient(server.app).login('province');
  await received('luoyang', '410300');
  await received('nanyang', '411300');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('公示 and objections in the built web app', () => {
  it(
    'the province publishes; a visitor objects on a phone with a file; the objection is handled and 认定 issued',
    { timeout: 420_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'publicity-failure.png'), fullPage: true });
      });

      // The province publishes a 公示 of 5 calendar days from now, its window previewed before publishing.
      await logIn('province');
      await page.getByRole('link', { name: '公示与认定' }).click();
      await page.waitForURL('**/province/publicities');
      await page.getByRole('button', { name: '新建公示' }).click();
      await page.waitForURL('**/province/publicities/new');
      await settled();
      await page.getByLabel('标题').fill('2026年度河南省中小企业公共服务示范平台拟认定名单公示');
      for (const name of platforms) await pickOption(page, page.getByLabel('列入公示的平台'), name);
      await page.keyboard.press('Escape');
      await page.getByLabel('自然日').check();
      await page.getByLabel('发布时间（北京时间）').fill(beijingNow());
      await page.keyboard.press('Enter');
      await page.getByLabel('地址').fill('郑州市金水路115号');
      await page.getByLabel('电话', { exact: true }).fill('0371-65507615');
      const preview = page.getByTestId('window-preview');
      await expect.poll(() => preview.textContent()).toContain('5个自然日');
      expect(await preview.textContent()).toContain('23:59:59止（北京时间）');
      await shot('01-province-new');
      expect(await axeFindings()).toEqual([]);
      await page.getByRole('button', { name: '发布公示' }).click();
      await page.waitForURL(/\/province\/publicities\/[0-9a-f-]{36}$/);
      const publicityId = new URL(page.url()).pathname.split('/').pop()!;
      await settled();
      expect(await page.locator('.publicity-phase').textContent()).toBe('公示中');

      // A visitor without an account: the public page on a desk, from the login page.
      await page.context().clearCookies();
      await page.goto(`${server.url}/login`);
      await page.getByRole('link', { name: '示范平台认定公示' }).click();
      await page.waitForURL('**/publicity');
      await settled();
      const card = page.locator(`[data-publicity-id="${publicityId}"]`);
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('公示中');
      expect(text).toContain('5个自然日');
      expect(text).toContain('省工业和信息化厅中小企业服务处');
      for (const name of platforms) expect(text).toContain(name);
      expect(text).toMatch(/所在地：洛阳市/);
      const pageText = (await page.locator('body').textContent()) ?? '';
      for (const word of [...PEOPLE, ...PHONES]) expect(pageText).not.toContain(word);
      await shot('02-public-1366');
      expect(await axeFindings()).toEqual([]);

      // On a phone: cards, no table wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await settled();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot('03-public-390');
      expect(await axeFindings()).toEqual([]);

      // The objection form: the server's refusal of an ID number in the name shows under the name.
      await card.getByRole('button', { name: '在线提出异议' }).click();
      await page.waitForURL(`**/publicity/${publicityId}/objection`);
      await settled();
      expect(await page.locator('form').textContent()).toContain('不要填写身份证号');
      await page.getByLabel('姓名或单位名称').fill('王异议 41010519900307123X');
      await page.getByLabel('联系方式').fill(OBJECTOR_PHONE);
      await pickOption(page, page.getByLabel('异议涉及的平台'), platforms[0]!);
      await page.getByLabel('异议理由').fill('该平台服务企业数量与实际不符，附相关证明。');
      await page.getByRole('button', { name: '提交异议' }).click();
      const filesItem = page.locator('.ant-form-item').filter({ hasText: '选择文件' });
      await expect.poll(() => filesItem.locator('.ant-form-item-explain').textContent()).toBe('须附佐证材料');
      await page.locator('input[type=file]').setInputFiles({
        name: '证明材料.pdf',
        mimeType: 'application/pdf',
        buffer: tinyPdf('evidence'),
      });
      await page.getByRole('button', { name: '提交异议' }).click();
      const nameItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('姓名或单位名称') });
      await expect.poll(() => nameItem.locator('.ant-form-item-explain').textContent()).toContain('请勿填写身份证号码');
      await shot('04-objection-refused-390');
      expect(await axeFindings()).toEqual([]);
      await page.getByLabel('姓名或单位名称').fill('王异议');
      await page.getByRole('button', { name: '提交异议' }).click();
      const receipt = page.getByTestId('objection-receipt');
      await receipt.waitFor();
      const receiptNumber = (await receipt.locator('.objection-receipt-number').textContent())!;
      expect(receiptNumber).toMatch(new RegExp(`^\\d{2}-${publicityId.slice(0, 8).toUpperCase()}-0001$`));
      expect(await receipt.textContent()).toContain('请保存受理编号');
      await expect.poll(() => receipt.textContent()).toContain('证明材料.pdf：已上传');
      await shot('05-receipt-390');
      expect(await axeFindings()).toEqual([]);
      await page.setViewportSize({ width: 1366, height: 800 });

      // The province: the objection with its contact masked; 认定 refused inside the window.
      await logIn('province');
      await page.goto(`${server.url}/province/publicities/${publicityId}`);
      await settled();
      const row = page.locator('.objection-table .ant-table-row').filter({ hasText: receiptNumber });
      expect(await row.textContent()).toContain('139****5678');
      expect(await row.textContent()).toContain('网上');
      await recognize();
      await expect.poll(() => page.getByTestId('refusal').textContent()).toContain('公示期内不能认定');
      await shot('06-province-refused');

      // The objection: assigned, a note, the city asked.
      await row.getByRole('link', { name: receiptNumber }).click();
      await page.waitForURL(/\/objections\//);
      await settled();
      expect(await page.locator('.objection-page').textContent()).toContain('证明材料.pdf');
      // The evidence downloads as it was uploaded.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载证明材料.pdf' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('证明材料.pdf');
      expect(fs.readFileSync((await download.path())!).equals(tinyPdf('evidence'))).toBe(true);
      await page.getByRole('button', { name: '指派给我' }).click();
      await expect.poll(() => page.getByRole('button', { name: '指派给我' }).count()).toBe(0);
      await page.getByLabel('调查情况').fill('已电话联系异议人核实情况');
      await page.getByRole('button', { name: '保存记录' }).click();
      await expect.poll(() => page.locator('.ant-timeline').textContent()).toContain('已电话联系异议人核实情况');
      await page.getByLabel('请推荐市说明的事项').fill('请核查该平台服务企业数量并书面答复');
      await page.getByRole('button', { name: '请推荐市说明' }).click();
      await expect.poll(() => page.locator('.objection-page').textContent()).toContain('尚未答复');

      // The city answers, seeing the grounds but not the objector.
      await logIn('luoyang');
      await page.getByRole('link', { name: '公示异议' }).click();
      await page.waitForURL('**/city/objections');
      await settled();
      const cityCard = page.locator('.city-objection').filter({ hasText: receiptNumber });
      expect(await cityCard.textContent()).toContain('请核查该平台服务企业数量并书面答复');
      expect(await page.locator('body').textContent()).not.toContain('王异议');
      await cityCard.getByLabel('答复').fill('经核查，该平台服务企业数量与申报一致。');
      await cityCard.getByRole('button', { name: '提交答复' }).click();
      await expect.poll(() => cityCard.textContent()).toContain('本市答复');
      await shot('07-city-answered');
      expect(await axeFindings()).toEqual([]);

      // After the window: the province closes the objection and 认定 is issued.
      const view = (await province.get(`/api/v1/publicities/${publicityId}`)).json<PublicityView>();
      clock.offsetMs = Date.parse(view.window.endsAt) + 60_000 - Date.now();
      await logIn('province');
      await page.goto(`${server.url}/province/publicities/${publicityId}`);
      await settled();
      // A letter received on paper, registered by the province; it blocks 认定 like the online one.
      await page.getByRole('button', { name: '登记书面异议' }).click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '登记书面异议' });
      await dialog.getByLabel('姓名或单位名称').fill('李来信');
      await dialog.getByLabel('联系方式').fill('0371-66668888');
      await pickOption(page, dialog.getByLabel('异议涉及的平台'), platforms[1]!);
      await dialog.getByLabel('异议理由').fill('来信反映该平台服务收费情况与申报不符。');
      await dialog.getByRole('button', { name: '登记' }).click();
      const paperRow = page.locator('.objection-table .ant-table-row').filter({ hasText: '书面' });
      await paperRow.waitFor();
      const paperReceipt = (await paperRow.getByRole('link').textContent())!;
      expect(paperReceipt).toMatch(/-0002$/);
      expect(await paperRow.textContent()).not.toContain('66668888');
      await recognize();
      await expect.poll(() => page.getByTestId('refusal').textContent()).toContain(receiptNumber);
      expect(await page.getByTestId('refusal').textContent()).toContain(paperReceipt);
      await shot('08-province-blocked');

      for (const [receiptNo, outcome] of [
        [receiptNumber, '异议不成立'],
        [paperReceipt, '异议人撤回'],
      ] as const) {
        await page.locator('.objection-table').getByRole('link', { name: receiptNo }).click();
        await page.waitForURL(/\/objections\//);
        await settled();
        await page.getByLabel(outcome).check();
        await page.getByLabel('处理结果说明').fill(`经核查，${outcome}。`);
        await page.getByRole('button', { name: '办结' }).click();
        await expect.poll(() => page.locator('.objection-page').textContent()).toContain('办结时间');
        if (receiptNo === receiptNumber) {
          expect(await page.locator('.objection-page').textContent()).toContain(
            '经核查，该平台服务企业数量与申报一致。',
          );
          await shot('09-objection-closed');
        }
        await page.getByRole('link', { name: /^返回/ }).click();
        await settled();
      }
      // How the 认定文件 is issued: the office's own 代字, numbered on from the 4 it gave by hand.
      await page.getByRole('button', { name: '认定文件发文设置' }).click();
      const letter = page.locator('.ant-modal').filter({ hasText: '认定文件发文设置' });
      await expect
        .poll(() => letter.getByTestId('next-decision-number').textContent())
        .toMatch(/豫工信企业〔\d{4}〕1号/);
      await letter.getByLabel('发文机关代字').fill('豫工信中小');
      await letter.getByLabel(/^下一发文序号/).fill('5');
      await shot('09b-letter-settings');
      expect(await axeFindings()).toEqual([]);
      await letter.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => letter.count()).toBe(0);
      await recognize();
      await expect.poll(() => page.locator('.ant-table-row').filter({ hasText: '已认定' }).count()).toBe(2);
      const provinceNow = await new TestClient(server.app).login('province');
      const decision = await provinceNow.get(`/api/v1/publicities/${publicityId}/decision.docx`);
      expectOk(decision);
      expect(await entryText(decision.rawPayload, 'word/document.xml')).toMatch(/豫工信中小〔\d{4}〕5号/);
      expect(await page.getByRole('button', { name: '认定', exact: true }).count()).toBe(0);
      await shot('10-recognized');

      // The public page: over, both platforms recognised, the objection button gone.
      await page.context().clearCookies();
      await page.goto(`${server.url}/publicity`);
      await settled();
      const over = page.locator(`[data-publicity-id="${publicityId}"]`);
      expect(await over.locator('.publicity-phase').textContent()).toBe('已结束');
      expect(await over.textContent()).toContain('已认定');
      expect(await over.getByRole('button', { name: '在线提出异议' }).count()).toBe(0);
      expect(consoleProblems).toEqual([]);
    },
  );
});
