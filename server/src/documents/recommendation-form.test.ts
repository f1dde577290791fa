import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from '../http/app.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
});
afterAll(async () => app.close());

describe('附件3 推荐表', () => {
  it('fills the cover, the survey with every completed enterprise and its rating, the impact and the opinion', async () => {
    const city = await new TestClient(app).login('luoyang');
    const { id } = await submittedApplication(app, '410300');
    await makeReadyForRecommendation(city, id);
    const review = (await city.get(`/api/v1/applications/${id}/review`)).json();
    const firstEnterprise = review.survey.contacts[0].enterpriseName as string;

    const pdf = await city.get(`/api/v1/applications/${id}/documents/recommendation-form.pdf`);
    expect(pdf.statusCode).toBe(200);
    const dir = path.resolve('test-artifacts/documents');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'recommendation-form.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '河南省中小企业公共服务示范平台',
      '推荐表',
      '推荐省辖市（示范区）：洛阳市',
      '河南省工业和信息化厅制',
      '推荐单位组织测评情况（随机抽取，不少于10家）',
      '□上门拜访■电话询问',
      firstEnterprise.slice(0, 8),
      '13912345678',
      '很满意',
      '带动区域中小企业发展。',
      '同意推荐。',
      '（盖章）',
      '2022年12月5日',
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
    expect((text.match(/√/g) ?? []).length).toBe(10);
    // Printed 一式两份 at actual size: the viewer's print dialog opens with two copies.
    expect(pdf.rawPayload.toString('latin1')).toMatch(
      /\/NumCopies 2[\s\S]*\/PrintScaling \/None|\/PrintScaling \/None[\s\S]*\/NumCopies 2/,
    );
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSerifSC.*CID TrueType.*yes/);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(dir, 'recommendation-form')]);

    const docx = await city.get(`/api/v1/applications/${id}/documents/recommendation-form.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await app.ctx.audit.list(1000, 'personal_data.disclose');
    expect(audit.filter((e) => e.target_id === id && e.actor_name === 'luoyang').length).toBe(2);
  });

  it('推荐文件 lists the recommended platforms with channels, the site checks and each interview result', async () => {
    const city = await new TestClient(app).login('luoyang');
    const { id } = await submittedApplication(app, '410300', { platformName: '洛阳函件测试服务平台' });
    await makeReadyForRecommendation(city, id);
    expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
    const pdf = await city.get('/api/v1/packages/410300/letter.pdf');
    expect(pdf.statusCode).toBe(200);
    const file = path.resolve('test-artifacts/documents/recommendation-letter.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '洛阳市工业和信息化局',
      '关于推荐2022年度河南省中小企业公共服务示范平台的函',
      '省工业和信息化厅（中小企业局）：',
      '进行了现场核查（共1家）',
      '洛阳函件测试服务平台',
      '洛阳市推荐名额',
      '2022年12月2日与该单位董事长李四当面谈话',
      '承诺申报材料真实有效',
      '特此函告',
    ]) {
      expect(text).toContain(expected);
    }
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      file,
      path.resolve('test-artifacts/documents/recommendation-letter'),
    ]);
    const docx = await city.get('/api/v1/packages/410300/letter.docx');
    expect(docx.statusCode).toBe(200);
    expect((await city.get('/api/v1/packages/410100/letter.pdf')).statusCode).toBe(403);
  });
});
