import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { storedPath } from '../../test-support/stored-path.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from '../http/app.js';
import type { Manifest } from './offline-index.js';

function zipEntries(zip: Buffer): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const entries: yauzl.Entry[] = [];
      file.on('entry', (e: yauzl.Entry) => {
        entries.push(e);
        file.readEntry();
      });
      file.on('end', () => resolve(entries));
      file.readEntry();
    });
  });
}

let app: App;
let dir: string;
beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-archive-'));
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the electronic package (刻盘)', () => {
  it(
    'unpacks with readable Chinese names, a manifest that matches every file, and an offline page that flags a changed byte',
    { timeout: 120_000 },
    async () => {
      const city = await new TestClient(app).login('luoyang');
      const { id } = await submittedApplication(app, '410300', { platformName: '洛阳刻盘测试服务平台' });
      await makeReadyForRecommendation(city, id);
      expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);

      const res = await city.get('/api/v1/packages/410300/archive.zip');
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      // The length is known before streaming, so the browser shows progress and time left.
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.headers['content-type']).toBe('application/zip');
      const zipFile = path.join(dir, 'package.zip');
      fs.writeFileSync(zipFile, res.rawPayload);
      expect(execFileSync('unzip', ['-tq', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);
      const out = path.join(dir, 'disc');
      execFileSync('unzip', ['-q', zipFile, '-d', out]);

      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
      const paths = manifest.files.map((f) => f.path);
      expect(paths.slice(0, 4)).toEqual(['推荐文件.docx', '推荐文件.pdf', '汇总表.xlsx', '汇总表.pdf']);
      const folder = '01-洛阳刻盘测试服务平台';
      for (const name of [
        '申报书.docx',
        '申报书.pdf',
        '推荐表.docx',
        '推荐表.pdf',
        '现场核查真实性说明.docx',
        '现场核查真实性说明.pdf',
        '现场核查真实性说明（双方盖章扫描件）.pdf',
      ])
        expect(paths).toContain(`${folder}/${name}`);
      expect(paths.filter((p) => p.startsWith(`${folder}/申报材料/`)).length).toBe(11);
      for (const f of manifest.files) {
        const bytes = fs.readFileSync(path.join(out, f.path));
        expect({
          path: f.path,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          sm3: createHash('sm3').update(bytes).digest('hex'),
        }).toEqual(f);
      }
      // The check before the download describes the same content.
      const info = (await city.get('/api/v1/packages/410300/archive')).json();
      const generated = [
        '推荐文件.docx',
        '推荐文件.pdf',
        '汇总表.xlsx',
        '汇总表.pdf',
        'SM3SUMS.txt',
        ...[
          '申报书.docx',
          '申报书.pdf',
          '推荐表.docx',
          '推荐表.pdf',
          '现场核查真实性说明.docx',
          '现场核查真实性说明.pdf',
        ].map((n) => `${folder}/${n}`),
      ];
      const storedFiles = manifest.files.filter((f) => !generated.includes(f.path));
      expect(info).toEqual({
        cities: 1,
        platforms: 1,
        storedFiles: storedFiles.length,
        storedBytes: storedFiles.reduce((n, f) => n + f.size, 0),
        generatedDocuments: 11,
      });
      expect(storedFiles.length).toBe(12);

      // Paper tied to disc: SM3SUMS.txt lists every stored material with its SM3, its own SM3 is the
      // fingerprint the manifest, the index page, the 推荐文件 and the 推荐表 carry.
      const sums = fs.readFileSync(path.join(out, 'SM3SUMS.txt'));
      const fingerprint = createHash('sm3').update(sums).digest('hex');
      expect(manifest.fingerprints).toEqual([
        { authorityName: '洛阳市', sumsPath: 'SM3SUMS.txt', sm3: fingerprint, docNumber: null },
      ]);
      const lines = sums.toString('utf8').trimEnd().split('\n');
      expect(lines.map((l) => l.slice(66))).toEqual(storedFiles.map((f) => f.path));
      for (const line of lines) {
        const [sm3, file] = [line.slice(0, 64), line.slice(66)];
        expect(
          createHash('sm3')
            .update(fs.readFileSync(path.join(out, file)))
            .digest('hex'),
          file,
        ).toBe(sm3);
      }
      const short = `${fingerprint.slice(0, 8)}…${fingerprint.slice(-8)}`;
      for (const paper of ['推荐文件.pdf', `${folder}/推荐表.pdf`]) {
        const text = execFileSync('pdftotext', [path.join(out, paper), '-'], { encoding: 'utf8' });
        expect(text.replace(/\s+/g, ''), paper).toContain(short);
      }
      expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain(fingerprint);

      const entries = await zipEntries(res.rawPayload);
      expect(entries.every((e) => (e.generalPurposeBitFlag & 0x800) !== 0)).toBe(true);
      // Every name fits Joliet's 64 UTF-16 units, so any burner keeps it whole.
      expect(entries.flatMap((e) => e.fileName.split('/')).filter((part) => part.length > 64)).toEqual([]);
      expect(entries.filter((e) => /\.(pdf|docx|xlsx)$/.test(e.fileName)).every((e) => e.compressionMethod === 0)).toBe(
        true,
      );

      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--allow-file-access-from-files',
        ],
      });
      try {
        const page = await browser.newPage();
        await page.goto(`file://${path.join(out, 'index.html')}`);
        await expect.poll(() => page.locator('h1').textContent()).toContain('洛阳市');
        const verify = async () => {
          await page.evaluate(() => delete document.body.dataset.verified);
          await page.locator('#folder').setInputFiles(out);
          await expect
            .poll(() => page.evaluate(() => document.body.dataset.verified ?? null), { timeout: 60_000 })
            .toBe('true');
          return page.locator('#summary').textContent();
        };
        expect(await verify()).toBe(`校验完成：一致 ${manifest.files.length} 个，不一致 0 个，缺失 0 个`);
        expect(await page.locator('#fingerprints tbody tr .state').textContent()).toBe('与纸质材料所印指纹一致');

        const tampered = path.join(out, `${folder}/推荐表.pdf`);
        const bytes = fs.readFileSync(tampered);
        bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff;
        fs.writeFileSync(tampered, bytes);
        await page.reload();
        expect(await verify()).toBe(`校验完成：一致 ${manifest.files.length - 1} 个，不一致 1 个，缺失 0 个`);
        const bad = await page.locator('tr.bad td').first().textContent();
        expect(bad).toBe(`${folder}/推荐表.pdf`);
        fs.mkdirSync(path.resolve('test-artifacts/documents'), { recursive: true });
        await page.screenshot({ path: path.resolve('test-artifacts/documents/package-index.png'), fullPage: true });
      } finally {
        await browser.close();
      }

      const province = await new TestClient(app).login('province');
      const all = await province.get('/api/v1/province/archive.zip');
      expect(all.statusCode).toBe(200);
      const names = (await zipEntries(all.rawPayload)).map((e) => e.fileName);
      expect(names).toContain(`洛阳市/${folder}/推荐表.pdf`);
      expect(names).toContain('洛阳市/推荐文件.pdf');
      expect(names.slice(-2)).toEqual(['manifest.json', 'index.html']);
      expect((await city.get('/api/v1/province/archive.zip')).statusCode).toBe(403);
    },
  );

  it('refuses, before any byte is sent, when a stored file has gone from the server, naming it', async () => {
    const city = await new TestClient(app).login('puyang');
    const { id } = await submittedApplication(app, '410900', { platformName: '濮阳缺失材料测试平台' });
    await makeReadyForRecommendation(city, id);
    expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
    const [lost] = await app.ctx.applications.listEvidence(id);
    fs.rmSync(storedPath(app.ctx.blobs, lost!.storage_key));

    const check = await city.get('/api/v1/packages/410900/archive');
    expect(check.statusCode).toBe(409);
    expect(check.json().message).toContain(lost!.original_name);
    const res = await city.get('/api/v1/packages/410900/archive.zip');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'STORED_FILE_MISSING' });
    expect(res.json().message).toContain(lost!.original_name);
    expect(res.json().message).toContain('濮阳缺失材料测试平台');
  });
});
