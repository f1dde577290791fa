import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { tinyPng, zipWith } from './fixtures.js';

/** A Word report as the docx package writes it: a heading, formatted runs, an image and a table. */
export function previewDocx(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('第一章 平台概况')] }),
          new Paragraph({
            children: [
              new TextRun('平台名称：'),
              new TextRun({ text: '洛阳中小企业服务平台', bold: true }),
              new TextRun({ text: '（示范）', italics: true }),
            ],
          }),
          new Paragraph({
            children: [new ImageRun({ type: 'png', data: tinyPng(), transformation: { width: 20, height: 20 } })],
          }),
          new Table({
            rows: [
              new TableRow({ children: [cell('服务项目'), cell('收费标准')] }),
              new TableRow({ children: [cell('管理咨询'), cell('免费')] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A workbook written by ExcelJS: 台账 with a string, a number, a date (yyyy-mm-dd) and a percentage; 明细
 * with 600 rows of 60 columns, beyond the preview's 500 × 50.
 */
export async function previewXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ledger = workbook.addWorksheet('台账');
  ledger.addRow(['服务项目', '金额（万元）', '日期', '优惠比例']);
  ledger.addRow(['管理咨询', 1234.5, new Date(Date.UTC(2022, 11, 1)), 0.25]);
  ledger.getCell('C2').numFmt = 'yyyy-mm-dd';
  ledger.getCell('D2').numFmt = '0%';
  const details = workbook.addWorksheet('明细');
  for (let r = 1; r <= 600; r++) details.addRow(Array.from({ length: 60 }, (_, c) => `R${r}C${c + 1}`));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * An OFD (GB/T 33190) built entry by entry: one document, two pages. Page 1 has its own A4 PhysicalBox, a
 * text object with DeltaX (`g` repeat), a line, an image and a template with a title; page 2 takes its box
 * (A5) from the document's CommonData.
 */
export function previewOfd(): Promise<Buffer> {
  const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  return zipWith({
    'OFD.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD ${ns} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0C1D4F7A</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
    'Doc_0/Document.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document ${ns}><ofd:CommonData><ofd:MaxUnitID>20</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 148 210</ofd:PhysicalBox></ofd:PageArea><ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>
<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages></ofd:Document>`,
    'Doc_0/Tpls/Tpl_0/Content.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page ${ns}><ofd:Content><ofd:Layer ID="10"><ofd:TextObject ID="11" Boundary="80 10 60 8" Font="3" Size="6" Weight="700"><ofd:TextCode X="0" Y="6">营业执照</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
    'Doc_0/Pages/Page_0/Content.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page ${ns}><ofd:Template TemplateID="9" ZOrder="Background"/><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>
<ofd:Content><ofd:Layer ID="12"><ofd:PageBlock ID="13">
<ofd:TextObject ID="14" Boundary="25 40 100 10" Font="3" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="g 3 4 5">统一社会信用代码</ofd:TextCode></ofd:TextObject>
</ofd:PageBlock>
<ofd:PathObject ID="15" Boundary="25 52 160 1" LineWidth="0.5"><ofd:AbbreviatedData>M 0 0.5 L 160 0.5</ofd:AbbreviatedData></ofd:PathObject>
<ofd:ImageObject ID="16" Boundary="150 200 40 40" ResourceID="17"/>
</ofd:Layer></ofd:Content></ofd:Page>`,
    'Doc_0/Pages/Page_1/Content.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page ${ns}><ofd:Content><ofd:Layer ID="18"><ofd:TextObject ID="19" Boundary="10 20 100 10" Font="3" Size="5"><ofd:TextCode X="1" Y="5">第二页</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
  });
}
