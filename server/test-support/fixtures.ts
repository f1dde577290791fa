import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { syntheticUscc } from '../../shared/src/index.js';

/** A valid USCC made from a number (see syntheticUscc). */
export const makeUscc = (n: number, region = '410300'): string => syntheticUscc(n, region);

export const tinyPdf = (): Buffer =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );

export const tinyPng = (): Buffer =>
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A ZIP with the given entries, for OFD/DOCX look-alikes. */
export function zipWith(entries: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

export interface RosterFixtureRow {
  enterpriseName: string;
  uscc: string;
  contactName: string;
  position: string;
  phone: string;
  service: string;
  servedOn: string | Date;
}

export function rosterRows(count: number, start = 1): RosterFixtureRow[] {
  return Array.from({ length: count }, (_, i) => ({
    enterpriseName: `河南测试企业${start + i}有限公司`,
    uscc: makeUscc(100_000 + start + i),
    contactName: `联系人${start + i}`,
    position: '总经理',
    phone: `138${String(10_000_000 + start + i).slice(-8)}`,
    service: '政策咨询',
    servedOn: '2021-06-18',
  }));
}

const rosterHeaders = ['企业名称', '统一社会信用代码', '联系人', '职务', '联系电话', '所提供服务', '服务日期'];

export async function rosterWorkbook(rows: RosterFixtureRow[], headers = rosterHeaders): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('服务企业名单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow([r.enterpriseName, r.uscc, r.contactName, r.position, r.phone, r.service, r.servedOn]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function institutionsWorkbook(rows: { name: string; uscc: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('集聚服务机构');
  ws.addRow(['服务机构名称', '统一社会信用代码']);
  for (const r of rows) ws.addRow([r.name, r.uscc]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A complete, eligible form for the 2022 rules. */
export const eligibleForm = {
  platformName: '洛阳中小企业综合服务平台',
  categories: ['信息服务', '融资服务'],
  description: '为中小企业提供政策咨询、融资对接、培训等综合服务。',
  registeredOn: '2018-05-10',
  address: '河南省洛阳市洛龙区开元大道1号',
  legalRepresentative: '李四',
  principalName: '李四',
  principalTitle: '董事长',
  contactName: '王五',
  contactPhone: '13912345678',
  channel: 'quota' as const,
  totalAssetsWan: 350,
  serviceStaff: 20,
  preferentialSharePercent: 25,
};

/**
 * N recommended platforms of 洛阳 as the 汇总表 view model takes them (documents/summary-table.ts), each
 * with its own name, unit and USCC: for long-table tests and the document benchmark.
 */
export function recommendedPlatformRows(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    form: { ...eligibleForm, platformName: `第${i + 1}号中小企业综合服务平台`, totalAssetsWan: 500 + i, serviceStaff: 20 + (i % 30) },
    unitName: `河南第${i + 1}号服务有限公司（${syntheticUscc(i, '410300')}）`,
    authorityCode: '410300',
    authorityName: '洛阳市',
    institutions: 6,
    rosterCount: 90,
    siteCheckComplete: true,
    interviewed: i % 2 === 0,
    channel: 'quota' as const,
    designatedAreaId: null,
  }));
}
