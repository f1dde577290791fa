import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchConfigSchema } from '#contract';
import { registerUnit, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from '../http/app.js';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { renderApplicationDossierDocx } from './application-dossier-docx.js';
import { renderApplicationDossierPdf } from './application-dossier-pdf.js';
import { buildApplicationDossier, dossierSections, type DossierInput } from './application-dossier.js';
import { entryText, zipNames } from './zip-entry.test-support.js';

const config = batchConfigSchema.parse(batch2022.config);
const hex = (seed: string) => createHash('sha256').update(seed).digest('hex');

/** An application with 20 institutions, `rosterSize` roster rows and long names with rare characters (𠮷, 堃). */
function input(rosterSize: number, submitted: boolean): DossierInput {
  return {
    year: 2022,
    config,
    form: {
      platformName: '洛阳𠮷堃中小企业科技创新与数字化转型综合公共服务示范平台',
      categories: ['信息服务', '技术服务'],
      description: '为中小企业提供政策咨询、融资对接、培训等综合服务。\n拥有专家库与检测实验室。',
      registeredOn: '2015-03-02',
      address: '河南省洛阳市涧西区长安路1号',
      legalRepresentative: '王堃',
      principalName: '李𠮷',
      principalTitle: '总经理',
      contactName: '张三',
      contactPhone: '13812345678',
      channel: 'quota',
      totalAssetsWan: 1234.56,
      serviceStaff: 45,
      preferentialSharePercent: 35,
    },
    unitName: '洛阳𠮷堃科技服务有限公司',
    uscc: '91410300MA44ABCD1X',
    regionName: '洛阳市',
    cityName: '洛阳市',
    institutions: Array.from({ length: 20 }, (_, i) => ({
      name: `合作机构${i + 1}号检测中心有限公司`,
      uscc: `91410300MA44AB${String(i).padStart(4, '0')}`,
      agreementName: i % 2 ? `合作协议${i + 1}.pdf` : null,
    })),
    roster: Array.from({ length: rosterSize }, (_, i) => ({
      enterprise_name: `服务企业${i + 1}号有限公司`,
      uscc: `91410300MA45${String(i).padStart(6, '0')}`,
      contact_name: `联系人${i + 1}`,
      position: '经理',
      phone: `139${String(10_000_000 + i).slice(-8)}`,
      service: ['技术咨询', '融资对接', '人才培训'][i % 3]!,
      served_on: '2021-05-06',
    })),
    evidence: config.evidenceTypes.map((t, i) => ({
      evidenceType: t.key,
      originalName: `${t.label}扫描件.pdf`,
      sizeBytes: 100_000 * (i + 1),
      sha256: hex(`sha-${i}`),
      sm3: hex(`sm3-${i}`),
    })),
    submittedOn: submitted ? '2022-11-20' : null,
    receiptNo: submitted ? 'SB20221120103000410300123456' : null,
  };
}

const dir = path.resolve('test-artifacts/documents');
function save(name: string, body: Buffer): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}
const pdftotext = (file: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const squeeze = (s: string) => s.replace(/\s+/g, '');
const pageCount = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
/** A page's text in the order it is drawn (the watermark first, then each table cell line by line), spaces removed. */
const pageText = (file: string, page: number) =>
  squeeze(pdftotext(file, '-raw', '-f', String(page), '-l', String(page)));

describe('申报书 PDF', () => {
  const draft = buildApplicationDossier(input(200, false));
  let file: string;
  beforeAll(async () => {
    file = save('application-dossier-draft.pdf', await renderApplicationDossierPdf(draft));
  });

  it('has a cover with the platform, unit, city, a blank 申报日期 and room for the seal and signature', () => {
    const cover = pageText(file, 1);
    for (const text of [
      '2022年度',
      '河南省中小企业公共服务示范平台申报书',
      '洛阳𠮷堃中小企业科技创新与数字化转型综合公共服务示范平台',
      '运营单位：洛阳𠮷堃科技服务有限公司',
      '推荐单位：洛阳市',
      '申报日期：年月日',
      '申报单位（盖章）：',
      '法定代表人（签字）：',
    ])
      expect(cover).toContain(text);
    const lines = pdftotext(file, '-f', '1', '-l', '1', '-bbox');
    const top = (word: string) => Number(new RegExp(`yMin="([\\d.]+)"[^>]*>${word}`).exec(lines)![1]);
    // 42 mm (119 pt) for the seal between 申报单位（盖章） and the signature line.
    expect(top('法定代表人（签字）：') - top('申报单位（盖章）：')).toBeGreaterThanOrEqual(119);
  });

  it('prints every field, the institutions, the roster summary and every roster row with its phone masked', () => {
    const text = squeeze(pdftotext(file, '-raw'));
    for (const f of draft.fields) expect(text, f.label).toContain(squeeze(`${f.label}${f.value}`));
    expect(text).toContain('上年末资产总额1234.56万元');
    expect(text).toContain('注册登记时间2015年3月2日');
    expect(text).toContain('申报渠道洛阳市推荐名额');
    expect(text).toContain('为中小企业提供政策咨询、融资对接、培训等综合服务。');
    for (const i of draft.institutions) expect(text).toContain(`${i.name}${i.uscc}`);
    expect(text).toContain('上年度服务企业共200家');
    expect(text).toContain('技术咨询67');
    for (let i = 0; i < 200; i++) {
      const phone = `139${String(10_000_000 + i).slice(-8)}`;
      expect(text).toContain(
        `服务企业${i + 1}号有限公司91410300MA45${String(i).padStart(6, '0')}联系人${i + 1}经理139****${phone.slice(-4)}`,
      );
      expect(text).not.toContain(phone);
    }
    expect(text).toContain('联系电话属个人信息');
  });

  it('prints each evidence file with its type and both digests in full', () => {
    const raw = squeeze(pdftotext(file, '-raw'));
    for (const [i, t] of config.evidenceTypes.entries()) {
      expect(raw).toContain(`${t.label}扫描件.pdf`);
      expect(raw).toContain(`SHA-256:${hex(`sha-${i}`)}SM3:${hex(`sm3-${i}`)}`);
    }
  });

  it('numbers every page after the cover, lists the sections at their pages and marks every page 草稿', () => {
    const pages = pageCount(file);
    expect(pages).toBeGreaterThan(5);
    expect(pageText(file, 1)).not.toContain('第1页');
    const toc = pageText(file, 2);
    for (let p = 1; p <= pages; p++) {
      const text = pageText(file, p);
      if (p > 1) expect(text, `page ${p}`).toContain(`第${p}页共${pages}页`);
      expect(text, `page ${p}`).toContain('草稿');
    }
    for (const s of dossierSections) {
      const listed = Number(new RegExp(`${squeeze(s)}\\.+(\\d+)`).exec(toc)![1]);
      expect(pageText(file, listed), s).toContain(squeeze(s));
    }
  });

  it('after submission shows the date and receipt number, without the watermark', async () => {
    const submitted = save(
      'application-dossier-submitted.pdf',
      await renderApplicationDossierPdf(buildApplicationDossier(input(200, true))),
    );
    const text = squeeze(pdftotext(submitted, '-raw'));
    expect(pageText(submitted, 1)).toContain('申报日期：2022年11月20日');
    expect(pageText(submitted, 1)).toContain('SB20221120103000410300123456');
    expect(text).not.toContain('草稿');
  });

  it('embeds the fonts and draws rare characters from the fallback font', () => {
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSerifSC/);
    expect(fonts).toMatch(/HanaMin[AB]/);
  });

  it('renders a roster of 3,000 enterprises in a few seconds', async () => {
    const started = Date.now();
    const pdf = await renderApplicationDossierPdf(buildApplicationDossier(input(3000, true)));
    expect(Date.now() - started).toBeLessThan(8000);
    const big = save('application-dossier-3000.pdf', pdf);
    expect(squeeze(pdftotext(big, '-f', String(pageCount(big))))).toContain('服务企业3000号有限公司');
  });
});

