import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this machine needs (no background networking). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Opens a page on the built web app's viewport, in Chinese and Beijing time, collecting every page error
 * and console error or warning into `problems` (a test ends by expecting it empty).
 */
export async function openBrowserPage(): Promise<{ browser: Browser; page: Page; problems: string[] }> {
  // The build the test server serves: TEST_WEB_DIST_DIR (a build of one's own) or dist/web.
  if (!fs.existsSync(path.resolve(process.env.TEST_WEB_DIST_DIR ?? 'dist/web', 'index.html')))
    throw new Error('先运行 npx vite build：浏览器测试使用构建后的前端');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    const refusedRequest = message.text().startsWith('Failed to load resource');
    if ((message.type() === 'error' || message.type() === 'warning') && !refusedRequest) problems.push(message.text());
  });
  return { browser, page, problems };
}
