import { textRuns } from './glyph-fallback.js';
import { collectPdf, createPdfKitDocument, PDF_FONT, type PdfKitDocument } from './pdf.js';
import type { SummaryColumn, SummaryRow, SummaryTable } from './summary-table.js';

/*
 * 附件2 as PDF. The province-wide table can hold thousands of rows, which pdfmake lays out slowly
 * (7.5 s for 5,000 rows), so this form is laid out here on pdfkit directly: fixed column widths,
 * CJK text wrapped character by character with measured glyph advances, rows never split across
 * pages, the header row repeated on every page. Layout is computed first, so the footer can say
 * 第 X 页 共 Y 页 while the pages are written in one pass.
 */

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { left: 28, right: 28, top: 32, bottom: 40 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const PAD = { x: 3, y: 3 };
const LINE = 1.3;

const SIZE = { label: 12, title: 17, seal: 11, header: 8.5, body: 9, note: 9, footer: 8 };
const BOLD = `${PDF_FONT}-Bold`;

type Align = 'left' | 'center';
interface Column {
  width: number;
  align: Align;
}
/** Widths in pt; 备注 takes what is left of the page width. */
const WIDTHS: Record<Exclude<SummaryColumn, '备注'>, number> = {
  序号: 22,
  推荐单位: 52,
  平台名称: 95,
  运营单位名称: 95,
  平台类别: 60,
  注册登记时间: 72,
  资产总额: 60,
  服务人员数量: 38,
  集聚服务机构数量: 40,
  优惠服务占比: 40,
  年服务企业数: 40,
  是否现场核查: 36,
  是否与单位主要负责人面谈: 48,
};
const LEFT: ReadonlySet<SummaryColumn> = new Set(['平台名称', '运营单位名称', '平台类别', '备注']);

function columnsOf(names: readonly SummaryColumn[]): Column[] {
  const fixed = names.reduce((s, c) => s + (c === '备注' ? 0 : WIDTHS[c]), 0);
  return names.map((c) => ({
    width: c === '备注' ? CONTENT_WIDTH - fixed : WIDTHS[c],
    align: LEFT.has(c) ? 'left' : 'center',
  }));
}

function cells(r: SummaryRow): Record<SummaryColumn, string> {
  return {
    序号: String(r.seq),
    推荐单位: r.authorityName,
    平台名称: r.platformName,
    运营单位名称: r.operatorName,
    平台类别: r.categories,
    注册登记时间: r.registeredOnText,
    资产总额: `${r.totalAssetsWan.toFixed(2)}万元`,
    服务人员数量: String(r.serviceStaff),
    集聚服务机构数量: String(r.institutions),
    优惠服务占比: `${r.preferentialSharePercent}%`,
    年服务企业数: String(r.enterprisesServed),
    是否现场核查: r.siteChecked,
    是否与单位主要负责人面谈: r.interviewed,
    备注: r.remark,
  };
}

/** Characters that may not begin a line (标点禁则): they pull the previous character down with them. */
const NO_LINE_START = new Set('，。、；：？！）》」』”’%．,.;:?!)]');

export class Measure {
  private readonly cache = new Map<string, number>();
  constructor(
    private readonly doc: PdfKitDocument,
    readonly font: string,
    readonly size: number,
  ) {}

  width(ch: string): number {
    let w = this.cache.get(ch);
    if (w === undefined) {
      w = this.doc.font(this.fontOf(ch)).fontSize(this.size).widthOfString(ch);
      this.cache.set(ch, w);
    }
    return w;
  }

  /** The font a piece of text is drawn in: this one, or a fallback for characters it lacks (glyph-fallback.ts). */
  fontOf(text: string): string {
    return textRuns(text)[0]?.font ?? this.font;
  }

  /** Greedy wrap into lines no wider than `width`, with the punctuation rule above. */
  wrap(text: string, width: number): string[] {
    const lines: string[][] = [];
    let line: string[] = [];
    let used = 0;
    for (const ch of text) {
      const w = this.width(ch);
      if (used + w > width && line.length > 0) {
        const carried = NO_LINE_START.has(ch) && line.length > 1 ? line.splice(-1) : [];
        lines.push(line);
        line = carried;
        used = carried.reduce((s, c) => s + this.width(c), 0);
      }
      line.push(ch);
      used += w;
    }
    lines.push(line);
    return lines.map((l) => l.join(''));
  }

  lineWidth(text: string): number {
    let w = 0;
    for (const ch of text) w += this.width(ch);
    return w;
  }
}

interface LaidRow {
  lines: string[][];
  height: number;
}

interface Layout {
  header: LaidRow;
  pages: LaidRow[][];
  /** Index of the page the notes go on (the last table page, or one more). */
  notesPage: number;
  notesY: number;
}

function layRow(m: Measure, columns: readonly Column[], texts: readonly string[]): LaidRow {
  const lines = texts.map((t, i) => m.wrap(t, columns[i]!.width - 2 * PAD.x));
  const height = Math.max(...lines.map((l) => l.length)) * m.size * LINE + 2 * PAD.y;
  return { lines, height };
}

/** Page 1 above the table: the label 附件2, the title and the seal line. */
const FIRST_PAGE_HEAD = SIZE.label * LINE + 2 + SIZE.title * LINE + 8 + SIZE.seal * LINE + 8;

function layout(
  table: SummaryTable,
  columns: readonly Column[],
  body: Measure,
  head: Measure,
  notesHeight: number,
): Layout {
  const header = layRow(head, columns, table.columns);
  const firstTop = MARGIN.top + FIRST_PAGE_HEAD;
  const bottom = PAGE.height - MARGIN.bottom;
  const pages: LaidRow[][] = [[]];
  let y = firstTop + header.height;
  for (const r of table.rows) {
    const texts = cells(r);
    const row = layRow(
      body,
      columns,
      table.columns.map((c) => texts[c]),
    );
    if (y + row.height > bottom && pages.at(-1)!.length > 0) {
      pages.push([]);
      y = MARGIN.top + header.height;
    }
    pages.at(-1)!.push(row);
    y += row.height;
  }
  y += 10;
  let notesPage = pages.length - 1;
  if (y + notesHeight > bottom) {
    notesPage += 1;
    y = MARGIN.top;
  }
  return { header, pages, notesPage, notesY: y };
}

function drawRow(doc: PdfKitDocument, columns: readonly Column[], row: LaidRow, y: number, m: Measure) {
  let x = MARGIN.left;
  const lineHeight = m.size * LINE;
  doc.font(m.font).fontSize(m.size);
  row.lines.forEach((lines, i) => {
    const col = columns[i]!;
    let ty = y + (row.height - lines.length * lineHeight) / 2 + (lineHeight - m.size) / 2;
    for (const text of lines) {
      let tx = col.align === 'center' ? x + (col.width - m.lineWidth(text)) / 2 : x + PAD.x;
      const runs = textRuns(text);
      if (runs.length === 1 && runs[0]!.font === null) {
        doc.text(text, tx, ty, { lineBreak: false });
      } else {
        for (const run of runs) {
          doc.font(run.font ?? m.font).text(run.text, tx, ty, { lineBreak: false });
          tx += m.lineWidth(run.text);
        }
        doc.font(m.font);
      }
      ty += lineHeight;
    }
    doc.rect(x, y, col.width, row.height);
    x += col.width;
  });
  doc.lineWidth(0.5).stroke();
}

/**
 * 附件2 as PDF: landscape A4, the label 附件2 at the top left of page 1, the header row repeated on every
 * page, notes 1–5 under the table.
 */
export function renderSummaryTablePdf(table: SummaryTable): Promise<Buffer> {
  const doc = createPdfKitDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: { Title: table.title },
  });
  const body = new Measure(doc, PDF_FONT, SIZE.body);
  const head = new Measure(doc, BOLD, SIZE.header);
  const notesText = table.notes.join('\n');
  const notesHeight = doc
    .font(PDF_FONT)
    .fontSize(SIZE.note)
    .heightOfString(notesText, { width: CONTENT_WIDTH, lineGap: 2 });
  const columns = columnsOf(table.columns);
  const laid = layout(table, columns, body, head, notesHeight);
  const total = Math.max(laid.pages.length, laid.notesPage + 1);

  for (let p = 0; p < total; p++) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    let y = MARGIN.top;
    if (p === 0) {
      doc.font(BOLD).fontSize(SIZE.label).text(table.label, MARGIN.left, y, { lineBreak: false });
      y += SIZE.label * LINE + 2;
      doc
        .font(BOLD)
        .fontSize(SIZE.title)
        .text(table.title, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      y += SIZE.title * LINE + 8;
      doc.font(PDF_FONT).fontSize(SIZE.seal).text(table.sealLine, MARGIN.left, y, { lineBreak: false });
      y += SIZE.seal * LINE + 8;
    }
    const rows = laid.pages[p];
    if (rows) {
      drawRow(doc, columns, laid.header, y, head);
      y += laid.header.height;
      for (const row of rows) {
        drawRow(doc, columns, row, y, body);
        y += row.height;
      }
    }
    if (p === laid.notesPage) {
      doc
        .font(PDF_FONT)
        .fontSize(SIZE.note)
        .text(notesText, MARGIN.left, laid.notesY, { width: CONTENT_WIDTH, lineGap: 2 });
    }
    const footer = `第 ${p + 1} 页 共 ${total} 页`;
    doc
      .font(PDF_FONT)
      .fontSize(SIZE.footer)
      .text(footer, MARGIN.left, PAGE.height - MARGIN.bottom + 14, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
  }
  return collectPdf(doc);
}
