import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { Content, ContentColumns, ContentText } from 'pdfmake/interfaces.js';
import { formatChineseDate } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { FINGERPRINT_LABEL, fingerprintQrPng, fingerprintWords } from './fingerprint.js';
import { FANGSONG_PDF_FONT, gridLineHeight, PDF_FONT, renderPdf } from './pdf.js';
import { CHINESE_STYLES, ERHAO, FANGSONG, HEITI, SANHAO, XIAOBIAOSONG } from './word-fonts.js';

/** Who signs the letter: settings of the city's authority (letter settings, or the defaults). */
export interface LetterIssuer {
  /** 发文机关署名, e.g. 洛阳市工业和信息化局 */
  officialName: string;
  /** 发文机关标志 (full name or standard short name) */
  letterhead: string;
  /** e.g. 洛工信函 */
  docNumberPrefix: string;
  /** 附注 contact, printed when both are set */
  contactName: string | null;
  contactPhone: string | null;
}

export interface LetterPlatform {
  platformName: string;
  unitName: string;
  channelWords: string;
  siteCheckedOn: string | null;
  interview: { heldOn: string; principalName: string; principalTitle: string; result: string } | null;
}

export interface LetterInput {
  year: number;
  issuer: LetterIssuer;
  /** Assigned at submission; null before: print the prefix and year with a blank number: 洛工信函〔2022〕　号 */
  docSequence: number | null;
  platforms: readonly LetterPlatform[];
  /** 成文日期 YYYY-MM-DD */
  date: string;
  /** SM3 hex of the package's SM3SUMS.txt, or null (not printed) */
  fingerprint: string | null;
}

/**
 * 推荐文件: the city's letter to the province listing its platforms, the site checks and each interview's
 * result, as a GB/T 9704-2012 公文 in 信函格式 (§10.1). The builder decides everything both renderers must
 * print alike: the title's lines, where signature and date stand.
 */
export interface RecommendationLetter {
  /** The whole title (the file is named after it). */
  title: string;
  /** The title as printed: one or two lines, broken between words. */
  titleLines: string[];
  letterhead: string;
  docNumber: string;
  addressee: string;
  paragraphs: string[];
  platforms: { line: string; interview: string }[];
  closing: string;
  attachments: string[];
  signature: string;
  dateText: string;
  /** Blank characters right of the signature and of the date (成文日期右空四字, 署名居中于其上). */
  signatureRight: number;
  dateRight: number;
  /** 附注 (the contact), or null. */
  note: string | null;
  fingerprint: string | null;
}

/** 发文字号: 洛工信函〔2022〕3号 (六角括号, no leading zeros, no 第); a blank number before one is assigned. */
export function formatDocNumber(prefix: string, year: number, sequence: number | null): string {
  return `${prefix}〔${year}〕${sequence ?? '　'}号`;
}

/** GB/T 9704's page: A4, 版心 156 × 225 mm, 22 lines of 28 三号 characters. */
const TEXT_WIDTH_MM = 156;
const LINES_PER_PAGE = 22;
const CHARS_PER_LINE = 28;
const BODY_PT = 16;
const TITLE_PT = 22;
const FOLIO_PT = 14;
const PT_PER_MM = 72 / 25.4;
/** How many 二号 characters a title line holds. */
const TITLE_CHARS = Math.floor((TEXT_WIDTH_MM * PT_PER_MM) / TITLE_PT);

/** Width in characters: CJK text one each, half-width letters and digits half. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);

/**
 * The title's lines: one when it fits, else two broken at the word boundary that balances them best
 * with the longer line on top (GB/T 9704 §7.3.3: 回行时要做到词意完整，排列对称).
 */
