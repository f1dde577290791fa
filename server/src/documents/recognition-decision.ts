import {
  AlignmentType,
  BorderStyle,
  Header,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { Content, TableCell as PdfTableCell } from 'pdfmake/interfaces.js';
import { formatChineseDate } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import {
  BODY_PT,
  formatDocNumber,
  letterheadSize,
  LEFT_MM,
  NOTO_EM_TOP,
  onGridAt,
  pdfAttachmentNote,
  pdfBlank,
  pdfBodyStyle,
  pdfFolio,
  PDF_PAGE_MARGINS,
  pdfPara,
  pdfSignatureBlock,
  pdfTitleLine,
  PITCH,
  pt,
  RED,
  renderOfficialDocx,
  signaturePlacement,
  TEXT_HEIGHT_MM,
  TEXT_WIDTH_MM,
  titleLines,
  TOP_MM,
  twips,
  wordAttachmentNote,
  wordFolio,
  wordParagraph,
  WORD_PAGE,
  wordRun,
  wordSignatureBlock,
  type DocumentIssuer,
  type SignaturePlacement,
} from './official-document.js';
import { FANGSONG_PDF_FONT, gridLineHeight, PDF_FONT, renderPdf } from './pdf.js';
import { ERHAO, FANGSONG, HEITI, SANHAO, XIAOBIAOSONG } from './word-fonts.js';

/** A platform of the 认定 list, as the attachment prints it. */
export interface DecisionPlatform {
  platformName: string;
  unitName: string;
  cityName: string;
  certificateNumber: string;
}

export interface DecisionInput {
  /** The batch's year: 2022年度. */
  year: number;
  /** The batch's notice the platforms applied under (关于组织申报2022年度省级中小企业公共服务示范平台的通知). */
  noticeTitle: string;
  issuer: DocumentIssuer;
  /** Taken at 认定; null for a 认定 made before numbers were given: printed blank (豫工信企业〔2026〕　号). */
  docSequence: number | null;
  /** 成文日期 and 印发日期, the day of 认定 (YYYY-MM-DD). */
  date: string;
  /** The 公示's first and last day. */
  publicity: { firstDay: string; lastDay: string };
  /** The certificates' validity, the same for every platform of one 认定. */
  validity: { validFrom: string; validTo: string };
  /** The yearly report's due day in words: 2月底, 3月31日. */
  reportDueWords: string;
  /** In the order of the 公示 list. */
  platforms: readonly DecisionPlatform[];
  /** 抄送机关 */
  copyTo: readonly string[];
}

/**
 * 认定文件: the province's notice publishing the platforms it recognised, as a GB/T 9704-2012 公文 in 文件格式 (§7):
 * the red 发文机关标志 and separator line, 发文字号 centred under it, the body with 附件说明, signature and date
 * for the seal, the list as the attachment (另面编排, its table's header on every page), and the 版记 (抄送,
 * 印发机关和印发日期) at the foot of the last page.
 */
export interface RecognitionDecision extends SignaturePlacement {
  /** The whole title (the file is named after it). */
  title: string;
  titleLines: string[];
  letterhead: string;
  docNumber: string;
  addressee: string;
  paragraphs: string[];
  attachments: string[];
  attachment: { label: string; titleLines: string[]; header: string[]; rows: string[][] };
  /** 抄送：…。 */
  copyTo: string;
  /** 印发机关 and 印发日期 (…印发). */
  printer: string;
  printedOn: string;
}

export function buildRecognitionDecision(input: DecisionInput): RecognitionDecision {
  const { year, issuer, platforms } = input;
  const first = platforms[0];
  if (!first) throw new AppError('INVALID_TRANSITION', '本次公示没有认定的平台，不生成认定文件');
  const words = ['关于认定', `${year}年度`, '河南省', '中小企业', '公共服务示范平台', '的通知'];
  const listWords = [`${year}年度`, '河南省中小企业', '公共服务示范平台名单'];
  const dateText = formatChineseDate(input.date);
  const who = platforms.length === 1 ? first.platformName : `${first.platformName}等${platforms.length}个平台`;
  return {
    title: words.join(''),
    titleLines: titleLines(words),
    letterhead: issuer.letterhead,
    docNumber: formatDocNumber(issuer.docNumberPrefix, Number(input.date.slice(0, 4)), input.docSequence),
    addressee: '各省辖市、济源示范区、航空港区工业和信息化主管部门：',
    paragraphs: [
      `根据《河南省中小企业公共服务示范平台认定管理办法》和《${input.noticeTitle}》，经各地推荐、专家评审和公示（${formatChineseDate(input.publicity.firstDay)}至${formatChineseDate(input.publicity.lastDay)}），现认定${who}为河南省中小企业公共服务示范平台（名单见附件），有效期自${formatChineseDate(input.validity.validFrom)}至${formatChineseDate(input.validity.validTo)}。`,
      `被认定的示范平台要坚持公益性服务方向，不断提升服务能力和服务质量，于有效期内每年${input.reportDueWords}前通过申报系统报送上一年度工作总结（年度报告）和服务企业名单，接受所在地工业和信息化主管部门检查和省工业和信息化厅评价；有效期满需继续认定的，按规定申请复核。对未按要求报送年度报告、服务能力明显下降或弄虚作假的，将责令限期整改直至撤销认定。`,
      '各地工业和信息化主管部门要加强对示范平台的指导、服务和监督管理，引导示范平台为中小企业提供优质服务。',
    ],
    attachments: [listWords.join('')],
    attachment: {
      label: '附件',
      titleLines: titleLines(listWords),
      header: ['序号', '平台名称', '运营单位', '所在地', '证书编号'],
      rows: platforms.map((p, i) => [String(i + 1), p.platformName, p.unitName, p.cityName, p.certificateNumber]),
    },
    signature: issuer.officialName,
    dateText,
    ...signaturePlacement(issuer.officialName, dateText),
    copyTo: `抄送：${input.copyTo.join('，')}。`,
    printer: `${issuer.officialName}办公室`,
    printedOn: `${dateText}印发`,
  };
}

/** The list's columns (mm, 156 in all): a certificate number (豫中小服示〔2026〕001号) keeps to one line. */
const COLUMNS_MM = [10, 37, 38, 21, 50];
/** 五号 (10.5 pt) in the table, 四号 (14 pt) in the 版记. */
const TABLE_PT = 10.5;
const BANJI_PT = 14;
/** The separator under the 发文字号, 4 mm below it; the 版记's lines, thick 0.35 mm and thin 0.25 mm. */
const SEPARATOR_PT = 1.5;
const THICK = pt(0.35);
const THIN = pt(0.25);
/** The 发文机关标志's top, 35 mm below the 版心's. */
const LETTERHEAD_MM = 35;

// ---------------------------------------------------------------------------------------------------- Word

const WORD_TABLE_SIZE = TABLE_PT * 2;
const rule = (size: number, color = '000000'): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color });

