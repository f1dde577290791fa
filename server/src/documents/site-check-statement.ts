import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { formatChineseDate } from '../domain/calendar.js';
import { renderPdf } from './pdf.js';
import { CHINESE_STYLES, ERHAO, FANGSONG, GRID_LINE, HEITI, SANHAO, XIAOBIAOSONG } from './word-fonts.js';

/** 附件1 现场核查真实性说明, filled with the unit's name, ready to print and seal by both sides. */
export interface SiteCheckStatement {
  attachmentLabel: string;
  title: string;
  body: string;
  sealLines: [string, string];
  dateLine: string;
}

/**
 * The date line carries the site check's date (ISO `checkedOn`) when it is recorded, in Chinese form;
 * otherwise it is left blank for the officials to write by hand.
 */
export function buildSiteCheckStatement(
  year: number,
  unitName: string,
  checkedOn: string | null = null,
): SiteCheckStatement {
  return {
    attachmentLabel: '附件1',
    title: '现场核查真实性说明',
    body: `经现场核查，${unitName}${year}年度河南省中小企业公共服务示范平台申报材料真实有效，符合申报要求。`,
    sealLines: ['（被核查单位盖章）', '（工业和信息化主管部门盖章）'],
    dateLine: checkedOn ? formatChineseDate(checkedOn) : '年    月    日',
  };
}

export async function renderSiteCheckStatementDocx(s: SiteCheckStatement): Promise<Buffer> {
  const doc = new Document({
    creator: '河南省中小企业公共服务示范平台申报系统',
    title: s.title,
    styles: CHINESE_STYLES,
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [
          new Paragraph({ children: [new TextRun({ text: s.attachmentLabel, font: HEITI, size: SANHAO })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 480, after: 480 },
            children: [new TextRun({ text: s.title, font: XIAOBIAOSONG, size: ERHAO })],
          }),
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: GRID_LINE,
            children: [new TextRun({ text: s.body, font: FANGSONG, size: SANHAO })],
          }),
          new Paragraph({
            spacing: { before: 1440 },
            children: [
              new TextRun({ text: `${s.sealLines[0]}          ${s.sealLines[1]}`, font: FANGSONG, size: SANHAO }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 480 },
            children: [new TextRun({ text: s.dateLine, font: FANGSONG, size: SANHAO })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export function renderSiteCheckStatementPdf(s: SiteCheckStatement): Promise<Buffer> {
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [79, 105, 74, 99],
    info: { title: s.title },
    defaultStyle: { fontSize: 16, lineHeight: 1.6 },
    content: [
      { text: s.attachmentLabel, bold: true },
      { text: s.title, fontSize: 22, bold: true, alignment: 'center', margin: [0, 24, 0, 24] },
      { text: s.body, leadingIndent: 32 },
      {
        columns: [
          { text: s.sealLines[0], width: 'auto' },
          { text: s.sealLines[1], width: '*', alignment: 'right' },
        ],
        margin: [0, 72, 0, 0],
      },
      { text: s.dateLine, alignment: 'right', margin: [0, 24, 24, 0] },
    ],
  });
}
