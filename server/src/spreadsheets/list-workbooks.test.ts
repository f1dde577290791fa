import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { isValidUscc } from '#contract';
import { makeUscc, workbookBomb } from '../../test-support/fixtures.js';
import { AppError } from '../domain/errors.js';
import {
  buildTemplate,
  institutionSpec,
  parseList,
  rosterColumns,
  rosterSpec,
  type ListSpec,
} from './list-workbooks.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-lists-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let written = 0;
const spec = rosterSpec('2021-12-31');

type Row = Partial<Record<(typeof rosterColumns)[number]['key'], ExcelJS.CellValue>>;

const plainRow = (n: number): Row => ({
  enterpriseName: `河南测试企业${n}有限公司`,
  uscc: makeUscc(200_000 + n),
  contactName: '张三',
  position: '总经理',
  phone: '13800000000',
  service: '政策咨询',
  servedOn: '2021-06-18',
});

/** A roster workbook whose data rows are `rows` over a plain row, cell values given as ExcelJS takes them. */
async function parseRoster(rows: Row[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('服务企业名单');
  ws.addRow(rosterColumns.map((c) => c.header));
  rows.forEach((row, i) => {
    const values = { ...plainRow(i + 1), ...row };
    const added = ws.addRow([]);
    rosterColumns.forEach((c, j) => (added.getCell(j + 1).value = values[c.key] ?? null));
  });
  const file = path.join(dir, `${++written}.xlsx`);
  await wb.xlsx.writeFile(file);
  return parseList(file, spec);
}

describe('parseList cell values', () => {
  it('takes a formula cell’s cached result: text, number, date', async () => {
    const { rows, errors } = await parseRoster([
      {
        enterpriseName: { formula: 'CONCATENATE("河南","公式企业有限公司")', result: '河南公式企业有限公司' },
        phone: { formula: '13800000000+1', result: 13800000001 },
        servedOn: { formula: 'DATE(2021,6,18)', result: new Date(Date.UTC(2021, 5, 18)) },
      },
    ]);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      enterpriseName: '河南公式企业有限公司',
      phone: '13800000001',
      servedOn: '2021-06-18',
    });
  });

  it('refuses a formula without a cached result, naming the row and the column, instead of importing “[object Object]”', async () => {
    const { errors } = await parseRoster([{}, { phone: { formula: 'A1&B1' } as ExcelJS.CellFormulaValue }]);
    expect(errors).toEqual([
      {
        row: 3,
        field: 'phone',
        message: '第3行“联系电话”：公式没有计算结果，请在 Excel 中打开并保存后再上传，或直接填写数值',
      },
    ]);
  });

  it('refuses a formula whose result is an error value, and an error cell', async () => {
    const { errors } = await parseRoster([
      { service: { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue },
      { position: { error: '#N/A' } as ExcelJS.CellErrorValue },
    ]);
    expect(errors).toEqual([
      { row: 2, field: 'service', message: '第2行“所提供服务”：公式的结果是错误值 #DIV/0!，请改正公式或直接填写数值' },
      { row: 3, field: 'position', message: '第3行“职务”：单元格是错误值 #N/A，请改正后再上传' },
    ]);
  });

  it('gives the text of rich text and of hyperlinks', async () => {
    const { rows, errors } = await parseRoster([
      {
        enterpriseName: { richText: [{ text: '河南', font: { bold: true } }, { text: '富文本企业有限公司' }] },
        service: { text: '政策咨询', hyperlink: 'https://example.com/' },
        contactName: {
          text: { richText: [{ text: '李' }, { text: '四', font: { italic: true } }] },
          hyperlink: 'mailto:li@example.com',
        } as unknown as ExcelJS.CellHyperlinkValue,
      },
    ]);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      enterpriseName: '河南富文本企业有限公司',
      service: '政策咨询',
      contactName: '李四',
    });
    expect(JSON.stringify(rows)).not.toContain('[object Object]');
  });

  it('still skips empty rows and checks the values it reads', async () => {
    const { rows, errors } = await parseRoster([{ phone: { formula: '"abc"', result: 'abc' } }]);
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([{ row: 2, field: 'phone', message: '联系电话“abc”不是有效的电话号码' }]);
  });

  it('refuses a decompression bomb before ExcelJS reads it', async () => {
    const file = path.join(dir, 'bomb.xlsx');
    fs.writeFileSync(file, workbookBomb(1 << 30, 1000));
    const before = process.memoryUsage().rss;
    await expect(parseList(file, spec)).rejects.toBeInstanceOf(AppError);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });
});

describe('the templates’ example', () => {
  /** The 示例 line of a built template, read back from its 填写说明 sheet, as header → value. */
  async function exampleOf(listSpec: ListSpec<string>): Promise<Map<string, string>> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(listSpec, ['说明'])) as unknown as ArrayBuffer);
    const help = wb.getWorksheet('填写说明')!;
    const line = help.getColumn(1).values.find((v): v is string => typeof v === 'string' && v.startsWith('示例：'))!;
    return new Map(
      line
        .slice('示例：'.length)
        .split('；')
        .map((pair) => pair.split('=') as [string, string]),
    );
  }

  it.each([
    ['roster', spec],
    ['institutions', institutionSpec],
  ] as const)('of the %s template passes our own checks when a clerk copies it into the sheet', async (_, listSpec) => {
    const example = await exampleOf(listSpec);
    expect(isValidUscc(example.get('统一社会信用代码')!)).toBe(true);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(listSpec.sheetName);
    ws.addRow(listSpec.columns.map((c) => c.header));
    ws.addRow(listSpec.columns.map((c) => example.get(c.header)));
    const file = path.join(dir, `${++written}.xlsx`);
    await wb.xlsx.writeFile(file);
    expect(await parseList(file, listSpec)).toMatchObject({ errors: [], rows: [expect.any(Object)] });
  });
});
