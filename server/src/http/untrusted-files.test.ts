import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUnit, submittedApplication, uploadEvidenceFile } from '../../test-support/applications.js';
import { craftZip, storedEntry, workbookBomb, xrefTablePdf } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { multipart, TestClient } from '../../test-support/http.js';
import type { App } from './app.js';
import { INLINE_CSP } from './downloads.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.close());

describe('hostile uploads', () => {
  it('refuses a decompression bomb posted as the roster with a 422 in Chinese, without inflating it', async () => {
    const { client, id } = await registerUnit(app, 880_001);
    const bomb = multipart('服务企业名单.xlsx', workbookBomb(1 << 30, 1000));
    expect(bomb.payload.length).toBeLessThan(1.1 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const res = await client.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/roster`,
      payload: bomb.payload,
      headers: bomb.headers,
    });
    const grown = process.memoryUsage().rss - before;
    expect(res.statusCode, res.body).toBe(422);
    const message = '文件中的“xl/worksheets/sheet1.xml”解压后的大小与文件头声明的不符，文件已损坏或被恶意构造，未导入';
    expect(res.json()).toMatchObject({
      code: 'WORKBOOK_REJECTED',
      message: `Excel ${message}`,
      errors: [{ field: 'file', message: `Excel ${message}` }],
    });
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    expect(await app.ctx.blobs.stagingCount()).toBe(0);
    expect((await client.get('/api/v1/my/application')).json().evidence).toEqual([]);
  });

  it('refuses a roster whose headers declare more than 50 MB, and one with too many parts', async () => {
    const { client, id } = await registerUnit(app, 880_002);
    const big = multipart('名单.xlsx', workbookBomb(60 * 1024 * 1024));
    const res = await client.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/roster`,
      payload: big.payload,
      headers: big.headers,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('超过 50.0 MB 的上限');
    expect(res.json().errors).toEqual([{ field: 'file', message: res.json().message }]);
    const parts = [
      storedEntry('xl/workbook.xml', '<workbook/>'),
      ...Array.from({ length: 1000 }, (_, i) => storedEntry(`xl/part${i}.xml`, '<x/>')),
    ];
    const many = multipart('名单.xlsx', craftZip(parts));
    const refused = await client.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/roster`,
      payload: many.payload,
      headers: many.headers,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('包含 1001 个压缩部件，超过 1000 个的上限');
  });

  it('refuses a truncated PDF as evidence with a 415 that says it is incomplete', async () => {
    const { client, id } = await registerUnit(app, 880_003);
    const pdf = xrefTablePdf();
    const res = await uploadEvidenceFile(
      client,
      id,
      'business_license',
      '营业执照.pdf',
      pdf.subarray(0, pdf.length - 40),
    );
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().message).toContain('不是完整的 PDF（文件可能已损坏或被截断），请重新导出后上传');
    expect(res.json().errors[0].field).toBe('file');
    expect(await app.ctx.blobs.stagingCount()).toBe(0);
    expect((await uploadEvidenceFile(client, id, 'business_license', '营业执照.pdf', pdf)).statusCode).toBe(201);
  });
});

describe('inline previews', () => {
  it('sandboxes inline evidence and inline generated PDFs, framed by this origin only; downloads stay attachments', async () => {
    const { client, id } = await submittedApplication(app);
    const file = (await client.get('/api/v1/my/application'))
      .json<{ evidence: { id: string; evidenceType: string }[] }>()
      .evidence.find((e) => e.evidenceType === 'business_license')!;
    const city = await new TestClient(app).login('luoyang');
    const answers = {
      evidence: await city.get(`/api/v1/applications/${id}/evidence/${file.id}?inline=1`),
      statement: await city.get(`/api/v1/applications/${id}/documents/site-check-statement.pdf?inline=1`),
    };
    for (const [what, res] of Object.entries(answers)) {
      expect(res.statusCode, what).toBe(200);
      expect(res.headers['content-type'], what).toBe('application/pdf');
      expect(res.headers['content-disposition'], what).toMatch(/^inline;/);
      expect(res.headers['content-security-policy'], what).toBe(INLINE_CSP);
      expect(res.headers['x-frame-options'], what).toBe('SAMEORIGIN');
    }
    expect(INLINE_CSP).toBe(
      "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
    );
    const download = await city.get(`/api/v1/applications/${id}/evidence/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-frame-options']).toBe('DENY');
  });
});
