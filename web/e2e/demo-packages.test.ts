import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Manifest } from '../../server/src/archive/offline-index.js';
import { makeReadyForRecommendation } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { TestClient } from '../../server/test-support/http.js';
import { openBrowserPage } from './browser.js';

const SHOTS = path.resolve('test-artifacts/e2e');

/** The two cities with an application submitted by the demo seed (server/src/seed/seed.ts), and their officials. */
const CITIES = [
  { code: '410300', name: '洛阳市', official: 'luoyang', platform: '洛阳慧智中小企业公共服务平台' },
  { code: '410100', name: '郑州市', official: 'zhengzhou', platform: '航空港区中小企业综合服务平台' },
] as const;

interface Run {
  status: number | null;
  output: string;
}

function run(command: string, args: readonly string[]): Run {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const hex = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');

let server: TestServer;
let browser: Browser;
let page: Page;
let pageProblems: string[] = [];
let dir: string;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-demo-packages-'));
  // A fresh DATA_DIR seeded as `npm start` seeds it: NODE_ENV=development, demo mode.
  server = await startTestServer({ env: { NODE_ENV: 'development' } });
  ({ browser, page, problems: pageProblems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo data’s 刻盘 packages', () => {
  for (const city of CITIES) {
    it(
      `${city.name}: the demo application recommended, its zip passes unzip -t and zipfile, and the offline page finds every file 一致`,
      { timeout: 300_000 },
      async () => {
        onTestFailed(async () => {
          await page.screenshot({ path: path.join(SHOTS, `demo-package-${city.code}-failure.png`), fullPage: true });
        });

        // The demo seed submitted one application in the city; its official records what a recommendation needs.
        const official = await new TestClient(server.app).login(city.official);
        const listed = await official.get('/api/v1/applications?status=submitted');
        expect(listed.statusCode, listed.body).toBe(200);
        const submitted = listed.json<{ items: { id: string; platformName: string }[] }>().items;
        expect(submitted.map((a) => a.platformName)).toEqual([city.platform]);
        const { id } = submitted[0]!;
        await makeReadyForRecommendation(official, id);
        const recommended = await official.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' });
        expect(recommended.statusCode, recommended.body).toBe(200);

        // Over a real socket, as the browser downloads it: the check first, then the zip.
        const cookie = official.cookie!;
        const check = await fetch(`${server.url}/api/v1/packages/${city.code}/archive`, { headers: { cookie } });
        expect(check.status, await check.clone().text()).toBe(200);
        const plan = (await check.json()) as { platforms: number; storedFiles: number; generatedDocuments: number };
        expect(plan.platforms).toBe(1);
        const download = await fetch(`${server.url}/api/v1/packages/${city.code}/archive.zip`, { headers: { cookie } });
        expect(download.status).toBe(200);
        expect(download.headers.get('content-type')).toBe('application/zip');
        const zip = Buffer.from(await download.arrayBuffer());
        expect(zip.length).toBe(Number(download.headers.get('content-length')));
        const zipFile = path.join(dir, `${city.code}.zip`);
        fs.writeFileSync(zipFile, zip);

        // Info-ZIP checks every entry's CRC-32 (recorded by the digest worker) against its bytes, as does
        // Python. The checks up to the page's are soft, so that a failure reports what each of them found.
        const unzipTest = run('unzip', ['-t', zipFile]);
        expect.soft(unzipTest.status, unzipTest.output).toBe(0);
        expect.soft(unzipTest.output).toMatch(/No errors detected/);
        const testzip = run('python3', [
          '-c',
          'import sys, zipfile; print(repr(zipfile.ZipFile(sys.argv[1]).testzip()))',
          zipFile,
        ]);
        expect
          .soft(testzip.output.trim(), 'zipfile.testzip() names the first entry whose CRC-32 is wrong')
          .toBe('None');

        const out = path.join(dir, city.code);
        const unpacked = run('unzip', ['-q', zipFile, '-d', out]);
        expect.soft(unpacked.status, unpacked.output).toBe(0);
        const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
        expect(manifest.platforms.map((p) => p.platformName)).toEqual([city.platform]);
        expect(manifest.files.length).toBe(plan.generatedDocuments + plan.storedFiles);
        // Each recorded digest against node:crypto over the unpacked bytes, so a failure names the file.
        const recomputed = manifest.files.map((f) => {
          const bytes = fs.readFileSync(path.join(out, f.path));
          return { path: f.path, size: bytes.length, sha256: hex('sha256', bytes), sm3: hex('sm3', bytes) };
        });
        expect.soft(recomputed).toEqual(manifest.files);

        // The disc's own check, in Chromium: the reader opens index.html and picks the unpacked folder.
        await page.goto(`file://${path.join(out, 'index.html')}`);
        await expect.poll(() => page.locator('h1').textContent()).toContain(city.name);
        await page.locator('#folder').setInputFiles(out);
        await expect
          .poll(() => page.evaluate(() => document.body.dataset.verified ?? null), { timeout: 120_000, interval: 250 })
          .toBe('true');
        const states = await page
          .locator('tr[data-path]')
          .evaluateAll((rows) =>
            rows.map((r) => ({ path: r.getAttribute('data-path'), state: r.querySelector('.state')?.textContent })),
          );
        expect(states).toEqual(manifest.files.map((f) => ({ path: f.path, state: '一致' })));
        expect(await page.locator('#summary').textContent()).toBe(
          `校验完成：一致 ${manifest.files.length} 个，不一致 0 个，缺失 0 个`,
        );
        await page.screenshot({ path: path.join(SHOTS, `demo-package-${city.code}.png`), fullPage: true });
        expect(pageProblems).toEqual([]);
      },
    );
  }
});