function titleLines(words: string[]): string[] {
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

/**
 * 成文日期右空四字 and the signature centred over it (§7.3.5.1); a signature so long that it would come
 * closer than two characters to the edge stands 右空二字 and the date is centred under it instead.
 */
function signaturePlacement(signature: string, date: string): { signatureRight: number; dateRight: number } {
  const half = (widthOf(date) - widthOf(signature)) / 2;
  return 4 + half >= 2 ? { signatureRight: 4 + half, dateRight: 4 } : { signatureRight: 2, dateRight: 2 - half };
}

export function buildRecommendationLetter(input: LetterInput): RecommendationLetter {
  const { year, issuer, platforms } = input;
  if (!platforms.length) throw new AppError('NOT_READY', '该市尚未推荐任何平台，不生成推荐文件');
  const checked = platforms.filter((p) => p.siteCheckedOn).length;
  const words = ['关于推荐', `${year}年度`, '河南省', '中小企业', '公共服务示范平台', '的函'];
  const dateText = formatChineseDate(input.date);
  return {
    title: words.join(''),
    titleLines: titleLines(words),
    letterhead: issuer.letterhead,
    docNumber: formatDocNumber(issuer.docNumberPrefix, year, input.docSequence),
    addressee: '省工业和信息化厅（中小企业局）：',
    paragraphs: [
      `根据《关于组织申报${year}年度省级中小企业公共服务示范平台的通知》要求，我局对辖区内申报平台的申请材料逐项审核，进行了现场核查（共${checked}家），与被推荐单位主要负责人就材料真实性进行了当面谈话，并随机抽取服务企业开展测评。经研究，现推荐以下${platforms.length}家平台：`,
    ],
    platforms: platforms.map((p, i) => ({
      line: `${i + 1}. ${p.platformName}（运营单位：${p.unitName}；${p.channelWords}）`,
      interview: p.interview
        ? `${formatChineseDate(p.interview.heldOn)}与该单位${p.interview.principalTitle}${p.interview.principalName}当面谈话：${p.interview.result}`
        : '当面谈话：尚未记录',
    })),
    closing: '特此函告。',
    attachments: [
      '1.现场核查真实性说明',
      `2.推荐${year}年度河南省中小企业公共服务示范平台汇总表`,
      '3.河南省中小企业公共服务示范平台推荐表',
    ],
    signature: issuer.officialName,
    dateText,
    ...signaturePlacement(issuer.officialName, dateText),
    note:
      issuer.contactName && issuer.contactPhone
        ? `（联系人：${issuer.contactName}，联系电话：${issuer.contactPhone}）`
        : null,
    fingerprint: input.fingerprint,
  };
}

/** The red of the letterhead and its double lines. */
const RED = 'C00000';
/** Blank lines between the attachment note and the signature: the seal (~42 mm) presses on signature and date. */
const SEAL_GAP_LINES = 2;
/** "附件：" is three characters, after the two of indent: the names stand five characters in. */
const ATTACHMENT_CHARS = 5;

// ---------------------------------------------------------------------------------------------------- Word

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** The grid's line pitch, 225 mm / 22, rounded down so that 22 lines fit the 版心. */
const WORD_LINE_PITCH = Math.floor(twips(225) / LINES_PER_PAGE);
/**
 * A paragraph's place on the grid (at the PDF's line scale), without the space Word adds between Chinese
 * and digits (w:autoSpaceDN off), so lines break where the PDF's do.
 */
const onGridAt = (lineScale: number) =>
  ({
    spacing: { line: Math.floor(WORD_LINE_PITCH * lineScale), lineRule: 'exact' },
    autoSpaceEastAsianText: false,
  }) as const;
type OnGrid = ReturnType<typeof onGridAt>;
/**
 * What each 三号 character gives up (twips, rounded down) so 28 fill the 156 mm line, and the character
 * that leaves. Set on the runs, not as the docGrid's charSpace: LibreOffice gives a 16 pt character that
 * does not fit a 15.8 pt grid cell two cells, which leaves 14 characters a line.
 */
const WORD_CHAR_SPACING = Math.floor(twips(TEXT_WIDTH_MM) / CHARS_PER_LINE - BODY_PT * 20);
const WORD_CHAR = BODY_PT * 20 + WORD_CHAR_SPACING;
const chars = (n: number) => Math.round(n * WORD_CHAR);

const wordRun = (text: string, font = FANGSONG, size = SANHAO) =>
  new TextRun({ text, font, size, characterSpacing: size === SANHAO ? WORD_CHAR_SPACING : undefined });

/** A paragraph on the grid: 三号 仿宋, indented two characters unless told otherwise; kept whole with the next when told. */
function wordParagraph(
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

const redDouble = (style: IBorderOptions['style']): IBorderOptions => ({ style, size: 18, color: RED, space: 1 });

/** The fingerprint's QR code in Word: 16 mm at 96 pixels an inch. */
const WORD_QR_PX = Math.round((16 / 25.4) * 96);

/** The Word version follows the PDF's layout: the same line scale, so a one-page letter is one page here too. */
export async function renderRecommendationLetterDocx(l: RecommendationLetter): Promise<Buffer> {
  return renderLetterDocxAt(l, (await layOutLetterPdf(l)).lineScale);
}

/** Both versions, the PDF laid out once and the Word version set at its line scale: what the 刻盘 package holds. */
export async function renderRecommendationLetterFiles(l: RecommendationLetter): Promise<{ docx: Buffer; pdf: Buffer }> {
  const { pdf, lineScale } = await layOutLetterPdf(l);
  return { docx: await renderLetterDocxAt(l, lineScale), pdf };
}

async function renderLetterDocxAt(l: RecommendationLetter, lineScale: number): Promise<Buffer> {
  const ON_GRID = onGridAt(lineScale);
  const par = (text: string, options?: Parameters<typeof wordParagraph>[2]) => wordParagraph(ON_GRID, text, options);
  const wordBlank = (keepNext = false) => par('', { indent: false, keepNext });
  // The double lines are 170 mm long on a 156 mm 版心: the paragraphs carrying them reach 7 mm past each side.
  const wide = { left: -twips(7), right: -twips(7) };
  const firstHeader = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: twips(30 - 15), after: 0, line: 44 * 20, lineRule: 'exact' },
        indent: wide,
        border: { bottom: redDouble(BorderStyle.THICK_THIN_SMALL_GAP) },
        children: [new TextRun({ text: l.letterhead, font: XIAOBIAOSONG, size: 72, color: RED })],
      }),
    ],
  });
  const firstFooter = new Footer({
    children: [
      new Paragraph({
        indent: wide,
        spacing: { before: 0, after: twips(20 - 12), line: 20, lineRule: 'exact' },
        border: { bottom: redDouble(BorderStyle.THIN_THICK_SMALL_GAP) },
        children: [],
      }),
    ],
  });
  const folio = (alignment: 'left' | 'right') =>
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

  const attachments = l.attachments.map(
    (a, i) =>
      new Paragraph({
        // "附件：" hangs before the first name; later names, and wrapped lines, align under the first name.
        indent: i === 0 ? { left: chars(ATTACHMENT_CHARS), hanging: chars(3) } : { left: chars(ATTACHMENT_CHARS) },
        ...ON_GRID,
        keepNext: true,
        keepLines: true,
        children: [wordRun(i === 0 ? `附件：${a}` : a)],
      }),
  );
  const signatureBlock = [
    ...Array.from({ length: SEAL_GAP_LINES }, () => wordBlank(true)),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: chars(l.signatureRight) },
      ...ON_GRID,
      keepNext: true,
      children: [wordRun(l.signature)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: chars(l.dateRight) },
      ...ON_GRID,
      keepNext: l.note !== null,
      children: [wordRun(l.dateText)],
    }),
  ];
  // As in the PDF: the QR code and the fingerprint's short form left of the signature, one borderless row.
  const small = (text: string) =>
    new Paragraph({ children: [new TextRun({ text, font: FANGSONG, size: FINGERPRINT_PT * 2 })] });
  const cell = (widthMm: number, children: Paragraph[]) =>
    new TableCell({ width: { size: twips(widthMm), type: WidthType.DXA }, children });
  const signed = l.fingerprint
    ? [
        new Table({
          width: { size: twips(TEXT_WIDTH_MM), type: WidthType.DXA },
          columnWidths: [twips(60), twips(TEXT_WIDTH_MM - 60)],
          layout: TableLayoutType.FIXED,
          borders: TableBorders.NONE,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          rows: [
            new TableRow({
              cantSplit: true,
              children: [
                cell(60, [
                  small(FINGERPRINT_LABEL),
                  small(fingerprintWords(l.fingerprint)),
                  new Paragraph({
                    children: [
                      new ImageRun({
                        type: 'png',
                        data: await fingerprintQrPng(l.fingerprint),
                        transformation: { width: WORD_QR_PX, height: WORD_QR_PX },
                      }),
                    ],
                  }),
                ]),
                cell(TEXT_WIDTH_MM - 60, signatureBlock),
              ],
            }),
          ],
        }),
      ]
    : signatureBlock;

  const doc = new Document({
    creator: '河南省中小企业公共服务示范平台申报系统',
    title: l.title,
    styles: {
      ...CHINESE_STYLES,
      default: {
        document: { run: { ...CHINESE_STYLES.default?.document?.run, font: FANGSONG, size: SANHAO } },
      },
    },
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twips(210), height: twips(297) },
            margin: {
              top: twips(37),
              bottom: twips(35),
              left: twips(28),
              right: twips(26),
              header: twips(15),
              footer: twips(12),
            },
          },
        },
        headers: { first: firstHeader, default: new Header({ children: [] }), even: new Header({ children: [] }) },
        footers: { first: firstFooter, default: folio('right'), even: folio('left') },
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            ...ON_GRID,
            children: [wordRun(l.docNumber)],
          }),
          wordBlank(),
          wordBlank(),
          ...l.titleLines.map(
            (line) =>
              new Paragraph({
                alignment: AlignmentType.CENTER,
                ...ON_GRID,
                keepNext: true,
                children: [wordRun(line, XIAOBIAOSONG, ERHAO)],
              }),
          ),
          wordBlank(),
          par(l.addressee, { indent: false }),
          ...l.paragraphs.map((p) => par(p)),
          ...l.platforms.flatMap((p) => [par(p.line, { font: HEITI }), par(p.interview)]),
          // The closing, the attachment note, signature and date stay together: the seal never stands alone.
          par(l.closing, { keepNext: true }),
          wordBlank(true),
          ...attachments,
          ...signed,
          ...(l.note ? [par(l.note)] : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ----------------------------------------------------------------------------------------------------- PDF

const pt = (mm: number) => mm * PT_PER_MM;
/** The grid's pitch, a hair under 225 mm / 22 so that 22 lines fit the 版心 whatever the rounding. */
const PITCH = pt(225) / LINES_PER_PAGE - 0.001;
/** One character of the 28-character line, and the spacing that narrows 三号 characters to it. */
const CHAR = pt(TEXT_WIDTH_MM) / CHARS_PER_LINE;
const CHAR_SPACING = CHAR - BODY_PT - 0.002;
/** Where the top of an ideographic em box stands below a Noto Serif SC line's top (ascent 1.151 em, box 0.88 em). */
const NOTO_EM_TOP = 1.151 - 0.88;
/** 发文机关标志's size: 36 pt, smaller for a name that would not fit the 版心. */
const letterheadSize = (name: string) => Math.min(36, Math.floor(pt(TEXT_WIDTH_MM) / widthOf(name)));
/** The fingerprint's QR code, 16 mm, left of the signature where the seal does not reach. */
const QR_SIZE = pt(16);
const FINGERPRINT_WIDTH = pt(60);
const FINGERPRINT_PT = 8;
/** The red double lines: thick 2 pt, gap 1.5 pt, thin 0.75 pt; 170 mm long, centred on the page. */
const DOUBLE = { thick: 2, gap: 1.5, thin: 0.75, x1: pt(20), x2: pt(190) };

function doubleLine(top: number, thickFirst: boolean): Content {
  const [a, b] = thickFirst ? [DOUBLE.thick, DOUBLE.thin] : [DOUBLE.thin, DOUBLE.thick];
  const line = (y: number, w: number) => ({
    type: 'line' as const,
    x1: DOUBLE.x1,
    x2: DOUBLE.x2,
    y1: y + w / 2,
    y2: y + w / 2,
    lineWidth: w,
    lineColor: `#${RED}`,
  });
  return { canvas: [line(top, a), line(top + a + DOUBLE.gap, b)], absolutePosition: { x: 0, y: 0 } };
}

/**
 * The PDF on the standard grid; a letter that would take two pages is set on one with a tighter line
 * pitch when down to LINE_SCALES' smallest that suffices — GB/T 9704 §7.3.5.1's remedy (调整行距) — so a
 * letter recommending one or two platforms is one sheet with its seal. Longer letters keep the grid and
 * the closing block together with the signature.
 */
export async function renderRecommendationLetterPdf(l: RecommendationLetter): Promise<Buffer> {
  return (await layOutLetterPdf(l)).pdf;
}

/** Line pitches tried, in order, for a letter that runs onto a second page. */
const LINE_SCALES = [0.95, 0.9, 0.85, 0.8, 0.75, 0.72];
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

/** The PDF and the line scale it was set at (1: the grid), which the Word version follows. */
async function layOutLetterPdf(l: RecommendationLetter): Promise<{ pdf: Buffer; lineScale: number }> {
  const standard = await renderLetterPdfAt(l, 1);
  if (pageCount(standard) !== 2) return { pdf: standard, lineScale: 1 };
  for (const lineScale of LINE_SCALES) {
    const pdf = await renderLetterPdfAt(l, lineScale);
    if (pageCount(pdf) === 1) return { pdf, lineScale };
  }
  return { pdf: standard, lineScale: 1 };
}

function renderLetterPdfAt(l: RecommendationLetter, lineScale: number): Promise<Buffer> {
  const pitch = PITCH * lineScale;
  const headSize = letterheadSize(l.letterhead);
  const firstLineTop = pt(30) + headSize + pt(4);
  const doubleHeight = DOUBLE.thick + DOUBLE.gap + DOUBLE.thin;
  // 发文字号: 7/8 of a 三号 character below the double line (its em box tops its FandolFang line).
  const docNumberTop = firstLineTop + doubleHeight + (BODY_PT * 7) / 8;

  const bodyLine = gridLineHeight(FANGSONG_PDF_FONT, BODY_PT, pitch);
  const boldLine = gridLineHeight(PDF_FONT, BODY_PT, pitch);
  // An empty text is a line of its own: further blank lines are its bottom margin.
  const blank = (lines = 1): Content => ({ text: '', margin: [0, 0, 0, (lines - 1) * pitch] });
  const para = (text: string, indent = true): ContentText => ({ text, leadingIndent: indent ? 2 * CHAR : 0 });
  const right = (text: string, blankChars: number): ContentText => ({
    text,
    alignment: 'right',
    margin: [0, 0, blankChars * CHAR, 0],
  });
  // "附件：" hangs two characters in; the names, wrapped lines too, align under the first name.
  const attachment = (name: string, i: number): ContentColumns => ({
    columns: [
      { width: (ATTACHMENT_CHARS - 2) * CHAR + 0.5, text: i === 0 ? '附件：' : '' },
      { width: '*', text: name },
    ],
    columnGap: 0,
    margin: [2 * CHAR, 0, 0, 0],
  });
  const folio = (page: number): Content => ({
    text: `— ${page} —`,
    font: PDF_FONT,
    fontSize: FOLIO_PT,
    lineHeight: 1,
    characterSpacing: 0,
    alignment: page % 2 ? 'right' : 'left',
    // One 四号 character in from the 版心's edge; its em box 7 mm below the 版心.
    margin: [pt(28) + FOLIO_PT, pt(7) - NOTO_EM_TOP * FOLIO_PT, pt(26) + FOLIO_PT, 0],
  });
  // In place of the 版记 (信函格式 has no 印发机关 or 印发日期): the QR code and the short form, left of the
  // signature in the room the seal leaves, so it never needs a line or a page of its own.
  const signatureBlock: Content[] = [
    blank(SEAL_GAP_LINES),
    right(l.signature, l.signatureRight),
    right(l.dateText, l.dateRight),
  ];
  const small = (text: string): ContentText => ({
    text,
    font: PDF_FONT,
    fontSize: FINGERPRINT_PT,
    lineHeight: 1.2,
    characterSpacing: 0,
  });
  const signed: Content = l.fingerprint
    ? {
        columns: [
          {
            width: FINGERPRINT_WIDTH,
            // The words on the blank lines above the signature, the QR code beside signature and date.
            stack: [
              { ...small(FINGERPRINT_LABEL), margin: [0, pitch / 3, 0, 0] },
              small(fingerprintWords(l.fingerprint)),
              { qr: l.fingerprint, fit: QR_SIZE, margin: [0, 4, 0, 0] },
            ],
          },
          { width: '*', stack: signatureBlock },
        ],
        columnGap: 0,
      }
    : { stack: signatureBlock };

  return renderPdf({
    pageSize: 'A4',
    pageMargins: [pt(28), pt(37), pt(26), pt(35)],
    info: { title: l.title },
    defaultStyle: {
      font: FANGSONG_PDF_FONT,
      fontSize: BODY_PT,
      lineHeight: bodyLine,
      characterSpacing: CHAR_SPACING,
    },
    background: (page) =>
      page === 1
        ? [
            {
              text: l.letterhead,
              font: PDF_FONT,
              bold: true,
              fontSize: headSize,
              lineHeight: 1,
              characterSpacing: 0,
              color: `#${RED}`,
              alignment: 'center',
              // Centred on the 版心 (28 mm left, 26 mm right): x narrows the width it is centred in from the left.
              absolutePosition: { x: pt(2), y: pt(30) - NOTO_EM_TOP * headSize },
            },
            doubleLine(firstLineTop, true),
            doubleLine(pt(297 - 20) - doubleHeight, false),
          ]
        : [],
    footer: (page) => (page === 1 ? [] : [folio(page)]),
    content: [
      { ...right(l.docNumber, 0), margin: [0, docNumberTop - pt(37), 0, 0] },
      blank(2),
      ...l.titleLines.map((line): Content => ({
        text: line,
        font: PDF_FONT,
        bold: true,
        fontSize: TITLE_PT,
        characterSpacing: 0,
        lineHeight: gridLineHeight(PDF_FONT, TITLE_PT, pitch),
        alignment: 'center',
      })),
      blank(),
      para(l.addressee, false),
      ...l.paragraphs.map((p) => para(p)),
      ...l.platforms.flatMap((p): Content[] => [
        { ...para(p.line), font: PDF_FONT, bold: true, lineHeight: boldLine },
        para(p.interview),
      ]),
      {
        // The closing, the attachment note, signature, date and 附注 stay together: the seal never stands alone.
        unbreakable: true,
        stack: [para(l.closing), blank(), ...l.attachments.map(attachment), signed, ...(l.note ? [para(l.note)] : [])],
      },
    ],
  });
}
