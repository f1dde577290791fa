import { collectPdf, createPdfKitDocument, PDF_FONT, type PdfKitDocument } from './pdf.js';
import { Measure } from './summary-table-pdf.js';
import { heightFor, landscapeSheet, wrappedLines } from './summary-table-xlsx.js';

/**
 * The documents of the expert review (issue 15 item 8): 专家评审意见汇总表 (the province's ranked list of a round,
 * Excel and PDF) and the expert's own 评审意见表 (one page per application, to print and sign).
 */

export interface ReviewSummaryRow {
  rank: number;
  label: string;
  unitName: string;
  platformName: string;
  /** "专家甲 82.5；专家乙 70（未提交）". */
  scores: string;
  mean: string;
  median: string;
  trimmedMean: string;
  range: string;
  verdict: string;
  decision: string;
}

export interface ReviewSummary {
  title: string;
  subtitle: string;
  rows: ReviewSummaryRow[];
  note: string;
}

const COLUMNS: { name: string; key: keyof ReviewSummaryRow; xlsxWidth: number; pdfWidth: number; left?: true }[] = [
  { name: '排名', key: 'rank', xlsxWidth: 6, pdfWidth: 28 },
  { name: '材料编号', key: 'label', xlsxWidth: 10, pdfWidth: 44 },
  { name: '运营单位名称', key: 'unitName', xlsxWidth: 24, pdfWidth: 110, left: true },
  { name: '平台名称', key: 'platformName', xlsxWidth: 24, pdfWidth: 110, left: true },
  { name: '各专家评分', key: 'scores', xlsxWidth: 26, pdfWidth: 130, left: true },
  { name: '平均分', key: 'mean', xlsxWidth: 8, pdfWidth: 40 },
  { name: '中位数', key: 'median', xlsxWidth: 8, pdfWidth: 40 },
  { name: '去掉最高最低分后平均分', key: 'trimmedMean', xlsxWidth: 11, pdfWidth: 52 },
  { name: '极差', key: 'range', xlsxWidth: 7, pdfWidth: 34 },
  { name: '评分细则判定', key: 'verdict', xlsxWidth: 22, pdfWidth: 100, left: true },
  { name: '省厅评审结论', key: 'decision', xlsxWidth: 18, pdfWidth: 0, left: true },
];

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const XLSX_FONT = '仿宋_GB2312';

/**
 * 专家评审意见汇总表 as Excel: A4 landscape fitted to the page width, the title rows and the header row repeated on
 * every printed page, 第 &P 页 共 &N 页 in the footer.
 */
