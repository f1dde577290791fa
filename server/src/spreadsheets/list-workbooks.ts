import ExcelJS from 'exceljs';
import { isValidUscc, normalizeUscc, type RowError } from '#contract';
import { checkWorkbookArchive } from './workbook-archive.js';

/** A column of an importable list: the header clerks see and how a cell is checked. */
interface Column<K extends string> {
  key: K;
  header: string;
  width: number;
  required: boolean;
  kind: 'text' | 'uscc' | 'date' | 'phone';
  example: string;
}

export interface ListSpec<K extends string> {
  sheetName: string;
  columns: Column<K>[];
  maxRows: number;
  /** For date columns: inclusive range, and the words used when a date falls outside it. */
  dateRange?: { from: string; to: string; description: string };
}

export const rosterColumns = [
  {
    key: 'enterpriseName',
    header: '企业名称',
    width: 36,
    required: true,
    kind: 'text',
    example: '河南某某科技有限公司',
  },
  { key: 'uscc', header: '统一社会信用代码', width: 24, required: true, kind: 'uscc', example: '91410100MA0000000T' },
  { key: 'contactName', header: '联系人', width: 12, required: true, kind: 'text', example: '张三' },
  { key: 'position', header: '职务', width: 14, required: true, kind: 'text', example: '总经理' },
  { key: 'phone', header: '联系电话', width: 18, required: true, kind: 'phone', example: '13800000000' },
  { key: 'service', header: '所提供服务', width: 30, required: true, kind: 'text', example: '政策咨询与融资对接' },
  { key: 'servedOn', header: '服务日期', width: 14, required: true, kind: 'date', example: 'YYYY-06-18' },
] as const satisfies Column<string>[];
export type RosterKey = (typeof rosterColumns)[number]['key'];

export const institutionColumns = [
  {
    key: 'name',
    header: '服务机构名称',
    width: 40,
    required: true,
    kind: 'text',
    example: '河南某某会计师事务所有限公司',
  },
  { key: 'uscc', header: '统一社会信用代码', width: 24, required: true, kind: 'uscc', example: '91410100MA0000000T' },
] as const satisfies Column<string>[];
export type InstitutionKey = (typeof institutionColumns)[number]['key'];

/** The roster of the year the batch's 上年末 falls in: service dates, and the example's date, in that year. */
export function rosterSpec(assetsAsOf: string): ListSpec<RosterKey> {
  const year = assetsAsOf.slice(0, 4);
  return {
    sheetName: '服务企业名单',
    columns: rosterColumns.map((c) => (c.kind === 'date' ? { ...c, example: c.example.replace('YYYY', year) } : c)),
    maxRows: 50_000,
    dateRange: { from: `${year}-01-01`, to: `${year}-12-31`, description: `${year}年内（上年度）` },
  };
}

export const institutionSpec: ListSpec<InstitutionKey> = {
  sheetName: '集聚服务机构',
  columns: [...institutionColumns],
  maxRows: 1000,
};

