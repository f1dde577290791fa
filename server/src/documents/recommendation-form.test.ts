import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from '../http/app.js';
import {
  buildRecommendationForm,
  renderRecommendationFormDocx,
  renderRecommendationFormPdf,
} from './recommendation-form.js';
import { entryText, zipNames } from './zip-entry.test-support.js';

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

interface Word {
  page: number;
  top: number;
  bottom: number;
  left: number;
  text: string;
}

/** The words of a PDF with their page (1-based) and box in points, from `pdftotext -bbox`. */
function wordsOf(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .flatMap((page, i) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({ page: i + 1, left: Number(m[1]), top: Number(m[2]), bottom: Number(m[3]), text: m[4]! }),
      ),
    );
}

const SEAL_PT = (42 / 25.4) * 72;
const sentence = '该平台服务体系健全，服务中小企业成效明显，运营管理规范，在区域内具有示范带动作用。';
const repeat = (chars: number) => sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
const opinions = {
  short: '同意推荐。特此推荐。',
  onePage: `${repeat(600)}特此推荐。`,
  longParagraphs: `${[repeat(700), repeat(900), repeat(800), repeat(500)].join('\n')}特此推荐。`,
  hugeParagraph: `${repeat(3990)}特此推荐。`,
};

const FINGERPRINT = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';

function sampleForm(rows: number, opinion: string, fingerprint: string | null = FINGERPRINT) {
  return buildRecommendationForm({
    unitName: '洛阳慧智中小企业服务有限公司',
    cityName: '洛阳市',
    minSurveyed: 10,
    methods: ['phone'],
    rows: Array.from({ length: rows }, (_, i) => ({
      enterpriseName: `洛阳市第${i + 1}号精密机械制造有限责任公司`,
      interviewee: '欧阳明远',
      position: '总经理',
      phone: `139${String(i).padStart(8, '0')}`,
      rating: (['very_satisfied', 'satisfied', 'dissatisfied'] as const)[i % 3]!,
    })),
    impact: '带动区域中小企业发展。',
    opinion,
    opinionDate: '2022-12-05',
    fingerprint,
  });
}

