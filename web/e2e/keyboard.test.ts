import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUnit, submittedApplication, uploadEvidenceFile } from '../../server/test-support/applications.js';
import {
  eligibleForm,
  makeUscc,
  rosterRows,
  rosterWorkbook,
  tinyPdf as serverTinyPdf,
} from '../../server/test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { multipart, TestClient } from '../../server/test-support/http.js';
import { openBrowserPage } from './browser.js';
import { tinyPdf } from './fixtures.js';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

/** The focused element as a person would name it: tag, role and name (BODY when focus is lost). */
function describeFocus(): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'BODY';
    const label = (element as HTMLInputElement).labels?.[0]?.textContent;
    const name = element.getAttribute('aria-label') ?? label ?? element.textContent ?? '';
    const role = element.getAttribute('role');
    return `${element.tagName.toLowerCase()}${role ? `[${role}]` : ''}“${name.trim().slice(0, 24)}”`;
  });
}

/**
 * How the focused control shows its focus, or null: an outline on a button or tab, an outline or a ring on
 * an input (or on the box around it, with its icon), an outline on the box drawn around a hidden native checkbox or radio.
 * Buttons need the outline: antd draws a small shadow under every button, focused or not.
 */
function focusIndicator(): Promise<string | null> {
  return page.evaluate(() => {
    const outline = (element: Element) => {
      const style = getComputedStyle(element);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? `outline ${style.outlineWidth}`
        : null;
    };
    const ring = (element: Element) => {
      const shadow = getComputedStyle(element).boxShadow;
      return shadow === 'none' ? null : `box-shadow ${shadow}`;
    };
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    if (element.matches('input[type=checkbox], input[type=radio]')) {
      const box = element.parentElement;
      return box && outline(box);
    }
    if (element.matches('input, textarea')) {
      const box = element.closest('.ant-input-affix-wrapper, .ant-input-number, .ant-picker') ?? element.parentElement;
      return outline(element) ?? ring(element) ?? (box && (outline(box) ?? ring(box)));
    }
    return outline(element);
  });
}

const isFocused = (target: Locator) =>
  target.evaluateAll((elements) => elements.some((element) => element.contains(document.activeElement)));

/**
 * Presses `key` until `target` (or something inside it) has focus, at most `limit` times; focus never falls
 * to the page body on the way, and every button or input it stops on shows its focus. Returns the presses.
 */
async function pressUntil(target: Locator, limit: number, key = 'Tab'): Promise<number> {
  const trail: string[] = [];
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    const focus = await describeFocus();
    trail.push(focus);
    expect(focus, trail.join(' → ')).not.toBe('BODY');
    if (/^(button|input|textarea)|\[tab\]/.test(focus)) {
      await expect.poll(focusIndicator, { message: `${focus} shows no focus` }).not.toBeNull();
    }
    if (await isFocused(target)) return presses;
  }
  throw new Error(`not reached with ${limit} × ${key}: ${trail.join(' → ')}`);
}

/** After an action focus sits on a sensible element: the given one, and never the page body. */
async function expectFocusOn(target: Locator, what: string): Promise<void> {
  await expect.poll(describeFocus, { message: what }).not.toBe('BODY');
  await expect.poll(() => isFocused(target), { message: `${what}: focus is on ${await describeFocus()}` }).toBe(true);
}

/**
 * A registered unit whose application lacks only what the keyboard user adds: the platform name and the
 * channel, the fifth institution, and the fee policy (收费标准及优惠服务台账).
 */
async function almostCompleteApplication(): Promise<string> {
  const { client, id, username } = await registerUnit(server.app, 60_000 + Math.floor(Math.random() * 30_000));
  const { platformName: _name, channel: _channel, ...form } = eligibleForm;
  await client.patch(`/api/v1/applications/${id}`, form);
  const roster = multipart('服务企业名单.xlsx', await rosterWorkbook(rosterRows(80)));
  await client.request({
    method: 'POST',
    url: `/api/v1/applications/${id}/roster`,
    payload: roster.payload,
    headers: roster.headers,
  });
  const institutions = [];
  for (let i = 0; i < 4; i++) {
    const file = await uploadEvidenceFile(client, id, 'institution_agreement', `合作协议${i + 1}.pdf`, serverTinyPdf());
    institutions.push({
      name: `服务机构${i + 1}`,
      uscc: makeUscc(900 + i),
      agreementFileId: file.json<{ id: string }>().id,
    });
  }
  await client.put(`/api/v1/applications/${id}/institutions`, { institutions });
  for (const type of ['business_license', 'assets_report', 'staff_list', 'application_report']) {
    await uploadEvidenceFile(client, id, type, `${type}.pdf`, serverTinyPdf());
  }
  return username;
}

/** Opens the file chooser with the focused button (Enter) and picks one PDF. */
async function uploadWithEnter(name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: tinyPdf(name) });
}

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