describe('申报书 Word', () => {
  it('holds the cover, fields, lists and digests, with the 草稿 watermark in the header of a draft only', async () => {
    const d = buildApplicationDossier(input(200, false));
    const docx = await renderApplicationDossierDocx(d);
    save('application-dossier-draft.docx', docx);
    const xml = squeeze((await entryText(docx, 'word/document.xml')).replace(/<[^>]+>/g, ''));
    for (const text of [
      '河南省中小企业公共服务示范平台申报书',
      '申报单位（盖章）：',
      '法定代表人（签字）：',
      d.platformName,
    ])
      expect(xml).toContain(text);
    for (const f of d.fields) expect(xml, f.label).toContain(squeeze(`${f.label}${f.value}`));
    for (const i of d.institutions) expect(xml).toContain(i.name);
    expect(xml).toContain('服务企业200号有限公司');
    expect(xml).toContain('139****0199');
    for (const i of config.evidenceTypes.keys())
      expect(xml).toContain(`SHA-256:${hex(`sha-${i}`)}SM3:${hex(`sm3-${i}`)}`);
    const headers = (await Promise.all([1, 2].map((n) => entryText(docx, `word/header${n}.xml`)))).join('');
    expect(headers).toContain('string="草稿"');

    const final = await renderApplicationDossierDocx(buildApplicationDossier(input(200, true)));
    save('application-dossier-final.docx', final);
    expect(await entryText(final, 'word/document.xml')).toContain('2022年11月20日');
    for (const header of (await zipNames(final)).filter((n) => /^word\/header\d*\.xml$/.test(n)))
      expect(await entryText(final, header)).not.toContain('草稿');
  });

  it('renders in LibreOffice on several pages, with page numbers, the contents pages and the watermark', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-dossier-'));
    try {
      const convert = async (name: string, submitted: boolean) => {
        const input2 = path.join(work, `${name}.docx`);
        fs.writeFileSync(input2, await renderApplicationDossierDocx(buildApplicationDossier(input(200, submitted))));
        execFileSync(
          'soffice',
          [
            '--headless',
            `-env:UserInstallation=file://${work}/profile`,
            '--convert-to',
            'pdf',
            '--outdir',
            work,
            input2,
          ],
          { timeout: 120_000, stdio: 'pipe' },
        );
        const pdf = path.join(work, `${name}.pdf`);
        fs.copyFileSync(pdf, path.join(dir, `libreoffice-application-dossier-${name}.pdf`));
        return pdf;
      };
      /** Pixels of the watermark's light grey (#d9d9d9) on page 3, rendered without anti-aliasing. */
      const greyPixels = (pdf: string) => {
        const out = path.join(work, 'page');
        execFileSync('pdftoppm', [
          '-gray',
          '-r',
          '30',
          '-aa',
          'no',
          '-aaVector',
          'no',
          '-f',
          '3',
          '-l',
          '3',
          '-singlefile',
          pdf,
          out,
        ]);
        const pgm = fs.readFileSync(`${out}.pgm`);
        const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'))!;
        const pixels = pgm.subarray(pgm.length - Number(width) * Number(height));
        return pixels.filter((v) => v >= 200 && v <= 235).length;
      };
      const draftPdf = await convert('draft', false);
      const pages = pageCount(draftPdf);
      expect(pages).toBeGreaterThan(1);
      expect(pageText(draftPdf, 3)).toContain(`第3页共${pages}页`);
      const toc = pageText(draftPdf, 2);
      const appendix = Number(/附录服务企业名单\.+(\d+)/.exec(toc)![1]);
      expect(pageText(draftPdf, appendix)).toContain('附录服务企业名单');
      const finalPdf = await convert('final', true);
      expect(greyPixels(draftPdf)).toBeGreaterThan(1000);
      expect(greyPixels(finalPdf)).toBeLessThan(100);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('申报书 download', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  });
  afterAll(async () => app.close());

  it('gives the applicant its own, the city of its region and the province; nobody else', async () => {
    const { client, id, username } = await submittedApplication(app, '410300');
    const own = await client.get(`/api/v1/applications/${id}/documents/application.pdf`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain(encodeURIComponent('河南省中小企业公共服务示范平台申报书'));
    const word = await client.get(`/api/v1/applications/${id}/documents/application.docx`);
    expect(word.statusCode).toBe(200);
    expect(word.headers['content-type']).toContain('wordprocessingml');

    const other = (await registerUnit(app, 880_001, '411300')).client;
    expect([403, 404]).toContain((await other.get(`/api/v1/applications/${id}/documents/application.pdf`)).statusCode);
    const nanyang = await new TestClient(app).login('nanyang');
    expect([403, 404]).toContain(
      (await nanyang.get(`/api/v1/applications/${id}/documents/application.pdf`)).statusCode,
    );
    const luoyang = await new TestClient(app).login('luoyang');
    expect((await luoyang.get(`/api/v1/applications/${id}/documents/application.pdf`)).statusCode).toBe(200);
    const province = await new TestClient(app).login('province');
    expect((await province.get(`/api/v1/applications/${id}/documents/application.docx`)).statusCode).toBe(200);

    const downloads = (await app.ctx.audit.list(1000, 'document.download')).filter((e) => e.target_id === id);
    expect(
      downloads.map((e) => [e.actor_name, (JSON.parse(e.detail ?? '{}') as { document: string }).document]).sort(),
    ).toEqual(
      [
        [username, 'application-dossier.pdf'],
        [username, 'application-dossier.docx'],
        ['luoyang', 'application-dossier.pdf'],
        ['province', 'application-dossier.docx'],
      ].sort(),
    );
  });

  it('shows the draft with the watermark, then the submitted version however the record changes after', async () => {
    const { client, id } = await registerUnit(app, 880_002, '410300');
    await client.patch(`/api/v1/applications/${id}`, { platformName: '草拟中的平台名称' });
    const draftFile = save(
      'application-dossier-http-draft.pdf',
      (await client.get(`/api/v1/applications/${id}/documents/application.pdf`)).rawPayload,
    );
    expect(pageText(draftFile, 1)).toContain('草拟中的平台名称');
    expect(pageText(draftFile, 3)).toContain('草稿');

    const submitted = await submittedApplication(app, '410300', { platformName: '已提交的平台名称' });
    // The live record changed under the submitted version (as a returned draft's edits would be).
    const setStatus = (status: 'draft' | 'submitted') =>
      app.ctx.db.updateTable('applications').set({ status }).where('id', '=', submitted.id).execute();
    const row = await app.ctx.applications.findById(submitted.id);
    await setStatus('draft');
    const changed = { ...JSON.parse(row!.form), platformName: '提交后改动的名称' };
    expect(await app.ctx.applications.updateForm(submitted.id, JSON.stringify(changed), new Date())).toBe(true);
    await setStatus('submitted');
    const file = save(
      'application-dossier-http-submitted.pdf',
      (await submitted.client.get(`/api/v1/applications/${submitted.id}/documents/application.pdf`)).rawPayload,
    );
    const text = squeeze(pdftotext(file, '-raw'));
    expect(text).toContain('已提交的平台名称');
    expect(text).not.toContain('提交后改动的名称');
    expect(text).not.toContain('草稿');
    const receipt = (await submitted.client.get(`/api/v1/applications/${submitted.id}/receipt`)).json<{
      receiptNo: string;
      files: { sha256: string; sm3: string }[];
    }>();
    expect(pageText(file, 1)).toContain(receipt.receiptNo);
    const raw = squeeze(pdftotext(file, '-raw'));
    for (const f of receipt.files) expect(raw).toContain(`SHA-256:${f.sha256}SM3:${f.sm3}`);
  });
});
