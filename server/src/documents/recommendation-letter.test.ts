import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../domain/errors.js';
import { fingerprintWords } from './fingerprint.js';
import * as pdfModule from './pdf.js';
import {
  buildRecommendationLetter,
  formatDocNumber,
  renderRecommendationLetterDocx,
  renderRecommendationLetterFiles,
  renderRecommendationLetterPdf,
  type LetterInput,
  type LetterPlatform,
} from './recommendation-letter.js';
import { lineWith, MM, readPdfIn, widthOf } from './pdf-layout.test-support.js';
import { entryText } from './zip-entry.test-support.js';

// renderPdf as it is, counted: how many times a rendering lays out a PDF.
vi.mock('./pdf.js', async (importOriginal) => {
  const actual = await importOriginal<typeof pdfModule>();
  return { ...actual, renderPdf: vi.fn(actual.renderPdf) };
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-letter-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const platform: LetterPlatform = {
  platformName: '洛阳慧智中小企业公共服务平台',
  unitName: '洛阳慧智中小企业服务有限公司',
  channelWords: '市推荐名额',
  siteCheckedOn: '2022-06-18',
  interview: { heldOn: '2022-06-20', principalName: '王经理', principalTitle: '总经理', result: '符合要求' },
};

/** 20 platforms with long names; the first principal's name holds 堃 (not in FandolFang) and 𠮷 (Extension B). */
const manyPlatforms: LetterPlatform[] = Array.from({ length: 20 }, (_, i) => ({
  ...platform,
  platformName: `洛阳第${i + 1}号智能制造产业链中小企业数字化转型公共服务平台`,
  unitName: `洛阳智造第${i + 1}号中小企业数字化服务有限公司`,
  interview: { ...platform.interview!, principalName: i === 0 ? '王堃𠮷' : '王经理' },
}));

const HEX = '1a2b3c4d' + '0'.repeat(48) + '9f8e7d6c';

/** Four long platforms: three pages on the grid, so no tighter line pitch (see the one-platform case). */
const fourPlatforms = manyPlatforms.slice(0, 4);

const input = (overrides: Partial<LetterInput> = {}): LetterInput => ({
  year: 2022,
  issuer: {
    officialName: '洛阳市工业和信息化局',
    letterhead: '洛阳市工业和信息化局',
    docNumberPrefix: '洛工信函',
    contactName: '张三',
    contactPhone: '0379-63200000',
  },
  docSequence: 3,
  platforms: [platform],
  date: '2022-05-20',
  fingerprint: null,
  ...overrides,
});

const readPdf = (name: string, pdf: Buffer) => readPdfIn(dir, name, pdf);

describe('推荐文件 (GB/T 9704 信函格式)', () => {
  it('numbers the letter 洛工信函〔2022〕3号, with a blank number before submission', () => {
    expect(formatDocNumber('洛工信函', 2022, 3)).toBe('洛工信函〔2022〕3号');
    expect(formatDocNumber('汴工信函', 2023, 12)).toBe('汴工信函〔2023〕12号');
    expect(buildRecommendationLetter(input({ docSequence: null })).docNumber).toBe('洛工信函〔2022〕　号');
  });

  it('is not made for a city that recommends no platform', () => {
    expect(() => buildRecommendationLetter(input({ platforms: [] }))).toThrow(AppError);
    expect(() => buildRecommendationLetter(input({ platforms: [] }))).toThrow('该市尚未推荐任何平台，不生成推荐文件');
  });

  it('breaks the title between words, the longer line on top', () => {
    const letter = buildRecommendationLetter(input());
    expect(letter.titleLines).toEqual(['关于推荐2022年度河南省中小企业', '公共服务示范平台的函']);
    expect(letter.titleLines.join('')).toBe(letter.title);
  });

  it('puts the date four characters from the right and the signature centred over it', () => {
    const letter = buildRecommendationLetter(input());
    expect(letter.dateText).toBe('2022年5月20日');
    expect(letter.dateRight).toBe(4);
    // 10 characters over 6.5 (half-width digits): centred, 1.75 characters further right.
    expect(letter.signatureRight).toBe(2.25);
    expect(letter.note).toBe('（联系人：张三，联系电话：0379-63200000）');
    expect(buildRecommendationLetter(input({ issuer: { ...input().issuer, contactPhone: null } })).note).toBeNull();
  });
});

describe('推荐文件 as PDF', { timeout: 60_000 }, () => {
  it('sets A4 with the 版心 at 28 mm left and 37 mm top, 22 lines of 28 characters in FandolFang', async () => {
    const pdf = readPdf(
      'letter-20.pdf',
      await renderRecommendationLetterPdf(buildRecommendationLetter(input({ platforms: manyPlatforms }))),
    );
    expect(pdf.size).toMatch(/595\.2\d x 841\.89 pts \(A4\)/);
    expect(pdf.fonts).toMatch(/FandolFang-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);

    const addressee = lineWith(pdf.lines, '省工业和信息化厅（中小企业局）：');
    expect(addressee.left / MM).toBeCloseTo(28, 0);

    const page2 = pdf.lines.filter((l) => l.page === 2 && !l.text.includes('—'));
    expect(page2[0]!.top / MM).toBeGreaterThan(36);
    expect(page2[0]!.top / MM).toBeLessThan(38);
    const pitches = page2.slice(1).map((l, i) => (l.top - page2[i]!.top) / MM);
    for (const p of pitches) expect(Math.abs(p - 225 / 22)).toBeLessThan(0.3);
    expect(page2.length).toBe(22);

    const body = pdf.lines.filter((l) => l.page > 1 && !l.text.includes('—'));
    for (const l of body) expect(widthOf(l.text)).toBeLessThanOrEqual(28);
    expect(Math.max(...body.map((l) => widthOf(l.text)))).toBeGreaterThanOrEqual(27.5);
    // 三号 body: FandolFang's em box is its line box (ascent 0.88, descent 0.12): the word is 16 pt tall.
    const interview = lineWith(pdf.lines, '与该单位总经理王经理当面谈话');
    for (const h of interview.heights) expect(h).toBeCloseTo(16, 1);
  });

  it('prints the letterhead, the 发文字号 right on the 版心 and the 二号 title in whole words', async () => {
    const pdf = readPdf(
      'letter-4.pdf',
      await renderRecommendationLetterPdf(buildRecommendationLetter(input({ platforms: fourPlatforms }))),
    );
    const head = lineWith(pdf.lines, '洛阳市工业和信息化局');
    expect(head.page).toBe(1);
    expect((head.left + head.right) / 2 / MM).toBeCloseTo(28 + 156 / 2, 0);
    const number = lineWith(pdf.lines, '洛工信函〔2022〕3号');
    expect(number.right / MM).toBeCloseTo(210 - 26, 0);
    expect(number.top).toBeGreaterThan(head.top);
    const title = pdf.lines.filter((l) => l.page === 1 && l.top > number.top).slice(0, 2);
    expect(title.map((l) => l.text)).toEqual(['关于推荐2022年度河南省中小企业', '公共服务示范平台的函']);
    // Noto Serif SC's line box is 1.437 em (ascent 1.151, descent 0.286): 二号 is 22 pt.
    for (const h of title.flatMap((l) => l.heights)) expect(h / 1.437).toBeCloseTo(22, 0);
    // Two blank lines between the 发文字号 and the title.
    expect((title[0]!.top - number.top) / MM).toBeCloseTo((3 * 225) / 22, 0);
  });

  it('keeps the closing, attachments, signature and date together, the date four characters in', async () => {
    const pdf = readPdf(
      'letter-4b.pdf',
      await renderRecommendationLetterPdf(buildRecommendationLetter(input({ platforms: fourPlatforms }))),
    );
    const closing = lineWith(pdf.lines, '特此函告。');
    const signature = pdf.lines.findLast((l) => l.text === '洛阳市工业和信息化局')!;
    const date = lineWith(pdf.lines, '2022年5月20日');
    expect([signature.page, date.page]).toEqual([closing.page, closing.page]);
    expect((210 - 26 - date.right / MM) / (156 / 28)).toBeCloseTo(4, 0);
    expect((signature.left + signature.right) / 2).toBeCloseTo((date.left + date.right) / 2, -1);
    // Room for the seal: two blank lines between the last attachment and the signature.
    const lastAttachment = lineWith(pdf.lines, '3.河南省中小企业公共服务示范平台推荐表');
    expect((signature.top - lastAttachment.top) / MM).toBeCloseTo((3 * 225) / 22, 0);
    // Later attachments align under the first one's name.
    const first = lineWith(pdf.lines, '附件：1.现场核查真实性说明');
    const firstName = first.left + 3 * (156 / 28) * MM;
    expect(lastAttachment.left).toBeCloseTo(firstName, -1);
    expect(lineWith(pdf.lines, '（联系人：张三，联系电话：0379-63200000）').top).toBeGreaterThan(date.top);
    // 信函格式: no page number on the first page.
    expect(pdf.lines.filter((l) => l.page === 1 && /—/.test(l.text))).toEqual([]);
  });

  it('sets a one-platform letter on one page, tightening the line pitch as GB/T 9704 §7.3.5.1 allows', async () => {
    const pdf = readPdf(
      'letter-1.pdf',
      await renderRecommendationLetterPdf(buildRecommendationLetter(input({ fingerprint: HEX }))),
    );
    expect(pdf.pages).toBe(1);
    for (const text of [
      '洛工信函〔2022〕3号',
      '特此函告。',
      '2022年5月20日',
      '（联系人：张三，联系电话：0379-63200000）',
    ])
      expect(lineWith(pdf.lines, text).page).toBe(1);
    // Every body line on one pitch, no tighter than 0.72 of the grid's, and the seal's two blank lines kept.
    const closing = lineWith(pdf.lines, '特此函告。');
    const lastAttachment = lineWith(pdf.lines, '3.河南省中小企业公共服务示范平台推荐表');
    const firstAttachment = lineWith(pdf.lines, '附件：1.现场核查真实性说明');
    const pitch = (firstAttachment.top - closing.top) / 2 / MM;
    expect(pitch).toBeGreaterThanOrEqual((0.72 * 225) / 22 - 0.1);
    expect(pitch).toBeLessThan(225 / 22);
    const signature = pdf.lines.findLast((l) => l.text.endsWith('洛阳市工业和信息化局'))!;
    expect((signature.top - lastAttachment.top) / MM).toBeCloseTo(3 * pitch, 0);
    // The fingerprint stands left of the signature, where the seal does not reach.
    const print = lineWith(pdf.lines, fingerprintWords(HEX));
    expect(print.right).toBeLessThan(signature.left);
    expect(print.top).toBeGreaterThan(lastAttachment.top);
  });

  it('numbers every page after the first, odd ones right and even ones left, and never leaves the seal alone', async () => {
    const pdf = readPdf(
      'letter-20b.pdf',
      await renderRecommendationLetterPdf(
        buildRecommendationLetter(input({ platforms: manyPlatforms, fingerprint: HEX })),
      ),
    );
    expect(pdf.pages).toBeGreaterThan(3);
    for (let page = 2; page <= pdf.pages; page++) {
      const folio = pdf.lines.find((l) => l.page === page && l.text === `—${page}—`);
      expect(folio, `page ${page}`).toBeDefined();
      expect((folio!.top - 262 * MM) / MM).toBeGreaterThan(5);
      if (page % 2) expect((210 - 26) * MM - folio!.right).toBeCloseTo(14, -1);
      else expect(folio!.left - 28 * MM).toBeCloseTo(14, -1);
    }
    const signature = pdf.lines.findLast((l) => l.text === '洛阳市工业和信息化局')!;
    expect(pdf.lines.some((l) => l.page === signature.page && l.text === '特此函告。')).toBe(true);
    expect(lineWith(pdf.lines, '2022年5月20日').page).toBe(signature.page);
    // The fingerprint beside the signature, on the last page, which also holds body text.
    const print = lineWith(pdf.lines, fingerprintWords(HEX));
    expect(print.page).toBe(pdf.pages);
    expect(signature.page).toBe(pdf.pages);
    expect(print.right).toBeLessThan(signature.left);
  });

  it('prints the fingerprint only when given', async () => {
    const without = readPdf('letter-nofp.pdf', await renderRecommendationLetterPdf(buildRecommendationLetter(input())));
    expect(without.lines.some((l) => l.text.includes('光盘材料指纹'))).toBe(false);
    const withIt = readPdf(
      'letter-fp.pdf',
      await renderRecommendationLetterPdf(buildRecommendationLetter(input({ fingerprint: HEX }))),
    );
    expect(lineWith(withIt.lines, '光盘材料指纹（SM3）').page).toBe(1);
    expect(lineWith(withIt.lines, fingerprintWords(HEX)).page).toBe(1);
  });

  it('draws characters FandolFang lacks from Noto Serif SC (堃) and HanaMin (𠮷)', async () => {
    const pdf = readPdf(
      'letter-rare.pdf',
      await renderRecommendationLetterPdf(buildRecommendationLetter(input({ platforms: manyPlatforms.slice(0, 2) }))),
    );
    const interview = lineWith(pdf.lines, '总经理王堃𠮷当面谈话');
    expect(interview.text).toContain('王堃𠮷');
    expect(pdf.fonts).toMatch(/NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(pdf.fonts).toMatch(/HanaMin[AB]\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // The taller fallback font lowers that line's baseline a little but moves no other line off the grid.
    const next = pdf.lines[pdf.lines.indexOf(interview) + 1]!;
    const before = pdf.lines[pdf.lines.indexOf(interview) - 1]!;
    expect(Math.abs((next.top - before.top) / MM - (2 * 225) / 22)).toBeLessThan(0.3);
  });
});

/** The text of each paragraph of a document.xml, in order. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    xml: m[0],
    text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));

describe('推荐文件 in Word', () => {
  it('puts each attachment on a line of its own, the later ones aligned under the first one’s name', async () => {
    const letter = buildRecommendationLetter(input());
    expect(letter.attachments.length).toBeGreaterThan(1);
    const xml = await entryText(await renderRecommendationLetterDocx(letter), 'word/document.xml');
    const all = paragraphs(xml);
    const first = all.findIndex((p) => p.text.startsWith('附件：'));
    expect(first).toBeGreaterThan(0);
    expect(all[first]!.text).toBe(`附件：${letter.attachments[0]}`);
    // Five characters of 315 twips (三号 narrowed to 28 a line): the name; "附件：" hangs three before it.
    expect(all[first]!.xml).toMatch(/<w:ind w:left="1575" w:hanging="945"\/>/);
    letter.attachments.slice(1).forEach((a, i) => {
      const p = all[first + 1 + i]!;
      expect(p.text).toBe(a);
      expect(p.xml).toMatch(/<w:ind w:left="1575"\/>/);
    });
    expect(all.at(-1)!.text).toBe('（联系人：张三，联系电话：0379-63200000）');
  });

  it('has GB/T 9704’s page, grid and 28-character line', async () => {
    const docx = await renderRecommendationLetterDocx(buildRecommendationLetter(input({ platforms: fourPlatforms })));
    const xml = await entryText(docx, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // 225 mm / 22 = 579.8 twips, rounded down so 22 lines fit, as every paragraph's exact line. No
    // docGrid of lines: LibreOffice would give a line in a taller stand-in font (the title) two rows.
    expect(xml).not.toMatch(/<w:docGrid w:type="lines"/);
    const spacings = [...xml.matchAll(/<w:spacing [^>]*w:line="(\d+)"[^>]*\/>/g)].map((m) => m[0]);
    expect(spacings.length).toBeGreaterThan(10);
    for (const s of spacings) expect(s).toMatch(/w:line="579" w:lineRule="exact"/);
    // 16 pt narrowed by 0.25 pt: 28 characters make 441 pt of the 442.2 pt line.
    expect(xml).toMatch(/<w:spacing w:val="-5"\/>/);
    expect(xml).toMatch(/<w:titlePg\/>/);
    const number = paragraphs(xml).find((p) => p.text === '洛工信函〔2022〕3号')!;
    expect(number.xml).toMatch(/<w:jc w:val="right"\/>/);
    expect(
      paragraphs(xml)
        .filter((p) => p.xml.includes('w:val="44"'))
        .map((p) => p.text),
    ).toEqual(['关于推荐2022年度河南省中小企业', '公共服务示范平台的函']);
    const settings = await entryText(docx, 'word/settings.xml');
    expect(settings).toMatch(/<w:evenAndOddHeaders\/>/);
  });

  it('draws the red letterhead and double lines on the first page only, page numbers on the others', async () => {
    const docx = await renderRecommendationLetterDocx(buildRecommendationLetter(input()));
    const rels = await entryText(docx, 'word/_rels/document.xml.rels');
    const xml = await entryText(docx, 'word/document.xml');
    const part = async (kind: 'header' | 'footer', type: string) => {
      const id = new RegExp(`<w:${kind}Reference w:type="${type}" r:id="(\\w+)"`).exec(xml)![1];
      const target =
        new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      return entryText(docx, `word/${target}`);
    };
    const firstHeader = await part('header', 'first');
    expect(firstHeader).toContain('洛阳市工业和信息化局');
    expect(firstHeader).toMatch(/<w:color w:val="C00000"\/>/);
    expect(firstHeader).toMatch(/<w:bottom w:val="thickThinSmallGap" w:color="C00000"/);
    expect(await part('footer', 'first')).toMatch(/<w:bottom w:val="thinThickSmallGap" w:color="C00000"/);
    for (const [type, jc] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const footer = await part('footer', type);
      expect(footer).toMatch(/PAGE/);
      expect(footer).toMatch(new RegExp(`<w:jc w:val="${jc}"/>`));
      expect(footer).toContain('— ');
    }
    expect(await part('header', 'default')).not.toContain('工业和信息化局');
  });

  it('prints the fingerprint and its QR code only when given', async () => {
    const without = await renderRecommendationLetterDocx(buildRecommendationLetter(input()));
    expect(await entryText(without, 'word/document.xml')).not.toContain('光盘材料指纹');
    const withIt = await renderRecommendationLetterDocx(buildRecommendationLetter(input({ fingerprint: HEX })));
    const xml = await entryText(withIt, 'word/document.xml');
    expect(xml).toContain(fingerprintWords(HEX));
    expect(xml).toMatch(/<pic:pic/);
  });
});

describe('推荐文件 in both formats (the 刻盘 package)', () => {
  afterEach(() => vi.useRealTimers());

  /** How many times `render` lays out a PDF. */
  async function layoutsOf<T>(render: () => Promise<T>): Promise<{ result: T; layouts: number }> {
    vi.mocked(pdfModule.renderPdf).mockClear();
    const result = await render();
    return { result, layouts: vi.mocked(pdfModule.renderPdf).mock.calls.length };
  }

  it('lays the PDF out once and sets the Word version at the line scale the PDF chose', async () => {
    // The PDF's dates come from the clock: one instant for every rendering, so the bytes compare.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2022-05-20T08:00:00Z') });
    // One platform and a fingerprint: two pages on the grid, so the PDF is laid out again at tighter pitches.
    const letter = buildRecommendationLetter(input({ fingerprint: HEX }));
    const pdf = await layoutsOf(() => renderRecommendationLetterPdf(letter));
    expect(pdf.layouts).toBeGreaterThan(1);
    const docx = await layoutsOf(() => renderRecommendationLetterDocx(letter));
    expect(docx.layouts).toBe(pdf.layouts);

    const both = await layoutsOf(() => renderRecommendationLetterFiles(letter));
    expect(both.layouts).toBe(pdf.layouts);
    expect(both.result.pdf.equals(pdf.result)).toBe(true);
    const xml = await entryText(both.result.docx, 'word/document.xml');
    expect(xml).toBe(await entryText(docx.result, 'word/document.xml'));
    // Tighter than the grid's 579 twips: the scale the PDF chose.
    const pitches = [...xml.matchAll(/w:line="(\d+)" w:lineRule="exact"/g)].map((m) => Number(m[1]));
    expect(pitches.length).toBeGreaterThan(10);
    expect(pitches.every((line) => line < 579)).toBe(true);
  });
});

/** Converts a .docx with LibreOffice headless (as libreoffice.test.ts does) and reads the PDF back. */
function renderInLibreOffice(name: string, docx: Buffer) {
  const work = fs.mkdtempSync(path.join(dir, 'lo-'));
  const input = path.join(work, `${name}.docx`);
  fs.writeFileSync(input, docx);
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, input],
    { timeout: 120_000, stdio: 'pipe' },
  );
  return readPdf(`libreoffice-${name}.pdf`, fs.readFileSync(path.join(work, `${name}.pdf`)));
}

