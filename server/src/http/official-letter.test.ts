import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

let app: App;
let dir: string;
beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-letter-'));
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pdfText = (pdf: Buffer, name: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

const settings = {
  officialName: '洛阳市工业和信息化局',
  letterhead: '洛阳市工业和信息化局',
  docNumberPrefix: '洛工信函',
  contactName: '张明',
  contactPhone: '0379-63200000',
  nextNumber: 5,
  documentDate: null as string | null,
};

describe('推荐文件 as a 公文: settings, 发文字号 and 成文日期', () => {
  it('starts from defaults, refuses bad settings naming the field, and numbers the letter at submission', async () => {
    const city = await new TestClient(app).login('luoyang');
    const initial = (await city.get('/api/v1/city/package/letter')).json();
    expect(initial).toMatchObject({
      officialName: '洛阳市工业和信息化局',
      docNumberPrefix: '洛工信函',
      nextNumber: 1,
      minNextNumber: 1,
      nextDocNumber: '洛工信函〔2022〕1号',
      documentDate: null,
      documentDateLocked: false,
    });
    const batch = (await app.ctx.references.findBatch('2022-demo'))!;
    const { noticeDate } = batch.config;

    for (const [patch, field, words] of [
      [{ docNumberPrefix: 'LY函' }, 'docNumberPrefix', '发文机关代字'],
      [{ nextNumber: 0 }, 'nextNumber', '下一发文序号'],
      [{ contactPhone: '12345' }, 'contactPhone', '联系电话'],
      [{ officialName: '' }, 'officialName', '发文机关署名'],
      [{ documentDate: '2000-01-01' }, 'documentDate', '成文日期'],
      [{ documentDate: '2022-02-30' }, 'documentDate', '成文日期'],
    ] as const) {
      const res = await city.put('/api/v1/city/package/letter', { ...settings, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      const error = res.json().errors.find((e: { field: string }) => e.field === field);
      expect(error?.message, JSON.stringify(res.json())).toContain(words);
    }
    expect((await city.get('/api/v1/city/package/letter')).json().nextNumber).toBe(1);

    const saved = await city.put('/api/v1/city/package/letter', { ...settings, documentDate: noticeDate });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      nextNumber: 5,
      nextDocNumber: '洛工信函〔2022〕5号',
      documentDate: noticeDate,
    });
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'package.letter_settings')
      .execute();
    expect(audit).toHaveLength(1);

    const { id } = await submittedApplication(app, '410300', { platformName: '洛阳公文测试服务平台' });
    await makeReadyForRecommendation(city, id);
    expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
    const draft = pdfText((await city.get('/api/v1/packages/410300/letter.pdf')).rawPayload, 'draft.pdf');
    expect(draft).toContain('洛工信函〔2022〕号');

    // Two clicks on 报送 at once: one submission, one number.
    const [a, b] = await Promise.all([
      city.post('/api/v1/city/package/submit'),
      city.post('/api/v1/city/package/submit'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const submitted = (await city.get('/api/v1/city/package')).json();
    expect(submitted.letter).toMatchObject({ docNumber: '洛工信函〔2022〕5号', documentDate: noticeDate });
    expect(submitted.letter.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const after = (await city.get('/api/v1/city/package/letter')).json();
    expect(after).toMatchObject({ nextNumber: 6, minNextNumber: 6, documentDateLocked: true });

    const [y, m, d] = noticeDate.split('-').map(Number);
    const letter = pdfText((await city.get('/api/v1/packages/410300/letter.pdf')).rawPayload, 'letter.pdf');
    for (const expected of [
      '洛工信函〔2022〕5号',
      `${y}年${m}月${d}日`,
      '洛阳市工业和信息化局',
      '张明',
      `${submitted.letter.fingerprint.slice(0, 8)}…${submitted.letter.fingerprint.slice(-8)}`,
    ])
      expect(letter).toContain(expected);

    // A number given cannot be given again; the 成文日期 of a submitted letter is fixed.
    const back = await city.put('/api/v1/city/package/letter', {
      ...settings,
      nextNumber: 5,
      documentDate: noticeDate,
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].message).toContain('不能小于6');
    const redate = await city.put('/api/v1/city/package/letter', { ...settings, nextNumber: 6, documentDate: null });
    expect(redate.statusCode).toBe(409);

    // The province's receipt shows the same number and fingerprint; a returned and resubmitted package
    // takes the next number, the first stays retired.
    const province = await new TestClient(app).login('province');
    expect((await province.get('/api/v1/packages/410300')).json().letter).toEqual(submitted.letter);
    expect((await province.post('/api/v1/packages/410300/return', { remarks: '请补充' })).statusCode).toBe(200);
    expect((await city.get('/api/v1/city/package/letter')).json().documentDateLocked).toBe(false);
    const again = await city.post('/api/v1/city/package/submit');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().letter).toMatchObject({
      docNumber: '洛工信函〔2022〕6号',
      fingerprint: submitted.letter.fingerprint,
    });
    const numbers = await app.ctx.db
      .selectFrom('package_versions')
      .select('doc_number')
      .where('authority_code', '=', '410300')
      .orderBy('version')
      .execute();
    expect(numbers.map((n) => n.doc_number)).toEqual(['洛工信函〔2022〕5号', '洛工信函〔2022〕6号']);
  });

  it('gives every one of many simultaneous takers a different number', async () => {
    const taken = await Promise.all(
      Array.from({ length: 16 }, () => app.ctx.transaction((tx) => tx.letters.takeNumber('410500', 2022))),
    );
    expect([...taken].sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(await app.ctx.letters.findSequence('410500', 2022)).toMatchObject({ next_number: 17, last_given: 16 });
  });

  it('gives no letter to a city that recommends nothing', async () => {
    const city = await new TestClient(app).login('nanyang');
    const res = await city.get('/api/v1/packages/411300/letter.pdf');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('尚未推荐');
  });
});
