import ExcelJS from 'exceljs';
import { PAPER_COPIES } from './print.js';
import type { SummaryColumn, SummaryRow, SummaryTable } from './summary-table.js';

const FONT = '仿宋_GB2312';
const SIZE = { label: 16, title: 18, seal: 12, header: 11, body: 11 };
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

interface ColumnSpec {
  width: number;
  align: 'left' | 'center';
  numFmt?: string;
  value: (r: SummaryRow) => ExcelJS.CellValue;
  /** The cell as displayed, which is what has to fit. */
  text: (r: SummaryRow) => string;
}

const plain = (width: number, align: ColumnSpec['align'], text: (r: SummaryRow) => string): ColumnSpec => ({
  width,
  align,
  value: text,
  text,
});
const count = (width: number, value: (r: SummaryRow) => number): ColumnSpec => ({
  width,
  align: 'center',
  value,
  text: (r) => String(value(r)),
});

/** Widths in Excel units. None is 9: ExcelJS takes 9 for its default and leaves such a column's width out. */
const specs: Record<SummaryColumn, ColumnSpec> = {
  序号: count(6, (r) => r.seq),
  推荐单位: plain(12, 'center', (r) => r.authorityName),
  平台名称: plain(26, 'left', (r) => r.platformName),
  运营单位名称: plain(26, 'left', (r) => r.operatorName),
  平台类别: plain(18, 'left', (r) => r.categories),
  注册登记时间: {
    width: 16,
    align: 'center',
    numFmt: 'yyyy"年"m"月"d"日"',
    value: (r) => (r.registeredOn ? new Date(`${r.registeredOn}T00:00:00Z`) : ''),
    text: (r) => r.registeredOnText,
  },
  资产总额: {
    width: 15,
    align: 'center',
    numFmt: '#,##0.00"万元"',
    value: (r) => r.totalAssetsWan,
    text: (r) =>
      `${r.totalAssetsWan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}万元`,
  },
  服务人员数量: count(10, (r) => r.serviceStaff),
  集聚服务机构数量: count(10, (r) => r.institutions),
  优惠服务占比: {
    width: 10,
    align: 'center',
    numFmt: '0.0%',
    value: (r) => r.preferentialSharePercent / 100,
    text: (r) => `${r.preferentialSharePercent.toFixed(1)}%`,
  },
  年服务企业数: count(10, (r) => r.enterprisesServed),
  是否现场核查: plain(10, 'center', (r) => r.siteChecked),
  是否与单位主要负责人面谈: plain(12, 'center', (r) => r.interviewed),
  备注: plain(24, 'left', (r) => r.remark),
};

/*
 * Row heights. A spreadsheet does not grow a row for wrapped text on its own when the file says nothing,
 * and ExcelJS cannot measure, so each row gets the height of its tallest cell, counted generously: a column
 * `width` units wide is width × 7 + 5 px (Excel's unit is the default font's digit, 7 px at 96 dpi), less
 * the cell padding; a CJK or full-width character takes one em, any other character 0.6 em; Latin words
 * and numbers stay whole when they fit a line; a line is 1.5 em high (CJK fonts run to about 1.45).
 */
const EM_PER_NARROW = 0.6;
const LINE_EM = 1.5;
const ROW_PAD_PT = 4;

function charEms(ch: string): number {
  return ch.codePointAt(0)! < 0x2e80 && !/[“”‘’…—]/.test(ch) ? EM_PER_NARROW : 1;
}

/** Lines `text` takes in a cell `width` column units wide at `size` pt. */
export function wrappedLines(text: string, width: number, size: number): number {
  const capacity = (width * 7 + 5 - 8) / ((size * 96) / 72);
  let lines = 1;
  let used = 0;
  for (const word of text.match(/[\x21-\x7e]+|\s|./gsu) ?? []) {
    const w = [...word].reduce((s, ch) => s + charEms(ch), 0);
    if (used + w <= capacity) {
      used += w;
    } else if (w <= capacity) {
      lines += used > 0 ? 1 : 0;
      used = w;
    } else {
      for (const ch of word) {
        const c = charEms(ch);
        if (used + c > capacity && used > 0) {
          lines += 1;
          used = 0;
        }
        used += c;
      }
    }
  }
  return lines;
}

