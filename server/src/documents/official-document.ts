import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx';
import type { Content, ContentColumns, ContentText, Style } from 'pdfmake/interfaces.js';
import { FANGSONG_PDF_FONT, gridLineHeight, PDF_FONT } from './pdf.js';
import { CHINESE_STYLES, FANGSONG, SANHAO } from './word-fonts.js';

/**
 * What every 公文 this system writes shares, laid out per GB/T 9704-2012: the page and its grid (A4, 版心
 * 156 × 225 mm at 37 mm top and 28 mm left, 22 lines of 28 三号 characters), 发文字号, the title broken between
 * words, 附件说明, 发文机关署名 and 成文日期 with room for the seal, and page numbers "— n —". The city's
 * 推荐文件 (信函格式, recommendation-letter.ts) and the province's 认定文件 (文件格式, recognition-decision.ts) are
 * built on it, each in Word (docx) and PDF (pdfmake).
 */

/** Who issues a document: an authority's letter settings (letter_settings), or the defaults. */
export interface DocumentIssuer {
  /** 发文机关署名, e.g. 洛阳市工业和信息化局 */
  officialName: string;
  /** 发文机关标志 (full name or standard short name; 文件格式 adds 文件) */
  letterhead: string;
  /** e.g. 洛工信函 */
  docNumberPrefix: string;
  /** 附注 contact, printed when both are set */
  contactName: string | null;
  contactPhone: string | null;
}

/** 发文字号: 洛工信函〔2022〕3号 (六角括号, no leading zeros, no 第); a blank number before one is assigned. */
export function formatDocNumber(prefix: string, year: number, sequence: number | null): string {
  return `${prefix}〔${year}〕${sequence ?? '　'}号`;
}

/** GB/T 9704's page: A4, 版心 156 × 225 mm, 22 lines of 28 三号 characters. */
export const TEXT_WIDTH_MM = 156;
export const TEXT_HEIGHT_MM = 225;
export const TOP_MM = 37;
export const LEFT_MM = 28;
export const RIGHT_MM = 26;
export const BOTTOM_MM = 35;
export const LINES_PER_PAGE = 22;
const CHARS_PER_LINE = 28;
export const BODY_PT = 16;
export const TITLE_PT = 22;
export const FOLIO_PT = 14;
export const PT_PER_MM = 72 / 25.4;
/** How many 二号 characters a title line holds. */
const TITLE_CHARS = Math.floor((TEXT_WIDTH_MM * PT_PER_MM) / TITLE_PT);

/** Width in characters: CJK text one each, half-width letters and digits half. */
export const widthOf = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);

/**
 * The title's lines: one when it fits, else two broken at the word boundary that balances them best
 * with the longer line on top (GB/T 9704 §7.3.3: 回行时要做到词意完整，排列对称).
 */
export function titleLines(words: string[]): string[] {
  const whole = words.join('');
  if (widthOf(whole) <= TITLE_CHARS) return [whole];
  let best: string[] = [];
  let bestGap = Infinity;
  for (let i = 1; i < words.length; i++) {
    const [top, bottom] = [words.slice(0, i).join(''), words.slice(i).join('')];
    const gap = widthOf(top) - widthOf(bottom);
    if (widthOf(top) <= TITLE_CHARS && widthOf(bottom) <= TITLE_CHARS && gap >= 0 && gap < bestGap) {
      best = [top, bottom];
      bestGap = gap;
    }
  }
  if (!best.length) throw new Error(`title does not fit two lines: ${whole}`);
  return best;
}

/** Where 发文机关署名 and 成文日期 stand: blank characters right of each. */
export interface SignaturePlacement {
  signature: string;
  dateText: string;
  signatureRight: number;
  dateRight: number;
}

/**
 * 成文日期右空四字 and the signature centred over it (§7.3.5.1); a signature so long that it would come
 * closer than two characters to the edge stands 右空二字 and the date is centred under it instead.
 */
export function signaturePlacement(signature: string, date: string): { signatureRight: number; dateRight: number } {
  const half = (widthOf(date) - widthOf(signature)) / 2;
  return 4 + half >= 2 ? { signatureRight: 4 + half, dateRight: 4 } : { signatureRight: 2, dateRight: 2 - half };
}

/** The red of the letterhead and its lines. */
export const RED = 'C00000';
/** Blank lines between the attachment note and the signature: the seal (~42 mm) presses on signature and date. */
export const SEAL_GAP_LINES = 2;
/** "附件：" is three characters, after the two of indent: the names stand five characters in. */
const ATTACHMENT_CHARS = 5;