/** Moves along the tab list with the arrow keys from the selected tab to `name` and opens it with Enter. */
async function openTab(name: string, arrows: number): Promise<void> {
  for (let i = 0; i < arrows; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect.poll(() => tab(name).getAttribute('aria-selected')).toBe('true');
  await expectFocusOn(tab(name), `tab ${name}`);
}

/** Signs in with the keyboard on the login page, then takes the way past the top bar of the applicant's page. */
async function signInWithKeyboard(username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名', { exact: true }).waitFor();
  await pressUntil(page.getByLabel('用户名', { exact: true }), 12);
  await page.keyboard.type(username);
  await pressUntil(page.getByLabel('密码', { exact: true }), 2);
  await page.keyboard.type('Passw0rd!');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/applicant');
  await tab('基本信息').waitFor();
  // A new page load: the first Tab offers the way past the top bar.
  await pressUntil(page.getByRole('link', { name: '跳到正文' }), 1);
  await page.keyboard.press('Enter');
  await expectFocusOn(page.locator('#main'), 'after 跳到正文');
}

beforeAll(async () => {
  server = await startTestServer();
  ({ browser, page, problems } = await openBrowserPage());
  // Intercepting file choosers starts with the first listener, asynchronously: a listener from the start
  // keeps a chooser opened by a key press right after waitForEvent from reaching the real (headless) dialog.
  page.on('filechooser', () => undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the applicant’s flow with the keyboard only', () => {
  it('signs in, fills in, uploads, adds an institution and submits without a mouse', { timeout: 180_000 }, async () => {
    const username = await almostCompleteApplication();

    await signInWithKeyboard(username);

    // 基本信息: the platform's name, then the channel with the arrow keys.
    await pressUntil(page.getByLabel('平台名称', { exact: true }), 15);
    await page.keyboard.type('洛阳键盘测试中小企业服务平台');
    await pressUntil(page.getByRole('radio', { name: '市推荐名额' }), 15);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('radio', { name: '市推荐名额' }).isChecked()).toBe(true);

    // Back up over the unit's fields to the tab list, and on to 集聚服务机构.
    await pressUntil(tab('基本信息'), 25, 'Shift+Tab');
    await openTab('集聚服务机构', 1);

    // Past the four saved rows (name, code, agreement, delete: four stops each).
    await pressUntil(page.getByRole('button', { name: '添加机构' }), 30);
    await page.keyboard.press('Enter');
    const name = page.getByLabel('第5家机构名称');
    await expectFocusOn(name, 'after adding a row');
    await page.keyboard.type('键盘服务机构有限公司');
    await pressUntil(page.getByLabel('第5家机构统一社会信用代码'), 1);
    await page.keyboard.type(makeUscc(905));
    const agreementRow = page.locator('.institutions-table tbody tr').filter({ has: name });
    await pressUntil(agreementRow.getByRole('button', { name: /上传协议/ }), 2);
    await uploadWithEnter('合作协议5.pdf');
    await expect.poll(() => agreementRow.locator('.agreement-file').count()).toBe(1);
    await expectFocusOn(agreementRow.getByRole('button', { name: /更换/ }), 'after the agreement upload');
    await expect.poll(() => page.getByTestId('institutions-autosave-status').textContent()).toMatch(/已自动保存/);

    // 证明材料: the fee policy still to upload, reached from the live check beside the form.
    await pressUntil(page.getByRole('button', { name: /请上传收费标准及优惠服务台账/ }), 15);
    await page.keyboard.press('Enter');
    await expect.poll(() => tab('证明材料').getAttribute('aria-selected')).toBe('true');
    const feeCard = page.locator('.evidence-card').filter({ hasText: '收费标准及优惠服务台账' });
    await expectFocusOn(feeCard.getByRole('button', { name: /上传/ }), 'after choosing what is still to upload');
    await uploadWithEnter('收费标准.pdf');
    await expect.poll(() => feeCard.locator('.evidence-file-name').count()).toBe(1);
    await expectFocusOn(feeCard.getByRole('button', { name: /上传/ }), 'after the evidence upload');

    // 提交: the pledge, the button, the confirmation.
    await pressUntil(tab('证明材料'), 20, 'Shift+Tab');
    await openTab('提交', 1);
    await expect.poll(() => page.locator('.submit-blocking').textContent()).toMatch(/符合申报条件，材料齐全/);
    await pressUntil(page.getByRole('checkbox', { name: /本单位承诺/ }), 5);
    await page.keyboard.press('Space');
    await pressUntil(page.getByRole('button', { name: '提交申报' }), 2);
    await page.keyboard.press('Enter');
    const confirm = page.locator('.ant-popconfirm:visible').getByRole('button', { name: /^提\s?交$/ });
    await expectFocusOn(confirm, 'the confirmation');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/receipt/**');
    await page.locator('h1').waitFor();
    await expect.poll(describeFocus, { message: 'on the receipt' }).not.toBe('BODY');
    expect(problems).toEqual([]);
  });

  it('takes a returned application’s remark to its field', { timeout: 60_000 }, async () => {
    const { id, username } = await submittedApplication(server.app, '410300');
    const city = await new TestClient(server.app).login('luoyang');
    await city.post(`/api/v1/applications/${id}/return`, {
      summary: '请核实服务人员数量。',
      remarks: [{ itemKey: 'rule:STAFF_BELOW_MIN', message: '社保名单与申报人数不符' }],
    });

    await signInWithKeyboard(username);
    const remark = page.getByTestId('return-notice').getByRole('button', { name: /服务人员/ });
    await pressUntil(remark, 5);
    await page.keyboard.press('Enter');
    await expectFocusOn(page.getByLabel('服务人员数量', { exact: true }), 'after choosing the remark');
    expect(problems).toEqual([]);
  });
});