export function heightFor(lines: number, size: number): number {
  return Math.ceil(lines * size * LINE_EM + ROW_PAD_PT);
}

/**
 * A workbook with one sheet for printing wide tables: A4 landscape fitted to the page width, centred, the rows
 * `printTitlesRow` repeated on every page and frozen on screen, `footer` if given.
 */
export function landscapeSheet(name: string, printTitlesRow: string, footer?: string) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '河南省中小企业公共服务示范平台申报系统';
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    ...(footer ? { headerFooter: { oddFooter: footer } } : {}),
    views: [{ state: 'frozen', ySplit: Number(printTitlesRow.split(':')[1]) }],
  });
  return { wb, ws };
}

/**
 * 附件2 as Excel, the form the province merges: the label 附件2, title, seal line, the columns (with the
 * recommending city first in the province's table) with the header row repeated on every printed page,
 * each row as high as its longest wrapped cell, notes 1–5 under the table; landscape A4 fitted to the page
 * width, printed in two copies (一式两份).
 */
export async function renderSummaryTableXlsx(table: SummaryTable): Promise<Buffer> {
  const columns = table.columns.map((c) => specs[c]);
  const headerRow = 4;
  const { wb, ws } = landscapeSheet('汇总表', `${headerRow}:${headerRow}`);
  // ExcelJS writes <pageSetup copies> but its typings leave the field out.
  Object.assign(ws.pageSetup, { copies: PAPER_COPIES });
  ws.columns = columns.map(({ width }) => ({ width }));
  const last = columns.length;
  const fullWidth = columns.reduce((s, c) => s + c.width, 0);

  Object.assign(ws.getCell(1, 1), {
    value: table.label,
    font: { name: '黑体', size: SIZE.label },
    alignment: { horizontal: 'left', vertical: 'middle' },
  });
  ws.getRow(1).height = heightFor(1, SIZE.label);
  ws.mergeCells(2, 1, 2, last);
  Object.assign(ws.getCell(2, 1), {
    value: table.title,
    font: { name: '方正小标宋简体', size: SIZE.title },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  });
  ws.getRow(2).height = heightFor(wrappedLines(table.title, fullWidth, SIZE.title), SIZE.title);
  ws.mergeCells(3, 1, 3, last);
  Object.assign(ws.getCell(3, 1), {
    value: table.sealLine,
    font: { name: FONT, size: SIZE.seal },
    alignment: { horizontal: 'left', vertical: 'middle' },
  });
  ws.getRow(3).height = heightFor(1, SIZE.seal);

  const header = ws.getRow(headerRow);
  table.columns.forEach((c, i) => {
    Object.assign(header.getCell(i + 1), {
      value: c,
      font: { name: '黑体', size: SIZE.header },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border,
    });
  });
  header.height = heightFor(
    Math.max(...table.columns.map((c, i) => wrappedLines(c, columns[i]!.width, SIZE.header))),
    SIZE.header,
  );

  for (const r of table.rows) {
    const row = ws.addRow(columns.map((c) => c.value(r)));
    row.height = heightFor(Math.max(...columns.map((c) => wrappedLines(c.text(r), c.width, SIZE.body))), SIZE.body);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.font = { name: FONT, size: SIZE.body };
      cell.border = border;
      cell.alignment = { vertical: 'middle', horizontal: c.align, wrapText: true };
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
  }

  let at = ws.rowCount + 2;
  for (const note of table.notes) {
    ws.mergeCells(at, 1, at, last);
    Object.assign(ws.getCell(at, 1), {
      value: note,
      font: { name: FONT, size: SIZE.body },
      alignment: { wrapText: true, vertical: 'top' },
    });
    ws.getRow(at).height = heightFor(wrappedLines(note, fullWidth, SIZE.body), SIZE.body);
    at += 1;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
