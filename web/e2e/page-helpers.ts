import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';

/** Where the browser tests leave their screenshots (look at them). */
export const SHOTS = path.resolve('test-artifacts/e2e');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** No spinner left, and a moment for the layout to settle. */
export async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur').count()).toBe(0);
  await page.waitForTimeout(300);
}

/** Every finite animation on the page has finished (a dialog opening, a dropdown sliding in). */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** A full-page screenshot once the finite animations have finished. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await settled(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await animationsDone(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The serious and critical axe-core findings on the page as it is now (none expected). */
export async function axeFindings(page: Page): Promise<string[]> {
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { violations } = await (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Signs in through the login form (signing out first if someone is signed in). */
export async function logIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  const logout = page.getByRole('button', { name: /退出登录/ });
  if (await logout.isVisible().catch(() => false)) {
    await logout.click();
    await page.waitForURL('**/login');
  }
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Opens a select, types `search` if given, clicks the option, then checks that the select shows it. A select
 * clicked while its dialog is still opening loses its dropdown when the dialog takes the focus at the end of its
 * animation, and under CI load a click can land while the dropdown is still moving; so it waits for the
 * animations, and tries again (up to three times) when the option did not get chosen. Works for a multiple select
 * too (the option is then one of its tags).
 */
export async function pickOption(page: Page, select: Locator, option: string, search?: string): Promise<void> {
  const root = select.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 1; ; attempt += 1) {
    await animationsDone(page);
    // A multiple select stays open between picks; a click on it then would close it.
    if (!(await open.isVisible())) await select.click();
    if (search !== undefined) await select.fill(search);
    await animationsDone(page);
    const clicked = await open
      .locator('.ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    const chosen =
      clicked &&
      (await expect
        .poll(async () => (await root.textContent()) ?? '', { timeout: 3_000 })
        .toContain(option)
        .then(() => true)
        .catch(() => false));
    if (chosen) return;
    if (attempt === 3) throw new Error(`下拉框没有选中“${option}”`);
    // Escape only closes a dropdown still open: with none, it would close the dialog the select is in.
    if (await open.isVisible()) await page.keyboard.press('Escape');
  }
}