describe('附件3 推荐表 layout', () => {
  const dir = path.resolve('test-artifacts/documents');
  const cases = [
    [10, 'short'],
    [12, 'onePage'],
    [18, 'onePage'],
    [25, 'longParagraphs'],
    [10, 'hugeParagraph'],
    [30, 'short'],
  ] as const;

  it.each(cases)(
    'PDF, %i rows, %s opinion: （盖章） and the date with the end of the opinion, room for the seal',
    async (rows, kind) => {
      const form = sampleForm(rows, opinions[kind]);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `recommendation-form-${rows}-${kind}.pdf`);
      fs.writeFileSync(file, await renderRecommendationFormPdf(form));
      const words = wordsOf(file);
      const find = (pred: (w: Word) => boolean, what: string) => {
        const found = words.filter(pred);
        expect(found, what).not.toHaveLength(0);
        return found;
      };

      // Nothing of the opinion is lost where it runs across pages.
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
        .replace(/\s+/g, '')
        .replaceAll(`光盘材料指纹（SM3）：${FINGERPRINT.slice(0, 8)}…${FINGERPRINT.slice(-8)}`, '');
      expect(text).toContain(opinions[kind].replace(/\s+/g, ''));

      const end = find((w) => w.text.endsWith('特此推荐。'), 'end of the opinion').at(-1)!;
      const [seal] = find((w) => w.text === '（盖章）', '（盖章）');
      const [date] = find((w) => w.text === '2022年12月5日', 'date');
      expect([seal!.page, date!.page]).toEqual([end.page, end.page]);
      // An opinion that fits on a page is never broken: the whole cell, heading included, is on one page.
      if (kind === 'short' || kind === 'onePage') {
        const [heading] = find((w) => w.text.startsWith('省辖市、济源示范区'), 'opinion heading');
        expect(heading!.page).toBe(end.page);
      }
      // A 42 mm round seal fits between the opinion and （盖章）, the date below it.
      expect(seal!.top - end.bottom).toBeGreaterThanOrEqual(SEAL_PT);
      expect(date!.top).toBeGreaterThan(seal!.bottom);

      // Every phone number on one line, every rating header on one line.
      for (const r of form.rows)
        expect(
          words.filter((w) => w.text === r.phone),
          r.phone,
        ).toHaveLength(1);
      for (const header of ['很满意', '基本满意', '不满意']) find((w) => w.text === header, header);

      // The attachment label at the top left of the first page.
      const [label] = find((w) => w.text === '附件3', '附件3');
      expect(label!.page).toBe(1);
      expect(words.filter((w) => w.page === 1).every((w) => w.top >= label!.top && w.left >= label!.left)).toBe(true);
    },
  );

  it('prints the fingerprint of the disc: short form and QR code on the cover, short form on every later page', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'recommendation-form-fingerprint.pdf');
    fs.writeFileSync(file, await renderRecommendationFormPdf(sampleForm(25, opinions.longParagraphs)));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const short = '66c7f0f4…8f4ba8e0';
    for (let page = 1; page <= pages; page++) {
      const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, ''), `page ${page}`).toContain(`光盘材料指纹（SM3）：${short}`);
    }
    // The QR code is drawn as vector modules on the cover: many filled squares, none on the table pages.
    const cover = execFileSync('pdftocairo', ['-svg', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect((cover.match(/<path /g) ?? []).length).toBeGreaterThan(100);

    const without = path.join(dir, 'recommendation-form-no-fingerprint.pdf');
    fs.writeFileSync(without, await renderRecommendationFormPdf(sampleForm(10, opinions.short, null)));
    expect(execFileSync('pdftotext', [without, '-'], { encoding: 'utf8' })).not.toContain('指纹');

    const docx = await renderRecommendationFormDocx(sampleForm(12, opinions.short));
    const names = await zipNames(docx);
    const footers = await Promise.all(
      names.filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => entryText(docx, n)),
    );
    expect(footers.filter((f) => f.includes(short))).toHaveLength(1);
    expect(await entryText(docx, 'word/document.xml')).toContain('<w:titlePg/>');
    expect(names.some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
  });

  it('Word: label, columns wide enough for the phone and the rating headers, the seal row kept on one page', async () => {
    const form = sampleForm(12, opinions.longParagraphs);
    const xml = await entryText(await renderRecommendationFormDocx(form), 'word/document.xml');
    const paragraphText = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    expect(paragraphText(paragraphs[0]!)).toBe('附件3');

    // Grid widths less Word's default cell margins (2 × 115 twips, the widest default) against the text at 五号
    // (10.5 pt = 210 twips): 11 digits of up to 0.7 em, three or four full-width characters.
    const grid = [...(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/.exec(xml)?.[0] ?? '').matchAll(/w:w="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(grid).toHaveLength(7);
    const inner = (column: number) => grid[column]! - 2 * 115;
    expect(inner(3)).toBeGreaterThanOrEqual(11 * 0.7 * 210);
    expect(inner(4)).toBeGreaterThanOrEqual(3 * 210);
    expect(inner(5)).toBeGreaterThanOrEqual(4 * 210);
    expect(inner(6)).toBeGreaterThanOrEqual(3 * 210);

    // The last row (end of the opinion, （盖章）, the date) cannot split, with 42 mm blank above （盖章）.
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    const last = rows.at(-1)!;
    expect(last).toContain('<w:cantSplit/>');
    expect(last).toContain('特此推荐。');
    expect(last).toContain('2022年12月5日');
    const sealParagraph = [...last.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].find((m) => m[0].includes('（盖章）'))![0];
    expect(Number(/w:before="(\d+)"/.exec(sealParagraph)?.[1])).toBeGreaterThanOrEqual(Math.floor((42 / 25.4) * 1440));
  });
});
