import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { syntheticUscc } from '#contract';

/** A valid USCC made from a number (see syntheticUscc). */
export const makeUscc = (n: number, region = '410300'): string => syntheticUscc(n, region);

export const tinyPdf = (): Buffer =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );

export const tinyPng = (): Buffer =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );

/** A ZIP with the given entries, for OFD/DOCX look-alikes. */
export function zipWith(entries: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
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
  for (const r of rows)
    ws.addRow([r.enterpriseName, r.uscc, r.contactName, r.position, r.phone, r.service, r.servedOn]);
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
    form: {
      ...eligibleForm,
      platformName: `第${i + 1}号中小企业综合服务平台`,
      totalAssetsWan: 500 + i,
      serviceStaff: 20 + (i % 30),
    },
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

const pdfOffset = (n: number): string => String(n).padStart(10, '0');

/** Objects 1–3 of a one-page PDF: the catalog (object 1), the page tree and the page. */
const onePageObjects = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
];

/** A one-page PDF with a classic cross-reference table, every offset right. */
export function xrefTablePdf(): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = onePageObjects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${pdfOffset(o)} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** xrefTablePdf() updated in place: a changed page appended with a second xref section and trailer (/Prev). */
export function incrementallyUpdatedPdf(): Buffer {
  const base = xrefTablePdf().toString('latin1');
  const prev = /startxref\n(\d+)/.exec(base)![1];
  let out = base;
  const page = out.length;
  out += '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] >>\nendobj\n';
  const xref = out.length;
  out += `xref\n0 1\n0000000000 65535 f \n3 1\n${pdfOffset(page)} 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A one-page PDF 1.5 whose cross-reference is a stream object (/Type /XRef, uncompressed): pdfkit cannot write one. */
export function xrefStreamPdf(): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets = onePageObjects.map((body, i) => {
    const at = length;
    const text = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(text);
    length += text.length;
    return at;
  });
  const xrefAt = length;
  const entry = (type: number, field2: number, field3: number) => {
    const row = Buffer.alloc(7);
    row.writeUInt8(type, 0);
    row.writeUInt32BE(field2, 1);
    row.writeUInt16BE(field3, 5);
    return row;
  };
  const data = Buffer.concat([entry(0, 0, 0xffff), ...offsets.map((o) => entry(1, o, 0)), entry(1, xrefAt, 0)]);
  parts.push(
    Buffer.from(`4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
  );
  parts.push(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * Raw DEFLATE data that inflates to `bytes` zero bytes, built from one compressed MiB repeated (full
 * flushes make the blocks independent), so a gigabyte costs a megabyte and no gigabyte is allocated.
 */
export function deflatedZeros(bytes: number): Buffer {
  const mebibyte = 1 << 20;
  const flushed = (n: number) => zlib.deflateRawSync(Buffer.alloc(n), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const whole = flushed(mebibyte);
  const blocks: Buffer[] = Array.from({ length: Math.floor(bytes / mebibyte) }, () => whole);
  if (bytes % mebibyte) blocks.push(flushed(bytes % mebibyte));
  blocks.push(Buffer.from([0x03, 0x00]));
  return Buffer.concat(blocks);
}

export interface CraftedZipEntry {
  name: string;
  /** The bytes as stored: raw DEFLATE data (method 8, the default) or the content itself (method 0). */
  data: Buffer;
  method?: 0 | 8;
  /** The uncompressed size both headers declare, true or not. */
  declaredSize: number;
}

/**
 * A ZIP written byte by byte so its headers say whatever a test needs (sizes, the entry count); CRCs
 * are left 0, which neither yauzl nor JSZip checks by default.
 */
export function craftZip(entries: CraftedZipEntry[], options: { declaredEntryCount?: number } = {}): Buffer {
  const body: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    body.push(local, name, e.data);
    directory.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  const count = options.declaredEntryCount ?? entries.length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...body, centralDirectory, end]);
}

/** A stored (uncompressed) entry of a crafted ZIP, sized truthfully. */
export const storedEntry = (name: string, text: string): CraftedZipEntry => ({
  name,
  data: Buffer.from(text),
  method: 0,
  declaredSize: Buffer.byteLength(text),
});

/**
 * A "workbook" whose sheet inflates to `inflates` zero bytes while both headers declare `declares`:
 * typed as .xlsx by its xl/workbook.xml entry, a decompression bomb for whatever inflates it whole.
 */
export function workbookBomb(inflates: number, declares = inflates): Buffer {
  return craftZip([
    storedEntry('[Content_Types].xml', '<Types/>'),
    storedEntry('xl/workbook.xml', '<workbook/>'),
    { name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(inflates), declaredSize: declares },
  ]);
}

/** A well-formed PDF (catalog, page, cross-reference table) carrying `payload` in a stream, so every file differs. */
export function pdfCarrying(payload: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  const size = () => parts.reduce((n, p) => n + p.length, 0);
  const object = (n: number, body: Buffer[]) => {
    offsets[n] = size();
    parts.push(Buffer.from(`${n} 0 obj\n`), ...body, Buffer.from('\nendobj\n'));
  };
  object(1, [Buffer.from('<< /Type /Catalog /Pages 2 0 R >>')]);
  object(2, [Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>')]);
  object(3, [Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>')]);
  object(4, [Buffer.from(`<< /Length ${payload.length} >>\nstream\n`), payload, Buffer.from('\nendstream')]);
  const xref = size();
  const rows = [1, 2, 3, 4].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 5\n0000000000 65535 f \n${rows}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}