describe('推荐文件 .docx in LibreOffice', { timeout: 240_000 }, () => {
  it('keeps signature and date on a page with body text, numbers pages after the first, renders FandolFang', async () => {
    const pdf = renderInLibreOffice(
      'letter-20',
      await renderRecommendationLetterDocx(buildRecommendationLetter(input({ platforms: manyPlatforms }))),
    );
    expect(pdf.fonts).toMatch(/FandolFang/);
    const date = lineWith(pdf.lines, '2022年5月20日');
    const signature = pdf.lines.findLast((l) => l.text === '洛阳市工业和信息化局')!;
    expect(signature.page).toBe(date.page);
    expect(date.top).toBeGreaterThan(signature.top);
    expect(pdf.lines.some((l) => l.page === date.page && l.text === '特此函告。')).toBe(true);
    expect(pdf.lines.filter((l) => l.page === 1 && /^—\d+—$/.test(l.text))).toEqual([]);
    for (let page = 2; page <= pdf.pages; page++)
      expect(pdf.lines.some((l) => l.page === page && l.text === `—${page}—`)).toBe(true);
    // 28 characters a line, as in the PDF.
    const body = pdf.lines.filter((l) => l.page > 1 && !l.text.includes('—'));
    for (const l of body) expect(widthOf(l.text)).toBeLessThanOrEqual(28);
    expect(Math.max(...body.map((l) => widthOf(l.text)))).toBeGreaterThanOrEqual(27);
  });

  it('with one platform: one page, as the PDF', async () => {
    const pdf = renderInLibreOffice(
      'letter-1',
      await renderRecommendationLetterDocx(buildRecommendationLetter(input({ fingerprint: HEX }))),
    );
    expect(pdf.pages).toBe(1);
    expect(lineWith(pdf.lines, '洛工信函〔2022〕3号').page).toBe(1);
    const date = lineWith(pdf.lines, '2022年5月20日');
    const signature = pdf.lines.findLast((l) => l.text === '洛阳市工业和信息化局')!;
    expect(signature.page).toBe(date.page);
    expect(lineWith(pdf.lines, '特此函告。').page).toBe(date.page);
  });
});
