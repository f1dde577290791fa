import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { createTestApp } from '../../test-support/harness.js';
import { fillCompletely, registerUnit, uploadEvidenceFile as upload } from '../../test-support/applications.js';
import {
  institutionsWorkbook,
  makeUscc,
  rosterRows,
  rosterWorkbook,
  tinyPdf,
  tinyPng,
  zipWith,
} from '../../test-support/fixtures.js';
import { multipart, TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
beforeAll(async () => {
  app = await createTestApp({ clock, env: { MAX_UPLOAD_MB: '1' } });
});
afterAll(async () => app.close());

describe('the applicant declaration over HTTP', () => {
  it('routes 航空港区 to 郑州 and creates one draft in the open demo batch', async () => {
    const { client } = await registerUnit(app, 1, '410100-HKQ');
    const view = (await client.get('/api/v1/my/application')).json();
    expect(view.authorityCode).toBe('410100');
    expect(view.batchId).toBe('2022-demo');
    expect(view.status).toBe('draft');
  });

  it('evaluates the draft live with the precheck codes and lists what is missing', async () => {
    const { client, id } = await registerUnit(app, 2);
    const res = await client.patch(`/api/v1/applications/${id}`, {
      platformName: '示范 服务平台',
      serviceStaff: 14,
      totalAssetsWan: 200,
    });
    expect(res.statusCode).toBe(200);
    const codes = res.json().eligibility.failures.map((f: { code: string }) => f.code);
    expect(codes).toEqual([
      'NAME_FORBIDDEN_WORD',
      'CATEGORY_MISSING',
      'STAFF_BELOW_MIN',
      'INSTITUTIONS_BELOW_MIN',
      'ENTERPRISES_SERVED_BELOW_MIN',
    ]);
    const missing = res.json().incomplete.map((i: { field: string }) => i.field);
    expect(missing).toContain('registeredOn');
    expect(missing).toContain('business_license');
  });

  it('rejects a draft field of the wrong type with the field named', async () => {
    const { client, id } = await registerUnit(app, 3);
    const res = await client.patch(`/api/v1/applications/${id}`, { serviceStaff: -3, preferentialSharePercent: 120 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'serviceStaff',
      'preferentialSharePercent',
    ]);
  });

  it('imports a roster with row-level errors and nothing on failure', async () => {
    const { client, id } = await registerUnit(app, 4);
    const rows = rosterRows(5);
    rows[1]!.uscc = '91410300MA0000000X';
    rows[3]!.uscc = rows[0]!.uscc;
    rows[4]!.contactName = '';
    const mp = multipart('名单.xlsx', await rosterWorkbook(rows));
    const res = await client.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/roster`,
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().rowErrors).toEqual([
      expect.objectContaining({ row: 3, field: 'uscc' }),
      expect.objectContaining({ row: 5, field: 'uscc', message: expect.stringContaining('与第2行重复') }),
      expect.objectContaining({ row: 6, field: 'contactName' }),
    ]);
    expect((await client.get(`/api/v1/applications/${id}/roster`)).json().count).toBe(0);
  });

  it('imports institutions from Excel', async () => {
    const { client, id } = await registerUnit(app, 5);
    const mp = multipart('机构.xlsx', await institutionsWorkbook([{ name: '机构甲', uscc: makeUscc(77) }]));
    const res = await client.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/institutions/import`,
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().institutions).toEqual([expect.objectContaining({ name: '机构甲', agreementFileId: null })]);
  });

  it('stores uploads with Chinese names and both digests, refuses wrong types and over-size files leaving nothing', async () => {
    const { client, id } = await registerUnit(app, 6);
    const ok = await upload(client, id, 'business_license', '营业执照（副本）.png', tinyPng());
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      originalName: '营业执照（副本）.png',
      mediaType: 'image/png',
      sizeBytes: tinyPng().length,
    });
    await app.ctx.digests.idle();
    const stored = (await client.get(`/api/v1/applications/${id}`))
      .json()
      .evidence.find((e: { id: string }) => e.id === ok.json().id);
    expect(stored).toMatchObject({
      sha256: createHash('sha256').update(tinyPng()).digest('hex'),
      sm3: createHash('sm3').update(tinyPng()).digest('hex'),
    });

    const fake = await upload(client, id, 'business_license', '伪装.pdf', Buffer.from('MZ this is an executable'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('UNSUPPORTED_FILE_TYPE');

    const big = await upload(
      client,
      id,
      'assets_report',
      '审计报告.pdf',
      Buffer.concat([tinyPdf(), Buffer.alloc(1024 * 1024 + 10)]),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('FILE_TOO_LARGE');

    const ofd = await upload(
      client,
      id,
      'business_license',
      '营业执照.ofd',
      await zipWith({ 'OFD.xml': '<ofd:OFD/>' }),
    );
    expect(ofd.json().mediaType).toBe('application/ofd');
    const xlsxAsLicence = await upload(
      client,
      id,
      'business_license',
      '营业执照.pdf',
      await zipWith({ 'xl/workbook.xml': '<w/>' }),
    );
    expect(xlsxAsLicence.statusCode).toBe(415);
    const unknownType = await upload(client, id, 'secret_type', 'a.pdf', tinyPdf());
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.json().errors[0].field).toBe('evidenceType');

    const staging = path.join(app.ctx.config.filesDir, '.staging');
    expect(fs.readdirSync(staging)).toEqual([]);
    const view = (await client.get('/api/v1/my/application')).json();
    expect(view.evidence).toHaveLength(2);

    const dl = await client.get(`/api/v1/applications/${id}/evidence/${ok.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(tinyPng())).toBe(true);
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('营业执照（副本）.png'));
  });

  it('refuses submission with every failing rule, then submits once however often it is clicked', async () => {
    const { client, id } = await registerUnit(app, 7);
    const refused = await client.post(`/api/v1/applications/${id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('NOT_ELIGIBLE');
    expect(refused.json().failures.length).toBeGreaterThan(5);

    await fillCompletely(client, id);
    const results = await Promise.all([1, 2, 3].map(() => client.post(`/api/v1/applications/${id}/submit`)));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const receipts = new Set(results.map((r) => r.json().receiptNo));
    expect(receipts.size).toBe(1);
    const receipt = results[0]!.json();
    expect(receipt.submittedAtText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}（北京时间）$/);
    expect(receipt.files.length).toBe(11);
    expect(
      receipt.files.every((f: { sha256: string; sm3: string }) => f.sha256.length === 64 && f.sm3.length === 64),
    ).toBe(true);
    const versions = await app.ctx.db
      .selectFrom('application_versions')
      .selectAll()
      .where('application_id', '=', id)
      .execute();
    expect(versions).toHaveLength(1);

    const city = await new TestClient(app).login('luoyang');
    const listed = (await city.get('/api/v1/applications')).json().items.find((i: { id: string }) => i.id === id);
    expect(listed).toMatchObject({
      status: 'submitted',
      eligible: true,
      failureCodes: [],
      authorityName: '洛阳市',
      contactPhone: '138****1111',
    });

    const edit = await client.patch(`/api/v1/applications/${id}`, { serviceStaff: 30 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('NOT_EDITABLE');
  });

  it('refuses submission once the batch has closed, by the server clock', async () => {
    const { client, id } = await registerUnit(app, 8);
    await fillCompletely(client, id);
    const batch = await app.ctx.references.findBatch('2022-demo');
    const deadline = Date.parse(batch!.config.applicationDeadline!);
    clock.set(new Date(deadline + 999));
    await client.login('unit8', 'Passw0rd!');
    const openAt = async () =>
      (await client.get('/api/v1/batches')).json().find((b: { id: string }) => b.id === '2022-demo').open;
    expect(await openAt()).toBe(true);
    clock.set(new Date(deadline + 1000));
    expect(await openAt()).toBe(false);
    try {
      await client.login('unit8', 'Passw0rd!');
      const res = await client.post(`/api/v1/applications/${id}/submit`);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('BATCH_CLOSED');
      expect((await app.ctx.applications.findById(id))!.status).toBe('draft');
    } finally {
      clock.set('2026-11-24T02:00:00Z');
    }
  });
});
