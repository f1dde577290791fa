import ExcelJS from 'exceljs';
import { USCC_ALPHABET, usccCheckCharacter } from '#contract';

/** A valid 统一社会信用代码 of a company (91) registered in the given region, unique per call. */
export function makeUscc(regionCode: string): string {
  const body = Array.from({ length: 9 }, () => USCC_ALPHABET[Math.floor(Math.random() * USCC_ALPHABET.length)]).join(
    '',
  );
  const first17 = `91${regionCode}${body}`;
  return first17 + usccCheckCharacter(first17);
}

/** The smallest PDF readers accept: one empty A4 page. */
export function tinyPdf(title: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>`,
    `<< /Length ${title.length + 30} >>\nstream\nBT /F1 12 Tf 72 770 Td (${title}) Tj ET\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 white PNG. */
export function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC',
    'base64',
  );
}

interface RosterRow {
  enterpriseName: string;
  uscc: string;
  contactName: string;
  position: string;
  phone: string;
  service: string;
  servedOn: string;
}

export function rosterRows(count: number, regionCode: string): RosterRow[] {
  return Array.from({ length: count }, (_, i) => ({
    enterpriseName: `河南测试服务对象${String(i + 1).padStart(3, '0')}有限公司`,
    uscc: makeUscc(regionCode),
    contactName: `联系人${i + 1}`,
    position: i % 2 === 0 ? '总经理' : '财务负责人',
    phone: `139${String(37_100_000 + i).padStart(8, '0')}`,
    service: ['政策咨询', '融资对接', '技术培训', '管理咨询'][i % 4]!,
    servedOn: `2021-${String((i % 12) + 1).padStart(2, '0')}-15`,
  }));
}

/** The roster as a clerk fills in the template: same sheet name and headers. */
export async function rosterWorkbook(rows: readonly RosterRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('服务企业名单');
  sheet.columns = [
    { header: '企业名称', key: 'enterpriseName', width: 36 },
    { header: '统一社会信用代码', key: 'uscc', width: 24 },
    { header: '联系人', key: 'contactName', width: 12 },
    { header: '职务', key: 'position', width: 14 },
    { header: '联系电话', key: 'phone', width: 18 },
    { header: '所提供服务', key: 'service', width: 30 },
    { header: '服务日期', key: 'servedOn', width: 14 },
  ];
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