/** The Excel template: a header row, one greyed example row to be overwritten, and a sheet of instructions. */
export async function buildTemplate<K extends string>(spec: ListSpec<K>, instructions: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  instructions.forEach((line, i) => (help.getCell(i + 1, 1).value = line));
  help.getCell(instructions.length + 2, 1).value =
    `示例：${spec.columns.map((c) => `${c.header}=${c.example}`).join('；')}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads a filled-in list; every bad row is reported, nothing is imported unless all rows are good. The
 * archive is checked first (checkWorkbookArchive: a WORKBOOK_REJECTED AppError), because ExcelJS
 * inflates every part of it in memory.
 */
export async function parseList<K extends string>(
  filePath: string,
  spec: ListSpec<K>,
): Promise<{ rows: Record<K, string>[]; errors: RowError[] }> {
  await checkWorkbookArchive(filePath);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(filePath);
  } catch {
    return { rows: [], errors: [{ row: 0, field: 'file', message: '无法读取该 Excel 文件，请使用模板另存为 .xlsx' }] };
  }
  const ws = wb.getWorksheet(spec.sheetName) ?? wb.worksheets[0];
  if (!ws) return { rows: [], errors: [{ row: 0, field: 'file', message: '文件中没有工作表' }] };

  const headerCells = (ws.getRow(1).values as unknown[]).slice(1).map((v) => {
    const cell = cellReading(v);
    return 'text' in cell ? cell.text : '';
  });
  const index = new Map<K, number>();
  const errors: RowError[] = [];
  for (const col of spec.columns) {
    const at = headerCells.indexOf(col.header);
    if (at < 0) errors.push({ row: 1, field: col.key, message: `缺少列“${col.header}”，请使用系统模板` });
    else index.set(col.key, at + 1);
  }
  if (errors.length) return { rows: [], errors };

  const rows: Record<K, string>[] = [];
  const firstRowOfUscc = new Map<string, number>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = spec.columns.map((col) => readCell(row.getCell(index.get(col.key)!).value, col.kind));
    if (cells.every((c) => 'text' in c && c.text === '')) return;
    if (rows.length >= spec.maxRows) {
      if (rows.length === spec.maxRows)
        errors.push({ row: rowNumber, field: 'file', message: `最多${spec.maxRows}行` });
      return;
    }
    const record = {} as Record<K, string>;
    spec.columns.forEach((col, i) => {
      const cell = cells[i]!;
      if ('problem' in cell) {
        record[col.key] = '';
        errors.push({ row: rowNumber, field: col.key, message: `第${rowNumber}行“${col.header}”：${cell.problem}` });
        return;
      }
      let v = cell.text;
      if (col.kind === 'uscc') v = normalizeUscc(v);
      record[col.key] = v;
      const problem = checkCell(v, col, spec);
      if (problem) errors.push({ row: rowNumber, field: col.key, message: `${col.header}${problem}` });
    });
    const uscc = spec.columns.find((c) => c.kind === 'uscc');
    if (uscc && record[uscc.key]) {
      const first = firstRowOfUscc.get(record[uscc.key]);
      if (first)
        errors.push({
          row: rowNumber,
          field: uscc.key,
          message: `与第${first}行重复（统一社会信用代码 ${record[uscc.key]}）`,
        });
      else firstRowOfUscc.set(record[uscc.key], rowNumber);
    }
    rows.push(record);
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 0, field: 'file', message: '名单中没有数据行' });
  return { rows, errors };
}

function checkCell<K extends string>(v: string, col: Column<K>, spec: ListSpec<K>): string | null {
  if (v === '') return col.required ? '未填写' : null;
  if (v.length > 200) return '过长（不超过200字）';
  switch (col.kind) {
    case 'uscc':
      return isValidUscc(v) ? null : `“${v}”格式或校验位不正确`;
    case 'phone':
      return /^[\d\-+() ]{7,20}$/.test(v) ? null : `“${v}”不是有效的电话号码`;
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
        return `“${v}”不是有效日期（如 ${col.example}）`;
      if (spec.dateRange && (v < spec.dateRange.from || v > spec.dateRange.to))
        return `须在${spec.dateRange.description}`;
      return null;
    }
    case 'text':
      return null;
  }
}

/** A cell as the clerk sees it in Excel, or why it cannot be read. */
type CellReading = { text: string } | { problem: string };

/**
 * The text of an ExcelJS cell value: a formula gives its cached result (Excel and WPS store one on
 * save; a generated file may not), rich text and hyperlinks their text, a date its ISO day.
 */
function cellReading(v: unknown): CellReading {
  if (v === null || v === undefined) return { text: '' };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10) };
  if (typeof v !== 'object') return { text: String(v).trim() };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null)
      return { problem: '公式没有计算结果，请在 Excel 中打开并保存后再上传，或直接填写数值' };
    if (typeof result === 'object' && 'error' in result)
      return { problem: `公式的结果是错误值 ${String(result.error)}，请改正公式或直接填写数值` };
    return cellReading(result);
  }
  if ('richText' in v && Array.isArray(v.richText))
    return {
      text: v.richText
        .map((run: { text?: unknown }) => String(run.text ?? ''))
        .join('')
        .trim(),
    };
  if ('text' in v) return cellReading(v.text);
  if ('error' in v) return { problem: `单元格是错误值 ${String(v.error)}，请改正后再上传` };
  return { problem: '单元格的内容无法读取，请填写文字或数值' };
}

function readCell(v: unknown, kind: Column<string>['kind']): CellReading {
  const cell = cellReading(v);
  if (kind === 'date' && 'text' in cell) {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell.text);
    if (m) return { text: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
  }
  return cell;
}
