import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { lineWith, MM, readPdfIn, widthOf, type Line } from './pdf-layout.test-support.js';
import {
  buildRecognitionDecision,
  renderRecognitionDecisionDocx,
  renderRecognitionDecisionPdf,
  type DecisionInput,
  type DecisionPlatform,
} from './recognition-decision.js';
import { entryText } from './zip-entry.test-support.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-decision-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const readPdf = (name: string, pdf: Buffer) => readPdfIn(dir, name, pdf);

const cities = ['郑州市', '洛阳市', '三门峡市', '济源示范区', '南阳市'];
const number = (i: number) => `豫中小服示〔2026〕${String(i).padStart(3, '0')}号`;
/** 60 platforms, names of one to three lines in their cells. */
const platforms: DecisionPlatform[] = Array.from({ length: 60 }, (_, i) => ({
  platformName: i % 3 ? `第${i + 1}号智能制造产业链中小企业数字化转型公共服务平台` : `郑州第${i + 1}号中小企业服务平台`,
  unitName: `河南智造第${i + 1}号中小企业数字化服务有限公司`,
  cityName: cities[i % cities.length]!,
  certificateNumber: number(i + 1),
}));

const input = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  year: 2026,
  noticeTitle: '关于组织申报2026年度省级中小企业公共服务示范平台的通知',
  issuer: {
    officialName: '河南省工业和信息化厅',
    letterhead: '河南省工业和信息化厅文件',
    docNumberPrefix: '豫工信企业',
    contactName: null,
    contactPhone: null,
  },
  docSequence: 12,
  date: '2026-12-08',
  publicity: { firstDay: '2026-11-24', lastDay: '2026-11-30' },
  validity: { validFrom: '2027-01-01', validTo: '2029-12-31' },
  reportDueWords: '2月底',
  platforms,
  copyTo: ['工业和信息化部中小企业局'],
  ...overrides,
});

const HEADER = '序号平台名称运营单位所在地证书编号';
const TEXT_BOTTOM = (37 + 225) * MM;

describe('认定文件 (GB/T 9704 文件格式)', () => {
  it('is numbered from the province’s 发文字号 of the year it is made, titled in whole words', () => {
    const d = buildRecognitionDecision(input());
    expect(d.docNumber).toBe('豫工信企业〔2026〕12号');
    expect(buildRecognitionDecision(input({ docSequence: null })).docNumber).toBe('豫工信企业〔2026〕　号');
    expect(d.titleLines).toEqual(['关于认定2026年度河南省中小企业', '公共服务示范平台的通知']);
    expect(d.paragraphs[0]).toContain('现认定郑州第1号中小企业服务平台等60个平台为河南省中小企业公共服务示范平台');
    expect(d.paragraphs[0]).toContain('有效期自2027年1月1日至2029年12月31日');
    expect(d.paragraphs[1]).toContain('每年2月底前');
    expect(d.attachments).toEqual(['2026年度河南省中小企业公共服务示范平台名单']);
    expect(d.attachment.rows[1]).toEqual([
      '2',
      platforms[1]!.platformName,
      platforms[1]!.unitName,
      '洛阳市',
      '豫中小服示〔2026〕002号',
    ]);
    expect([d.copyTo, d.printer, d.printedOn]).toEqual([
      '抄送：工业和信息化部中小企业局。',
      '河南省工业和信息化厅办公室',
      '2026年12月8日印发',
    ]);
    const one = buildRecognitionDecision(input({ platforms: platforms.slice(0, 1) }));
    expect(one.paragraphs[0]).toContain('现认定郑州第1号中小企业服务平台为河南省中小企业公共服务示范平台');
  });

  it('is not made without a recognised platform', () => {
    expect(() => buildRecognitionDecision(input({ platforms: [] }))).toThrow(AppError);
  });
});

/** The attachment's pages: from the one headed 附件 to the last. */
const attachmentPages = (lines: Line[]) => lines.find((l) => l.text === '附件')!.page;

