import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { renderPdf } from './pdf.js';
import type { SummaryTable } from './summary-table.js';

const widths = [22, 95, 95, 60, 58, 52, 38, 40, 40, 40, 36, 48, '*'];

/** 附件2 as PDF: landscape A4, the header row repeated on every page, notes 1–5 under the table. */
export function renderSummaryTablePdf(table: SummaryTable): Promise<Buffer> {
  const header: TableCell[] = table.columns.map((c) => ({ text: c, style: 'th' }));
  const body: TableCell[][] = [
    header,
    ...table.rows.map((r) => [
      r.seq,
      r.platformName,
      r.operatorName,
      r.categories,
      r.registeredOnText,
      `${r.totalAssetsWan.toFixed(2)}万元`,
      r.serviceStaff,
      r.institutions,
      `${r.preferentialSharePercent}%`,
      r.enterprisesServed,
      r.siteChecked,
      r.interviewed,
      r.remark,
    ].map((v) => ({ text: String(v), style: 'td' }))),
  ];
  const content: Content[] = [
    { text: table.title, style: 'title' },
    { text: table.sealLine, margin: [0, 6, 0, 6] },
    { table: { headerRows: 1, widths, body, dontBreakRows: true }, layout: { paddingTop: () => 3, paddingBottom: () => 3 } },
    { stack: table.notes.map((n) => ({ text: n, margin: [0, 2, 0, 0] })), margin: [0, 10, 0, 0], fontSize: 9 },
  ];
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 32, 28, 32],
    info: { title: table.title, producer: '河南省中小企业公共服务示范平台申报系统' },
    content,
    defaultStyle: { fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 17, bold: true, alignment: 'center' },
      th: { bold: true, alignment: 'center', fontSize: 8.5 },
      td: { alignment: 'center' },
    },
    footer: (page, pages) => ({ text: `第 ${page} 页 共 ${pages} 页`, alignment: 'center', fontSize: 8, margin: [0, 8, 0, 0] }),
  });
}
