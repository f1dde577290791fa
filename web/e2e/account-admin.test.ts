import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { passwordProblem } from '#contract';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';
import { animationsDone, pickOption } from './page-helpers.js';
import { totpCode } from '../../server/src/domain/totp.js';

const SHOTS = path.resolve('test-artifacts/e2e');

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `accounts-${name}.png`) });
/** Dialogs open and close with an animation; act once it is over. */
const dialog = (title: string) => page.locator('.ant-modal').filter({ hasText: title });

async function logIn(username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function logOut(): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.waitForURL('**/login');
}

/** Reads the one-time password off its dialog and closes it. */
async function takeOneTimePassword(name: string): Promise<string> {
  const shown = page.getByTestId('one-time-password');
  await shown.waitFor();
  await page.waitForTimeout(400);
  await shot(name);
  const password = (await shown.textContent())!.trim();
  expect(passwordProblem(password)).toBeNull();
  await page.getByRole('button', { name: /我已记下/ }).click();
  await expect.poll(() => shown.count()).toBe(0);
  return password;
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

describe('account administration in the built web app', () => {
  it(
    'the system administrator requires a second factor for 洛阳 and creates an official, who replaces the one-time password, enrols TOTP and reviews; the city resets an applicant’s password',
    { timeout: 180_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'accounts-failure.png'), fullPage: true });
      });

      await logIn('sysadmin');
      await page.waitForURL('**/admin/accounts');
      await expect.poll(() => page.locator('.accounts-page .ant-table-row').count()).toBeGreaterThan(5);
      await expect.poll(() => page.locator('.totp-city').count()).toBe(19);
      await shot('01-list');
      // 洛阳 requires its officials to sign in with a second factor.
      const luoyangTotp = page.getByRole('switch', { name: '洛阳市要求动态口令' });
      await luoyangTotp.click();
      await expect.poll(() => luoyangTotp.getAttribute('aria-checked')).toBe('true');

      await page.getByRole('button', { name: /新建账号/ }).click();
      const create = dialog('新建账号');
      await create.waitFor();
      await page.waitForTimeout(400);
      await pickOption(page, create.getByLabel('所属主管部门'), '洛阳市', '洛阳');
      await create.getByLabel('姓名或名称').fill('洛阳市工信局 张科长');
      await create.getByLabel('用户名').fill('ly-zhang');
      await shot('02-create');
      await create.locator('.ant-btn-primary').click();
      const oneTime = await takeOneTimePassword('03-one-time-password');
      const row = page.locator('.accounts-page .ant-table-row').filter({ hasText: 'ly-zhang' });
      await expect.poll(() => row.textContent()).toContain('待修改一次性密码');
      await logOut();

      // The one-time password signs in, and nothing but the change of password opens.
      await logIn('ly-zhang', oneTime);
      await page.waitForURL('**/account/password');
      expect(await page.locator('.top-bar-nav').count()).toBe(0);
      await shot('04-must-change');
      await page.goto(`${server.url}/city`);
      await page.waitForURL('**/account/password');
      await page.getByLabel('一次性密码').fill(oneTime);
      await page.getByLabel('新密码', { exact: true }).fill(oneTime);
      await page.getByLabel('确认新密码').fill(oneTime);
      await page.getByRole('button', { name: /设置新密码并继续/ }).click();
      await expect
        .poll(() => page.locator('.ant-form-item-explain-error').textContent())
        .toContain('不能与最近5次使用过的密码相同');
      await page.getByLabel('新密码', { exact: true }).fill('Luoyang#2026');
      await page.getByLabel('确认新密码').fill('Luoyang#2026');
      await page.getByRole('button', { name: /设置新密码并继续/ }).click();

      // 洛阳 requires a second factor: the official enrols before any business page opens.
      await page.waitForURL('**/account/security');
      await page.goto(`${server.url}/city`);
      await page.waitForURL('**/account/security');
      await page.getByRole('button', { name: /开始绑定/ }).click();
      const secretText = page.getByTestId('totp-secret');
      await secretText.waitFor();
      const secret = (await secretText.innerText()).replace(/\s+/g, '');
      await page.getByRole('textbox', { name: '动态口令' }).fill(totpCode(secret, new Date()));
      await page.getByRole('button', { name: /确认绑定/ }).click();
      await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
      await shot('04b-recovery-codes');
      await page.getByText('我已妥善保存这些恢复码').click();
      await page.getByRole('button', { name: /^完\s?成$/ }).click();
      await page.waitForURL('**/city');

      // The official reviews: the queue of 洛阳, an application, a finding recorded on it.
      const queued = page.getByText('洛阳慧智中小企业公共服务平台').first();
      await queued.waitFor();
      await queued.click();
      await page.waitForURL('**/city/applications/**');
      const nameRule = page.locator('.finding-row[data-item-key="rule:NAME_FORBIDDEN_WORD"]');
      await nameRule.getByText('符合', { exact: true }).click();
      await expect.poll(() => nameRule.getAttribute('data-verdict')).toBe('pass');
      // From the application, its applicant's account.
      await page.getByRole('button', { name: /申报单位账号/ }).click();
      const account = dialog('申报单位账号');
      await account.getByText('ly-huizhi').waitFor();
      await page.waitForTimeout(400);
      await account.getByLabel('身份核实方式').fill('回拨登记电话 138****0000，核对统一社会信用代码');
      await shot('05-applicant-account');
      await account.locator('.ant-btn-primary').click();
      const applicantPassword = await takeOneTimePassword('06-applicant-one-time-password');

      // From the user menu: 修改密码. On CI (sessions 11 and 12) a click on the menu item while the dropdown was
      // still sliding in opened nothing, three times running: wait for the dialog to be gone and the dropdown's
      // animation to end, then click its link (the item's anchor), and try again if nothing happened.
      await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
      const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)');
      for (let attempt = 0; attempt < 3 && !page.url().endsWith('/account/password'); attempt++) {
        await animationsDone(page);
        if (!(await menu.isVisible())) await page.locator('.top-bar-user-menu').click();
        await animationsDone(page);
        await menu
          .getByRole('link', { name: '修改密码' })
          .click({ timeout: 5000 })
          .catch(() => undefined);
        await page.waitForURL('**/account/password', { timeout: 5000 }).catch(() => undefined);
      }
      expect(new URL(page.url()).pathname).toBe('/account/password');
      await expect.poll(() => page.getByLabel('当前密码').count()).toBe(1);
      await logOut();

      // The applicant signs in with its one-time password and is sent to change it too.
      await logIn('ly-huizhi', applicantPassword);
      await page.waitForURL('**/account/password');
      await logOut();

      // The audit administrator reads what happened, and has no other page.
      await logIn('auditadmin');
      await page.waitForURL('**/audit');
      await expect.poll(() => page.locator('.audit-page').textContent()).toContain('重置申报单位密码');
      await shot('07-audit');
      await page.goto(`${server.url}/admin/accounts`);
      await page.waitForURL('**/audit');
      expect(consoleProblems).toEqual([]);
    },
  );
});