export async function renderRecognitionDecisionDocx(d: RecognitionDecision): Promise<Buffer> {
  const ON_GRID = onGridAt(1);
  const par = (text: string, options?: Parameters<typeof wordParagraph>[2]) => wordParagraph(ON_GRID, text, options);
  const blank = (keepNext = false) => par('', { indent: false, keepNext });
  const centred = (text: string, font = FANGSONG, size = SANHAO, options: { pageBreakBefore?: boolean } = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      ...ON_GRID,
      keepNext: true,
      ...options,
      children: [wordRun(text, font, size)],
    });

  const cellText = (text: string, header: boolean, centre: boolean) =>
    new Paragraph({
      alignment: centre ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { line: Math.round(TABLE_PT * 1.5 * 20), lineRule: 'exact' },
      autoSpaceEastAsianText: false,
      children: [new TextRun({ text, font: header ? HEITI : FANGSONG, size: WORD_TABLE_SIZE })],
    });
  const centredColumns = new Set([0, 3]);
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: twips(COLUMNS_MM[i]!), type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: [cellText(text, header, header || centredColumns.has(i))],
          }),
      ),
    });
  const list = new Table({
    width: { size: twips(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: COLUMNS_MM.map(twips),
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    borders: {
      top: rule(4),
      bottom: rule(4),
      left: rule(4),
      right: rule(4),
      insideHorizontal: rule(4),
      insideVertical: rule(4),
    },
    rows: [row(d.attachment.header, true), ...d.attachment.rows.map((r) => row(r, false))],
  });

  // The 版记 after the list, kept together, its lines as wide as the 版心: the first and last thick, the one
  // between thin; 抄送 and 印发 one character in from either side. (Word could float it to the foot of the page
  // in a frame, but LibreOffice ignores such a frame's position and borders.)
  const banjiRun = (text: string) => new TextRun({ text, font: FANGSONG, size: BANJI_PT * 2 });
  const banji = [
    new Paragraph({
      ...ON_GRID,
      keepNext: true,
      border: { top: rule(8), bottom: rule(6) },
      children: [banjiRun(`　${d.copyTo}`)],
    }),
    new Paragraph({
      ...ON_GRID,
      tabStops: [{ type: 'right', position: twips(TEXT_WIDTH_MM) }],
      border: { bottom: rule(8) },
      children: [banjiRun(`　${d.printer}`), banjiRun('\t'), banjiRun(`${d.printedOn}　`)],
    }),
  ];

  const letterhead = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: twips(LETTERHEAD_MM), after: 0, line: letterheadSize(d.letterhead) * 20, lineRule: 'exact' },
    children: [
      new TextRun({ text: d.letterhead, font: XIAOBIAOSONG, size: letterheadSize(d.letterhead) * 2, color: RED }),
    ],
  });
  const docNumber = new Paragraph({
    alignment: AlignmentType.CENTER,
    ...ON_GRID,
    border: { bottom: { ...rule(SEPARATOR_PT * 8, RED), space: Math.round(pt(4)) } },
    children: [wordRun(d.docNumber)],
  });
  const empty = new Header({ children: [] });
  return renderOfficialDocx(d.title, {
    properties: { page: WORD_PAGE },
    headers: { default: empty, even: empty },
    footers: { default: wordFolio('right'), even: wordFolio('left') },
    children: [
      letterhead,
      blank(),
      blank(),
      docNumber,
      blank(),
      blank(),
      ...d.titleLines.map((line) => centred(line, XIAOBIAOSONG, ERHAO)),
      blank(),
      par(d.addressee, { indent: false }),
      ...d.paragraphs.slice(0, -1).map((p) => par(p)),
      // The last paragraph, the attachment note, signature and date stay together: the seal never stands alone.
      par(d.paragraphs.at(-1)!, { keepNext: true }),
      blank(true),
      ...wordAttachmentNote(ON_GRID, d.attachments),
      ...wordSignatureBlock(ON_GRID, d, false),
      new Paragraph({
        ...ON_GRID,
        pageBreakBefore: true,
        keepNext: true,
        children: [wordRun(d.attachment.label, HEITI)],
      }),
      blank(true),
      ...d.attachment.titleLines.map((line) => centred(line, XIAOBIAOSONG, ERHAO)),
      blank(true),
      list,
      blank(true),
      ...banji,
    ],
  });
}