describe('认定文件 as PDF', { timeout: 60_000 }, () => {
  it('sets the 版头: the red 发文机关标志 35 mm into the 版心, the 发文字号 centred two lines under it', async () => {
    const pdf = readPdf('decision-3.pdf', await renderRecognitionDecisionPdf(buildRecognitionDecision(input())));
    expect(pdf.size).toMatch(/595\.2\d x 841\.89 pts \(A4\)/);
    const head = lineWith(pdf.lines, '河南省工业和信息化厅文件');
    expect(head.page).toBe(1);
    expect((head.left + head.right) / 2 / MM).toBeCloseTo(28 + 156 / 2, 0);
    // Noto Serif SC's em box starts 0.271 em under its line box's top: the em box's top is 72 mm from the page's.
    expect((head.top + 0.271 * 36) / MM).toBeCloseTo(37 + 35, 0);
    const docNumber = lineWith(pdf.lines, '豫工信企业〔2026〕12号');
    expect((docNumber.left + docNumber.right) / 2 / MM).toBeCloseTo(28 + 156 / 2, 0);
    expect((docNumber.top - (head.top + 0.271 * 36) - 36) / MM).toBeCloseTo((2 * 225) / 22, 0);
    const title = pdf.lines.filter((l) => l.page === 1 && l.top > docNumber.top).slice(0, 2);
    expect(title.map((l) => l.text)).toEqual(['关于认定2026年度河南省中小企业', '公共服务示范平台的通知']);
    const addressee = lineWith(pdf.lines, '各省辖市、济源示范区、航空港区工业和信息化主管部门：');
    expect(addressee.left / MM).toBeCloseTo(28, 0);
  });

  it('keeps the body on the grid of 22 lines of 28 characters, the seal’s room and the date four characters in', async () => {
    const pdf = readPdf('decision-body.pdf', await renderRecognitionDecisionPdf(buildRecognitionDecision(input())));
    const first = attachmentPages(pdf.lines);
    const body = pdf.lines.filter((l) => l.page > 1 && l.page < first && !l.text.includes('—'));
    for (const l of body) expect(widthOf(l.text)).toBeLessThanOrEqual(28);
    const page2 = body.filter((l) => l.page === 2);
    expect(page2[0]!.top / MM).toBeGreaterThan(36);
    expect(page2[0]!.top / MM).toBeLessThan(38);
    const lines = page2.filter((l) => l.heights.every((h) => Math.abs(h - 16) < 0.5));
    const pitches = lines.slice(1).map((l, i) => (l.top - lines[i]!.top) / MM / (225 / 22));
    for (const p of pitches) expect(Math.abs(p - Math.round(p))).toBeLessThan(0.05);
    const note = lineWith(pdf.lines, '附件：2026年度河南省中小企业公共服务示范平台名单');
    const signature = pdf.lines.findLast((l) => l.text === '河南省工业和信息化厅')!;
    const date = lineWith(pdf.lines, '2026年12月8日');
    expect([signature.page, date.page]).toEqual([note.page, note.page]);
    expect((signature.top - note.top) / MM).toBeCloseTo((3 * 225) / 22, 0);
    expect((210 - 26 - date.right / MM) / (156 / 28)).toBeCloseTo(4, 0);
    expect((signature.left + signature.right) / 2).toBeCloseTo((date.left + date.right) / 2, -1);
  });

  it('lists 60 platforms with the table’s header on every page and no row split, then the 版记 at the foot', async () => {
    const pdf = readPdf('decision-60.pdf', await renderRecognitionDecisionPdf(buildRecognitionDecision(input())));
    const first = attachmentPages(pdf.lines);
    expect(pdf.lines.find((l) => l.text === '公共服务示范平台名单')!.page).toBe(first);
    expect(pdf.pages - first).toBeGreaterThanOrEqual(3);
    for (let page = first; page <= pdf.pages; page++) {
      const onPage = pdf.lines.filter((l) => l.page === page && !/^—\d+—$/.test(l.text));
      const header = onPage.find((l) => l.text === HEADER);
      expect(header, `header on page ${page}`).toBeDefined();
      // At the top of each continuation page: under the table’s line and its cell padding.
      if (page > first) expect(header!.top / MM).toBeLessThan(39);
      for (const l of onPage) expect(l.top + Math.max(...l.heights)).toBeLessThanOrEqual(TEXT_BOTTOM + 1);
    }
    // Each row on one page: its number, its platform's first line and its certificate number together, in order.
    let previous = 0;
    for (const [i, p] of platforms.entries()) {
      const cert = lineWith(pdf.lines, p.certificateNumber);
      expect(cert.text.startsWith(`${i + 1}`)).toBe(true);
      expect(cert.text).toContain(p.platformName.slice(0, 8));
      const nameEnd = pdf.lines.slice(pdf.lines.indexOf(cert)).find((l) => l.text.includes(p.platformName.slice(-4)))!;
      expect(nameEnd.page, `row ${i + 1}`).toBe(cert.page);
      expect(cert.page).toBeGreaterThanOrEqual(previous);
      previous = cert.page;
    }
    // The 版记 on the last page: 抄送, then 印发机关 and 印发日期 one character in, the last line on the 版心's edge.
    const copy = lineWith(pdf.lines, '抄送：工业和信息化部中小企业局。');
    const printed = lineWith(pdf.lines, '河南省工业和信息化厅办公室');
    expect([copy.page, printed.page]).toEqual([pdf.pages, pdf.pages]);
    expect(printed.text).toBe('河南省工业和信息化厅办公室2026年12月8日印发');
    expect((printed.top - copy.top) / MM).toBeCloseTo(225 / 22, 0);
    expect((TEXT_BOTTOM - printed.top) / MM).toBeLessThan(225 / 22);
    expect((copy.left - 28 * MM) / 14).toBeCloseTo(1, 0);
    expect(((210 - 26) * MM - printed.right) / 14).toBeCloseTo(1, 0);
  });

  it('numbers every page, the first too: odd ones right and even ones left, 7 mm under the 版心', async () => {
    const pdf = readPdf('decision-folio.pdf', await renderRecognitionDecisionPdf(buildRecognitionDecision(input())));
    for (let page = 1; page <= pdf.pages; page++) {
      const folio = pdf.lines.find((l) => l.page === page && l.text === `—${page}—`);
      expect(folio, `page ${page}`).toBeDefined();
      expect((folio!.top - TEXT_BOTTOM) / MM).toBeGreaterThan(5);
      if (page % 2) expect((210 - 26) * MM - folio!.right).toBeCloseTo(14, -1);
      else expect(folio!.left - 28 * MM).toBeCloseTo(14, -1);
    }
  });
});

