import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  ImageRun,
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
import type { Content, ContentText } from 'pdfmake/interfaces.js';
import { formatChineseDate } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { FINGERPRINT_LABEL, fingerprintQrPng, fingerprintWords } from './fingerprint.js';
import {
  BODY_PT,
  formatDocNumber,
  letterheadSize,
  NOTO_EM_TOP,
  onGridAt,
  pageCount,
  pdfAttachmentNote,
  pdfBlank,
  pdfBodyStyle,
  pdfFolio,
  PDF_PAGE_MARGINS,
  pdfPara,
  pdfRight,
  pdfSignatureBlock,
  pdfTitleLine,
  PITCH,
  pt,
  RED,
  renderOfficialDocx,
  signaturePlacement,
  TEXT_WIDTH_MM,
  titleLines,
  twips,
  wordAttachmentNote,
  wordFolio,
  wordParagraph,
  WORD_PAGE,
  wordRun,
  wordSignatureBlock,
  type DocumentIssuer,
} from './official-document.js';
import { gridLineHeight, PDF_FONT, renderPdf } from './pdf.js';
import { ERHAO, FANGSONG, HEITI, XIAOBIAOSONG } from './word-fonts.js';

export { formatDocNumber };

export interface LetterPlatform {
  platformName: string;
  unitName: string;
  channelWords: string;
  siteCheckedOn: string | null;
  interview: { heldOn: string; principalName: string; principalTitle: string; result: string } | null;
}

export interface LetterInput {
  year: number;
  issuer: DocumentIssuer;
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

// ---------------------------------------------------------------------------------------------------- Word

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
  const signatureBlock = wordSignatureBlock(ON_GRID, l, l.note !== null);
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

  return renderOfficialDocx(l.title, {
    properties: { titlePage: true, page: WORD_PAGE },
    headers: { first: firstHeader, default: new Header({ children: [] }), even: new Header({ children: [] }) },
    footers: { first: firstFooter, default: wordFolio('right'), even: wordFolio('left') },
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
      ...wordAttachmentNote(ON_GRID, l.attachments),
      ...signed,
      ...(l.note ? [par(l.note)] : []),
    ],
  });
}

// ----------------------------------------------------------------------------------------------------- PDF

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

  const boldLine = gridLineHeight(PDF_FONT, BODY_PT, pitch);
  const blank = (lines = 1) => pdfBlank(pitch, lines);
  // In place of the 版记 (信函格式 has no 印发机关 or 印发日期): the QR code and the short form, left of the
  // signature in the room the seal leaves, so it never needs a line or a page of its own.
  const signatureBlock = pdfSignatureBlock(l, pitch);
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
    pageMargins: PDF_PAGE_MARGINS,
    info: { title: l.title },
    defaultStyle: pdfBodyStyle(pitch),
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
    footer: (page) => (page === 1 ? [] : [pdfFolio(page)]),
    content: [
      { ...pdfRight(l.docNumber, 0), margin: [0, docNumberTop - pt(37), 0, 0] },
      blank(2),
      ...l.titleLines.map((line) => pdfTitleLine(line, pitch)),
      blank(),
      pdfPara(l.addressee, false),
      ...l.paragraphs.map((p) => pdfPara(p)),
      ...l.platforms.flatMap((p): Content[] => [
        { ...pdfPara(p.line), font: PDF_FONT, bold: true, lineHeight: boldLine },
        pdfPara(p.interview),
      ]),
      {
        // The closing, the attachment note, signature, date and 附注 stay together: the seal never stands alone.
        unbreakable: true,
        stack: [
          pdfPara(l.closing),
          blank(),
          ...pdfAttachmentNote(l.attachments),
          signed,
          ...(l.note ? [pdfPara(l.note)] : []),
        ],
      },
    ],
  });
}