// ----------------------------------------------------------------------------------------------------- PDF

/** The 版心's bottom edge, where the 版记's last line lies. */
const TEXT_BOTTOM = pt(TOP_MM + TEXT_HEIGHT_MM);
const LEFT = pt(LEFT_MM);
const RIGHT = LEFT + pt(TEXT_WIDTH_MM);

const hline = (y: number, width: number, color = '#000000') => ({
  type: 'line' as const,
  x1: LEFT,
  x2: RIGHT,
  y1: y + width / 2,
  y2: y + width / 2,
  lineWidth: width,
  lineColor: color,
});

/** The 版记's two rows, each a line of the grid, ending on the 版心's bottom edge. */
function banjiContent(d: RecognitionDecision): Content[] {
  const rowTop = (i: number) => TEXT_BOTTOM - (2 - i) * PITCH;
  const textTop = (i: number) => rowTop(i) + (PITCH - BANJI_PT) / 2;
  // One character in from either side, in a column of that width. FandolFang's em box is its line box, so the
  // text's top is the em box's.
  const text = (value: string, i: number, alignment: 'left' | 'right'): Content => ({
    columns: [{ width: pt(TEXT_WIDTH_MM) - 2 * BANJI_PT, text: value, fontSize: BANJI_PT, lineHeight: 1, alignment }],
    characterSpacing: 0,
    absolutePosition: { x: LEFT + BANJI_PT, y: textTop(i) },
  });
  return [
    {
      canvas: [hline(rowTop(0), THICK), hline(rowTop(1) - THIN / 2, THIN), hline(TEXT_BOTTOM - THICK, THICK)],
      absolutePosition: { x: 0, y: 0 },
    },
    text(d.copyTo, 0, 'left'),
    text(d.printer, 1, 'left'),
    text(d.printedOn, 1, 'right'),
  ];
}