export async function renderReviewSummaryXlsx(summary: ReviewSummary): Promise<Buffer> {
  const headerRow = 3;
  const { wb, ws } = landscapeSheet('评审意见汇总表', `1:${headerRow}`, '&C第 &P 页 共 &N 页');
  ws.columns = COLUMNS.map((c) => ({ width: c.xlsxWidth }));
  const last = COLUMNS.length;
  ws.mergeCells(1, 1, 1, last);
  Object.assign(ws.getCell(1, 1), {
    value: summary.title,
    font: { name: '方正小标宋简体', size: 18 },
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, last);
  Object.assign(ws.getCell(2, 1), {
    value: summary.subtitle,
    font: { name: XLSX_FONT, size: 12 },
    alignment: { horizontal: 'left', vertical: 'middle' },
  });
  ws.getRow(2).height = 20;
  const header = ws.getRow(headerRow);
  COLUMNS.forEach((c, i) =>
    Object.assign(header.getCell(i + 1), {
      value: c.name,
      font: { name: '黑体', size: 11 },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border,
    }),
  );
  header.height = 34;
  for (const r of summary.rows) {
    const row = ws.addRow(COLUMNS.map((c) => r[c.key]));
    row.height = heightFor(Math.max(...COLUMNS.map((c) => wrappedLines(String(r[c.key]), c.xlsxWidth, 11))), 11);
    COLUMNS.forEach((c, i) =>
      Object.assign(row.getCell(i + 1), {
        font: { name: XLSX_FONT, size: 11 },
        border,
        alignment: { vertical: 'middle', horizontal: c.left ? 'left' : 'center', wrapText: true },
      }),
    );
  }
  const at = ws.rowCount + 2;
  ws.mergeCells(at, 1, at, last);
  Object.assign(ws.getCell(at, 1), {
    value: summary.note,
    font: { name: XLSX_FONT, size: 11 },
    alignment: { wrapText: true, vertical: 'top' },
  });
  ws.getRow(at).height = 36;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { left: 28, right: 28, top: 32, bottom: 40 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const PAD = 3;
const LINE = 1.3;
const BOLD = `${PDF_FONT}-Bold`;

interface Laid {
  lines: string[][];
  height: number;
}

function lay(m: Measure, widths: readonly number[], texts: readonly string[]): Laid {
  const lines = texts.map((t, i) => m.wrap(t, widths[i]! - 2 * PAD));
  return { lines, height: Math.max(...lines.map((l) => l.length)) * m.size * LINE + 2 * PAD };
}

function drawLaid(
  doc: PdfKitDocument,
  m: Measure,
  widths: readonly number[],
  left: readonly boolean[],
  row: Laid,
  origin: { x: number; y: number },
) {
  let x = origin.x;
  const y = origin.y;
  const lineHeight = m.size * LINE;
  doc.font(m.font).fontSize(m.size);
  row.lines.forEach((lines, i) => {
    let ty = y + (row.height - lines.length * lineHeight) / 2 + (lineHeight - m.size) / 2;
    for (const text of lines) {
      const tx = left[i] ? x + PAD : x + (widths[i]! - m.lineWidth(text)) / 2;
      doc.text(text, tx, ty, { lineBreak: false });
      ty += lineHeight;
    }
    doc.rect(x, y, widths[i]!, row.height);
    x += widths[i]!;
  });
  doc.lineWidth(0.5).stroke();
}

const footer = (doc: PdfKitDocument, page: number, total: number, box = { x: MARGIN.left, width: CONTENT_WIDTH }) =>
  doc
    .font(PDF_FONT)
    .fontSize(8)
    .text(`第 ${page} 页 共 ${total} 页`, box.x, doc.page.height - MARGIN.bottom + 14, {
      width: box.width,
      align: 'center',
      lineBreak: false,
    });

/**
 * 专家评审意见汇总表 as PDF: A4 landscape, the title on page 1, the header row repeated on every page, no row split
 * across pages, 第 X 页 共 Y 页 in the footer.
 */
export function renderReviewSummaryPdf(summary: ReviewSummary): Promise<Buffer> {
  const doc = createPdfKitDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: { Title: summary.title },
  });
  const body = new Measure(doc, PDF_FONT, 9);
  const head = new Measure(doc, BOLD, 8.5);
  const fixed = COLUMNS.reduce((s, c) => s + c.pdfWidth, 0);
  const widths = COLUMNS.map((c) => c.pdfWidth || CONTENT_WIDTH - fixed);
  const left = COLUMNS.map((c) => c.left === true);
  const header = lay(
    head,
    widths,
    COLUMNS.map((c) => c.name),
  );
  const bottom = PAGE.height - MARGIN.bottom;
  const firstTop = MARGIN.top + 17 * LINE + 6 + 11 * LINE + 6;
  const pages: Laid[][] = [[]];
  let y = firstTop + header.height;
  for (const r of summary.rows) {
    const row = lay(
      body,
      widths,
      COLUMNS.map((c) => String(r[c.key])),
    );
    if (y + row.height > bottom && pages.at(-1)!.length > 0) {
      pages.push([]);
      y = MARGIN.top + header.height;
    }
    pages.at(-1)!.push(row);
    y += row.height;
  }
  const noteOnNewPage = y + 10 + 30 > bottom;
  const total = pages.length + (noteOnNewPage ? 1 : 0);
  for (let p = 0; p < total; p++) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    let at = MARGIN.top;
    if (p === 0) {
      doc
        .font(BOLD)
        .fontSize(17)
        .text(summary.title, MARGIN.left, at, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      at += 17 * LINE + 6;
      doc.font(PDF_FONT).fontSize(11).text(summary.subtitle, MARGIN.left, at, { lineBreak: false });
      at += 11 * LINE + 6;
    }
    const rows = pages[p];
    if (rows) {
      drawLaid(doc, head, widths, left, header, { x: MARGIN.left, y: at });
      at += header.height;
      for (const row of rows) {
        drawLaid(doc, body, widths, left, row, { x: MARGIN.left, y: at });
        at += row.height;
      }
    }
    if (p === total - 1) {
      doc
        .font(PDF_FONT)
        .fontSize(9)
        .text(summary.note, MARGIN.left, noteOnNewPage ? MARGIN.top : at + 10, { width: CONTENT_WIDTH });
    }
    footer(doc, p + 1, total);
  }
  return collectPdf(doc);
}

export interface OpinionItem {
  category: string;
  item: string;
  /** "满分100，权重0.1" or the choice's label. */
  rule: string;
  /** Points or the chosen tier. */
  score: string;
  remark: string;
}

export interface OpinionSheet {
  label: string;
  items: OpinionItem[];
  total: string;
  verdict: string;
  opinion: string;
  submittedAt: string;
}

export interface ExpertOpinions {
  roundTitle: string;
  rubricTitle: string;
  expertName: string;
  sheets: OpinionSheet[];
}

const PORTRAIT = { width: 595.28, height: 841.89 };
const P_MARGIN = 48;
const P_WIDTH = PORTRAIT.width - 2 * P_MARGIN;
const OPINION_COLUMNS = [
  { name: '类别', width: 70 },
  { name: '评分项', width: 120 },
  { name: '计分规则', width: 80 },
  { name: '得分／档次', width: 60 },
  { name: '评审意见', width: P_WIDTH - 330 },
];

/**
 * The expert's 评审意见表: one A4 page per application (by its neutral label), the items with points and remarks,
 * the total and the rubric's verdict, the overall opinion, and a line for the signature and the date.
 */
export function renderExpertOpinionsPdf(opinions: ExpertOpinions): Promise<Buffer> {
  const doc = createPdfKitDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `专家评审意见表（${opinions.expertName}）` },
  });
  const body = new Measure(doc, PDF_FONT, 8.5);
  const head = new Measure(doc, BOLD, 9);
  const widths = OPINION_COLUMNS.map((c) => c.width);
  const left = [false, true, true, false, true];
  opinions.sheets.forEach((sheet, n) => {
    doc.addPage({ size: 'A4', margin: 0 });
    let y = P_MARGIN;
    doc.font(BOLD).fontSize(18).text('专家评审意见表', P_MARGIN, y, { width: P_WIDTH, align: 'center' });
    y += 32;
    doc.font(PDF_FONT).fontSize(10);
    doc.text(`评审轮次：${opinions.roundTitle}`, P_MARGIN, y, { width: P_WIDTH });
    y += 16;
    doc.text(`材料编号：${sheet.label}        评分细则：${opinions.rubricTitle}`, P_MARGIN, y, { width: P_WIDTH });
    y += 22;
    const header = lay(
      head,
      widths,
      OPINION_COLUMNS.map((c) => c.name),
    );
    drawLaid(doc, head, widths, left, header, { x: P_MARGIN, y });
    y += header.height;
    for (const item of sheet.items) {
      const row = lay(body, widths, [item.category, item.item, item.rule, item.score, item.remark]);
      drawLaid(doc, body, widths, left, row, { x: P_MARGIN, y });
      y += row.height;
    }
    y += 12;
    doc.font(BOLD).fontSize(11).text(`总分：${sheet.total}分    ${sheet.verdict}`, P_MARGIN, y, { width: P_WIDTH });
    y = doc.y + 10;
    doc.font(BOLD).fontSize(11).text('总体评审意见：', P_MARGIN, y);
    y = doc.y + 4;
    const signY = PORTRAIT.height - P_MARGIN - 70;
    doc
      .font(PDF_FONT)
      .fontSize(10)
      .text(sheet.opinion || '（无）', P_MARGIN, y, {
        width: P_WIDTH,
        lineGap: 2,
        height: signY - 40 - y,
        ellipsis: true,
      });
    doc
      .font(PDF_FONT)
      .fontSize(11)
      .text(`提交时间：${sheet.submittedAt}`, P_MARGIN, signY - 24, { width: P_WIDTH })
      .text('专家签名：____________________', P_MARGIN, signY, { width: P_WIDTH / 2, lineBreak: false })
      .text('日期：______年____月____日', P_MARGIN + P_WIDTH / 2, signY, {
        width: P_WIDTH / 2,
        align: 'right',
        lineBreak: false,
      });
    footer(doc, n + 1, opinions.sheets.length, { x: P_MARGIN, width: P_WIDTH });
  });
  return collectPdf(doc);
}