// ---------------------------------------------------------------------------------------------------- Word

const TWIPS_PER_MM = 1440 / 25.4;
export const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** The grid's line pitch, 225 mm / 22, rounded down so that 22 lines fit the 版心. */
const WORD_LINE_PITCH = Math.floor(twips(TEXT_HEIGHT_MM) / LINES_PER_PAGE);
/**
 * A paragraph's place on the grid (at the PDF's line scale), without the space Word adds between Chinese
 * and digits (w:autoSpaceDN off), so lines break where the PDF's do.
 */
export const onGridAt = (lineScale: number) =>
  ({
    spacing: { line: Math.floor(WORD_LINE_PITCH * lineScale), lineRule: 'exact' },
    autoSpaceEastAsianText: false,
  }) as const;
export type OnGrid = ReturnType<typeof onGridAt>;
/**
 * What each 三号 character gives up (twips, rounded down) so 28 fill the 156 mm line, and the character
 * that leaves. Set on the runs, not as the docGrid's charSpace: LibreOffice gives a 16 pt character that
 * does not fit a 15.8 pt grid cell two cells, which leaves 14 characters a line.
 */
const WORD_CHAR_SPACING = Math.floor(twips(TEXT_WIDTH_MM) / CHARS_PER_LINE - BODY_PT * 20);
const WORD_CHAR = BODY_PT * 20 + WORD_CHAR_SPACING;
export const chars = (n: number) => Math.round(n * WORD_CHAR);

export const wordRun = (text: string, font = FANGSONG, size = SANHAO) =>
  new TextRun({ text, font, size, characterSpacing: size === SANHAO ? WORD_CHAR_SPACING : undefined });

/** A paragraph on the grid: 三号 仿宋, indented two characters unless told otherwise; kept whole with the next when told. */
export function wordParagraph(
  onGrid: OnGrid,
  text: string,
  options: { indent?: boolean; font?: typeof FANGSONG; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    ...onGrid,
    indent: options.indent === false ? undefined : { firstLine: chars(2) },
    keepNext: options.keepNext,
    keepLines: options.keepNext,
    children: [wordRun(text, options.font)],
  });
}

/** The page number "— n —" in 四号 half-width digits, one character in from the 版心's edge. */
export const wordFolio = (alignment: 'left' | 'right') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: alignment === 'right' ? { right: FOLIO_PT * 20 } : { left: FOLIO_PT * 20 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: '宋体' },
            size: FOLIO_PT * 2,
          }),
        ],
      }),
    ],
  });

/** 附件说明: "附件：" hangs before the first name; later names, and wrapped lines, align under the first name. */
export const wordAttachmentNote = (onGrid: OnGrid, attachments: readonly string[]) =>
  attachments.map(
    (a, i) =>
      new Paragraph({
        indent: i === 0 ? { left: chars(ATTACHMENT_CHARS), hanging: chars(3) } : { left: chars(ATTACHMENT_CHARS) },
        ...onGrid,
        keepNext: true,
        keepLines: true,
        children: [wordRun(i === 0 ? `附件：${a}` : a)],
      }),
  );

/** Room for the seal, the signature and the date, kept with what precedes them (and with what follows when told). */
export function wordSignatureBlock(onGrid: OnGrid, s: SignaturePlacement, keepWithNext: boolean): Paragraph[] {
  return [
    ...Array.from({ length: SEAL_GAP_LINES }, () => wordParagraph(onGrid, '', { indent: false, keepNext: true })),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: chars(s.signatureRight) },
      ...onGrid,
      keepNext: true,
      children: [wordRun(s.signature)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: chars(s.dateRight) },
      ...onGrid,
      keepNext: keepWithNext,
      children: [wordRun(s.dateText)],
    }),
  ];
}

/** GB/T 9704's A4 page and 版心 as a Word section's page, the header and footer at 15 and 12 mm. */
export const WORD_PAGE = {
  size: { width: twips(210), height: twips(297) },
  margin: {
    top: twips(TOP_MM),
    bottom: twips(BOTTOM_MM),
    left: twips(LEFT_MM),
    right: twips(RIGHT_MM),
    header: twips(15),
    footer: twips(12),
  },
};