export function renderRecognitionDecisionPdf(d: RecognitionDecision): Promise<Buffer> {
  const headSize = letterheadSize(d.letterhead);
  const letterheadTop = pt(TOP_MM + LETTERHEAD_MM);
  // 发文字号 two lines under the 发文机关标志 (its em box tops its FandolFang line), the red line 4 mm under it.
  const docNumberTop = letterheadTop + headSize + 2 * PITCH;
  const separatorTop = docNumberTop + BODY_PT + pt(4);
  const blank = (lines = 1) => pdfBlank(PITCH, lines);

  const tableLine = TABLE_PT * 1.5;
  const cell = (text: string, header: boolean, centre: boolean): PdfTableCell => ({
    text,
    font: header ? PDF_FONT : FANGSONG_PDF_FONT,
    bold: header,
    fontSize: TABLE_PT,
    characterSpacing: 0,
    lineHeight: tableLine / (TABLE_PT * (header ? 1.437 : 1)),
    alignment: centre ? 'center' : 'left',
  });
  const centredColumns = new Set([0, 3]);
  const list: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: COLUMNS_MM.map((w) => pt(w) - 6.5),
      body: [
        d.attachment.header.map((h) => cell(h, true, true)),
        ...d.attachment.rows.map((r) => r.map((text, i) => cell(text, false, centredColumns.has(i)))),
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
  };

  return renderPdf({
    pageSize: 'A4',
    pageMargins: PDF_PAGE_MARGINS,
    info: { title: d.title },
    defaultStyle: pdfBodyStyle(PITCH),
    background: (page) =>
      page === 1
        ? [
            {
              text: d.letterhead,
              font: PDF_FONT,
              bold: true,
              fontSize: headSize,
              lineHeight: 1,
              characterSpacing: 0,
              color: `#${RED}`,
              alignment: 'center',
              // Centred on the 版心 (28 mm left, 26 mm right): x narrows the width it is centred in from the left.
              absolutePosition: { x: pt(2), y: letterheadTop - NOTO_EM_TOP * headSize },
            },
            { canvas: [hline(separatorTop, SEPARATOR_PT, `#${RED}`)], absolutePosition: { x: 0, y: 0 } },
          ]
        : [],
    // 文件格式: every page numbered, the first too.
    footer: (page) => [pdfFolio(page)],
    content: [
      { text: d.docNumber, alignment: 'center', margin: [0, docNumberTop - pt(TOP_MM), 0, 0] },
      // The title two lines under the red line.
      { text: '', margin: [0, 0, 0, BODY_PT + pt(4) + SEPARATOR_PT] },
      blank(),
      ...d.titleLines.map((line) => pdfTitleLine(line, PITCH)),
      blank(),
      pdfPara(d.addressee, false),
      ...d.paragraphs.slice(0, -1).map((p) => pdfPara(p)),
      {
        // The last paragraph, the attachment note, signature and date stay together: the seal never stands alone.
        unbreakable: true,
        stack: [
          pdfPara(d.paragraphs.at(-1)!),
          blank(),
          ...pdfAttachmentNote(d.attachments),
          ...pdfSignatureBlock(d, PITCH),
        ],
      },
      {
        text: d.attachment.label,
        font: PDF_FONT,
        bold: true,
        lineHeight: gridLineHeight(PDF_FONT, BODY_PT, PITCH),
        characterSpacing: 0,
        pageBreak: 'before',
      },
      blank(),
      ...d.attachment.titleLines.map((line) => pdfTitleLine(line, PITCH)),
      { ...list, margin: [0, PITCH / 4, 0, 0] },
      // Room for the 版记 at the foot of this page, or the next page when the list leaves too little.
      { canvas: [{ type: 'rect', x: 0, y: 0, w: 1, h: 2 * PITCH + PITCH / 2, lineWidth: 0, lineColor: '#ffffff' }] },
      ...banjiContent(d),
    ],
  });
}
