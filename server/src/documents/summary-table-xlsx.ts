import ExcelJS from 'exceljs';
import { PAPER_COPIES } from './print.js';
import type { SummaryTable } from './summary-table.js';

const FONT = '仿宋_GB2312';
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const widths = [6, 26, 26, 18, 14, 11, 9, 10, 10, 10, 9, 12, 24];

/**
 * 附件2 as Excel, the form the province merges: title, seal line, the 13 columns with the header row
 * repeated on every printed page, notes 1–5 under the table; landscape A4 fitted to the page width,
 * printed in two copies (一式两份).
 */
export async function renderSummaryTableXlsx(table: SummaryTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '河南省中小企业公共服务示范平台申报系统';
  const ws = wb.addWorksheet('汇总表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '3:3',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  // ExcelJS writes <pageSetup copies> but its typings leave the field out.
  Object.assign(ws.pageSetup, { copies: PAPER_COPIES });
  ws.columns = widths.map((width) => ({ width }));
  const last = table.columns.length;

  ws.mergeCells(1, 1, 1, last);
  Object.assign(ws.getCell(1, 1), {
    value: table.title,
    font: { name: '方正小标宋简体', size: 18 },
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  ws.getRow(1).height = 36;
  ws.mergeCells(2, 1, 2, last);
  Object.assign(ws.getCell(2, 1), {
    value: table.sealLine,
    font: { name: FONT, size: 12 },
    alignment: { horizontal: 'left', vertical: 'middle' },
  });
  ws.getRow(2).height = 24;

  const header = ws.getRow(3);
  table.columns.forEach((c, i) => {
    Object.assign(header.getCell(i + 1), {
      value: c,
      font: { name: '黑体', size: 11 },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border,
    });
  });
  header.height = 36;

  for (const r of table.rows) {
    const row = ws.addRow([
      r.seq,
      r.platformName,
      r.operatorName,
      r.categories,
      r.registeredOn ? new Date(`${r.registeredOn}T00:00:00Z`) : '',
      r.totalAssetsWan,
      r.serviceStaff,
      r.institutions,
      r.preferentialSharePercent / 100,
      r.enterprisesServed,
      r.siteChecked,
      r.interviewed,
      r.remark,
    ]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: FONT, size: 11 };
      cell.border = border;
      cell.alignment = {
        vertical: 'middle',
        horizontal: [2, 3, 4, 13].includes(col) ? 'left' : 'center',
        wrapText: true,
      };
    });
    row.getCell(5).numFmt = 'yyyy"年"m"月"d"日"';
    row.getCell(6).numFmt = '#,##0.00"万元"';
    row.getCell(9).numFmt = '0.0%';
  }

  let at = ws.rowCount + 2;
  for (const note of table.notes) {
    ws.mergeCells(at, 1, at, last);
    Object.assign(ws.getCell(at, 1), {
      value: note,
      font: { name: FONT, size: 11 },
      alignment: { wrapText: true, vertical: 'top' },
    });
    ws.getRow(at).height = note.length > 90 ? 32 : 18;
    at += 1;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