/** A 公文 in Word: 仿宋 三号 by default, Chinese as the East Asian language, odd and even pages' own footers. */
export function renderOfficialDocx(title: string, section: ISectionOptions): Promise<Buffer> {
  const doc = new Document({
    creator: '河南省中小企业公共服务示范平台申报系统',
    title,
    styles: {
      ...CHINESE_STYLES,
      default: {
        document: { run: { ...CHINESE_STYLES.default?.document?.run, font: FANGSONG, size: SANHAO } },
      },
    },
    evenAndOddHeaderAndFooters: true,
    sections: [section],
  });
  return Packer.toBuffer(doc);
}

// ----------------------------------------------------------------------------------------------------- PDF

export const pt = (mm: number) => mm * PT_PER_MM;
/** The grid's pitch, a hair under 225 mm / 22 so that 22 lines fit the 版心 whatever the rounding. */
export const PITCH = pt(TEXT_HEIGHT_MM) / LINES_PER_PAGE - 0.001;
/** One character of the 28-character line, and the spacing that narrows 三号 characters to it. */
export const CHAR = pt(TEXT_WIDTH_MM) / CHARS_PER_LINE;
const CHAR_SPACING = CHAR - BODY_PT - 0.002;
/** Where the top of an ideographic em box stands below a Noto Serif SC line's top (ascent 1.151 em, box 0.88 em). */
export const NOTO_EM_TOP = 1.151 - 0.88;
/** 发文机关标志's size: 36 pt, smaller for a name that would not fit the 版心. */
export const letterheadSize = (name: string) => Math.min(36, Math.floor(pt(TEXT_WIDTH_MM) / widthOf(name)));

/** The 版心's margins: left, top, right, bottom. */
export const PDF_PAGE_MARGINS: [number, number, number, number] = [
  pt(LEFT_MM),
  pt(TOP_MM),
  pt(RIGHT_MM),
  pt(BOTTOM_MM),
];

/** 仿宋 三号 on the grid at `pitch`, narrowed to 28 characters a line. */
export const pdfBodyStyle = (pitch: number): Style => ({
  font: FANGSONG_PDF_FONT,
  fontSize: BODY_PT,
  lineHeight: gridLineHeight(FANGSONG_PDF_FONT, BODY_PT, pitch),
  characterSpacing: CHAR_SPACING,
});

/** Blank lines: an empty text is a line of its own, further blank lines are its bottom margin. */
export const pdfBlank = (pitch: number, lines = 1): Content => ({ text: '', margin: [0, 0, 0, (lines - 1) * pitch] });
export const pdfPara = (text: string, indent = true): ContentText => ({ text, leadingIndent: indent ? 2 * CHAR : 0 });
export const pdfRight = (text: string, blankChars: number): ContentText => ({
  text,
  alignment: 'right',
  margin: [0, 0, blankChars * CHAR, 0],
});

/** 附件说明: "附件：" hangs two characters in; the names, wrapped lines too, align under the first name. */
export const pdfAttachmentNote = (attachments: readonly string[]): ContentColumns[] =>
  attachments.map((name, i) => ({
    columns: [
      { width: (ATTACHMENT_CHARS - 2) * CHAR + 0.5, text: i === 0 ? '附件：' : '' },
      { width: '*', text: name },
    ],
    columnGap: 0,
    margin: [2 * CHAR, 0, 0, 0],
  }));

/** Room for the seal over the signature and the date. */
export const pdfSignatureBlock = (s: SignaturePlacement, pitch: number): Content[] => [
  pdfBlank(pitch, SEAL_GAP_LINES),
  pdfRight(s.signature, s.signatureRight),
  pdfRight(s.dateText, s.dateRight),
];

/** "— n —": odd pages right, even pages left, one 四号 character in from the 版心's edge, 7 mm under it. */
export const pdfFolio = (page: number): Content => ({
  text: `— ${page} —`,
  font: PDF_FONT,
  fontSize: FOLIO_PT,
  lineHeight: 1,
  characterSpacing: 0,
  alignment: page % 2 ? 'right' : 'left',
  // Its em box 7 mm below the 版心.
  margin: [pt(LEFT_MM) + FOLIO_PT, pt(7) - NOTO_EM_TOP * FOLIO_PT, pt(RIGHT_MM) + FOLIO_PT, 0],
});

/** The title in 二号 (小标宋's stand-in: Noto Serif SC bold), centred, on the grid at `pitch`. */
export const pdfTitleLine = (line: string, pitch: number): Content => ({
  text: line,
  font: PDF_FONT,
  bold: true,
  fontSize: TITLE_PT,
  characterSpacing: 0,
  lineHeight: gridLineHeight(PDF_FONT, TITLE_PT, pitch),
  alignment: 'center',
});

export const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