describe('认定文件 in Word', { timeout: 240_000 }, () => {
  it('repeats the list’s header row and keeps rows whole; the red line under the 发文字号', async () => {
    const xml = await entryText(
      await renderRecognitionDecisionDocx(buildRecognitionDecision(input())),
      'word/document.xml',
    );
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(61);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="C00000"/);
    for (const p of platforms) expect(xml).toContain(p.certificateNumber);
  });

  it('opens in LibreOffice with the list (certificate numbers on one line), its header on every page, page numbers and the 版记', async () => {
    const work = fs.mkdtempSync(path.join(dir, 'lo-'));
    const file = path.join(work, 'decision.docx');
    fs.writeFileSync(file, await renderRecognitionDecisionDocx(buildRecognitionDecision(input())));
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, file],
      { timeout: 120_000, stdio: 'pipe' },
    );
    const pdf = readPdf('libreoffice-decision.pdf', fs.readFileSync(path.join(work, 'decision.pdf')));
    expect(pdf.fonts).toMatch(/FandolFang/);
    expect(lineWith(pdf.lines, '河南省工业和信息化厅文件').page).toBe(1);
    const first = attachmentPages(pdf.lines);
    for (let page = first; page <= pdf.pages; page++)
      expect(
        pdf.lines.some((l) => l.page === page && l.text === HEADER),
        `header on page ${page}`,
      ).toBe(true);
    // Each certificate number whole on one line, 号 included (LibreOffice sets the digits in a wider fallback).
    for (const p of platforms)
      expect(
        pdf.lines.some((l) => l.text.includes(p.certificateNumber)),
        p.certificateNumber,
      ).toBe(true);
    for (let page = 1; page <= pdf.pages; page++)
      expect(pdf.lines.some((l) => l.page === page && l.text === `—${page}—`)).toBe(true);
    expect(lineWith(pdf.lines, '抄送：工业和信息化部中小企业局。').page).toBe(pdf.pages);
  });
});
