import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { totpCode } from '../../server/src/domain/totp.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');

let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];
const secrets = new Map<string, string>();

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `sign-in-${name}.png`), fullPage: true });
}

async function submitPassword(username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
}

async function logOut(): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.waitForURL('**/login');
}

/** The enrolment page as a user who must enrol reaches it: QR code and secret, a code, the recovery codes once. */
async function enrol(username: string, home: string): Promise<void> {
  await page.waitForURL('**/account/security');
  await page.getByRole('button', { name: /开始绑定/ }).click();
  const secretText = page.getByTestId('totp-secret');
  await secretText.waitFor();
  await expect
    .poll(() => page.getByAltText('动态口令绑定二维码').getAttribute('src'))
    .toMatch(/^data:image\/svg\+xml;base64,/);
  await shot(`${username}-enrol`);
  const secret = (await secretText.innerText()).replace(/\s+/g, '');
  secrets.set(username, secret);
  await page.getByRole('textbox', { name: '动态口令' }).fill(totpCode(secret, new Date()));
  await page.getByRole('button', { name: /确认绑定/ }).click();
  const codes = page.getByTestId('recovery-codes').locator('li');
  await expect.poll(() => codes.count()).toBe(10);
  await shot(`${username}-recovery-codes`);
  await page.getByText('我已妥善保存这些恢复码').click();
  await page.getByRole('button', { name: /^完\s?成$/ }).click();
  await page.waitForURL(`**${home}`);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ config: { secondFactorRoles: ['province', 'sysadmin', 'secadmin', 'auditadmin'] } });
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('signing in with a second factor, in the browser', () => {
  it('sends the province to enrol first, then asks for the code after the password', async () => {
    onTestFailed(() => shot('failure-province'));
    await submitPassword('province');
    await enrol('province', '/province');
    await expect.poll(() => page.getByRole('link', { name: '报送情况' }).count()).toBe(1);
    await logOut();

    await submitPassword('province');
    const code = page.getByRole('textbox', { name: '动态口令' });
    await code.waitFor();
    await shot('second-step');
    await code.fill(totpCode(secrets.get('province')!, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: /验证并登录/ }).click();
    await page.waitForURL('**/province');
    await logOut();
    expect(consoleProblems).toEqual([]);
  });

  it('shows a captcha after three failed attempts', async () => {
    onTestFailed(() => shot('failure-captcha'));
    for (let i = 0; i < 3; i++) {
      await submitPassword('luoyang', `Wrong-pass${i}`);
      await expect.poll(() => page.getByTestId('login-refusal').textContent()).toBe('用户名或密码错误');
    }
    const image = page.getByAltText('图形验证码');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await shot('captcha');
    expect(consoleProblems).toEqual([]);
  });

  it('lets the security administrator see the failures and unlock the account', async () => {
    onTestFailed(() => shot('failure-secadmin'));
    await submitPassword('secadmin');
    await enrol('secadmin', '/admin/security');
    const row = page.locator('tr').filter({ hasText: 'luoyang' });
    await expect.poll(() => row.textContent()).toContain('连续失败 3 次');
    await shot('security-admin');
    await row.getByRole('button', { name: /解\s?锁/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^解\s?锁$/ })
      .click();
    await expect.poll(() => row.count()).toBe(0);
    expect(consoleProblems).toEqual([]);
  });
});
