import type { XlsxPreview, XlsxRow, XlsxSheet } from '#contract';
import { PreviewError, resolveEntry, StopParsing, type PreviewZip } from './preview-zip.js';

export const xlsxPreviewLimits = {
  maxSheets: 20,
  maxRows: 500,
  maxColumns: 50,
  maxCellCharacters: 2000,
  maxSharedStrings: 1_000_000,
  /** Characters in all cells shown together: past them, the sheet ends there and no later sheet is read. */
  maxCharacters: 2_000_000,
} as const;

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, with the Chinese locale's 27–36, 50–58). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
const BUILT_IN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);
const BUILT_IN_PERCENT = new Map([
  [9, 0],
  [10, 2],
]);

type CellFormat = { kind: 'date'; time: boolean; dateToo: boolean } | { kind: 'percent'; decimals: number } | null;

/** How a number format code shows a number: as a date (and time), a percentage, or as it is. */
function formatOf(id: number, code: string | undefined): CellFormat {
  if (code === undefined) {
    if (BUILT_IN_DATE_FORMATS.has(id))
      return { kind: 'date', time: BUILT_IN_TIME_ONLY.has(id) || id === 22, dateToo: !BUILT_IN_TIME_ONLY.has(id) };
    const decimals = BUILT_IN_PERCENT.get(id);
    return decimals === undefined ? null : { kind: 'percent', decimals };
  }
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  if (/[ydmhs]/i.test(bare) && !/general/i.test(bare))
    return { kind: 'date', time: /[hs]/i.test(bare), dateToo: /[yd]/i.test(bare) };
  if (bare.includes('%')) return { kind: 'percent', decimals: /\.(0+)/.exec(bare)?.[1]?.length ?? 0 };
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date serial as 年月日 (and the time where the format shows one). */
function dateText(serial: number, format: { time: boolean; dateToo: boolean }, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const ms = Math.round((days - 25569) * 86_400_000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(serial);
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (!format.dateToo) return time;
  return format.time ? `${date} ${time}` : date;
}

/** A number as Excel's General shows it: at most 15 significant digits. */
const numberText = (n: number): string => String(Number(n.toPrecision(15)));

function displayText(
  raw: string,
  type: string,
  format: CellFormat,
  date1904: boolean,
  shared: readonly string[],
): string {
  switch (type) {
    case 's':
      return shared[Number(raw)] ?? '';
    case 'inlineStr':
    case 'str':
    case 'e':
      return raw;
    case 'b':
      return raw === '1' ? 'TRUE' : 'FALSE';
    case 'd': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? raw : `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
    }
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return raw;
  if (format?.kind === 'date') return dateText(n, format, date1904);
  if (format?.kind === 'percent') return `${(n * 100).toFixed(format.decimals)}%`;
  return numberText(n);
}

/** The 0-based column of a cell reference (A1 → 0), or null. */
function columnOf(reference: string | undefined): number | null {
  const letters = reference ? /^([A-Z]{1,3})\d/i.exec(reference)?.[1] : undefined;
  if (!letters) return null;
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

interface WorkbookSheet {
  name: string;
  path: string | null;
}

async function workbookSheets(zip: PreviewZip): Promise<{ sheets: WorkbookSheet[]; date1904: boolean }> {
  const listed: { name: string; relationship: string }[] = [];
  let date1904 = false;
  await zip.readXml('xl/workbook.xml', {
    open(name, attrs) {
      if (name === 'sheet')
        listed.push({ name: attrs.name ?? `Sheet${listed.length + 1}`, relationship: attrs.id ?? '' });
      if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
    },
  });
  const targets = new Map<string, string>();
  await zip.readXml(
    'xl/_rels/workbook.xml.rels',
    {
      open(name, attrs) {
        if (name === 'Relationship' && attrs.Id && attrs.Target && /\/worksheet$/.test(attrs.Type ?? ''))
          targets.set(attrs.Id, resolveEntry('xl/workbook.xml', attrs.Target));
      },
    },
    { optional: true },
  );
  return { sheets: listed.map((s) => ({ name: s.name, path: targets.get(s.relationship) ?? null })), date1904 };
}

async function sharedStrings(zip: PreviewZip): Promise<string[]> {
  const strings: string[] = [];
  let current: string | null = null;
  await zip.readXml(
    'xl/sharedStrings.xml',
    {
      open(name) {
        if (name === 'si') current = '';
      },
      close(name) {
        if (name === 'si' && current !== null) {
          strings.push(current.slice(0, xlsxPreviewLimits.maxCellCharacters));
          current = null;
          // Cells that refer past the strings kept show empty.
          if (strings.length >= xlsxPreviewLimits.maxSharedStrings) throw new StopParsing();
        }
      },
      text(text, path) {
        // A rich string's runs are r/t; rPh holds phonetic guides, not shown.
        if (current !== null && path[path.length - 1] === 't' && !path.includes('rPh')) current += text;
      },
    },
    { optional: true },
  );
  return strings;
}

/** Each cell style (cellXfs, by index) → how it shows numbers. */
async function cellFormats(zip: PreviewZip): Promise<CellFormat[]> {
  const codes = new Map<number, string>();
  const formats: CellFormat[] = [];
  await zip.readXml(
    'xl/styles.xml',
    {
      open(name, attrs, path) {
        if (name === 'numFmt' && attrs.formatCode !== undefined) codes.set(Number(attrs.numFmtId), attrs.formatCode);
        if (name === 'xf' && path[path.length - 1] === 'cellXfs') {
          const id = Number(attrs.numFmtId ?? 0);
          formats.push(formatOf(id, codes.get(id)));
        }
      },
    },
    { optional: true },
  );
  return formats;
}

async function sheetPreview(
  zip: PreviewZip,
  sheet: WorkbookSheet,
  context: { shared: readonly string[]; formats: readonly CellFormat[]; date1904: boolean; characters: number },
): Promise<XlsxSheet> {
  const limits = xlsxPreviewLimits;
  const preview: XlsxSheet = {
    name: sheet.name,
    rows: [],
    columnCount: 0,
    truncatedRows: false,
    truncatedColumns: false,
  };
  if (!sheet.path) return preview;
  let rowNumber = 0;
  let cells: string[] = [];
  let column = -1;
  let cell: { column: number; type: string; style: number; value: string } | null = null;
  const endRow = () => {
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0) return;
    if (preview.rows.length >= limits.maxRows || context.characters > limits.maxCharacters) {
      preview.truncatedRows = true;
      throw new StopParsing();
    }
    const row: XlsxRow = { number: rowNumber, cells };
    preview.rows.push(row);
    preview.columnCount = Math.max(preview.columnCount, cells.length);
  };
  await zip.readXml(sheet.path, {
    open(name, attrs, path) {
      if (name === 'row' && path[path.length - 1] === 'sheetData') {
        rowNumber = Number(attrs.r) > 0 ? Number(attrs.r) : rowNumber + 1;
        cells = [];
        column = -1;
      } else if (name === 'c') {
        column = columnOf(attrs.r) ?? column + 1;
        cell = { column, type: attrs.t ?? 'n', style: Number(attrs.s ?? 0), value: '' };
      }
    },
    text(text, path) {
      const parent = path[path.length - 1];
      if (cell && (parent === 'v' || (parent === 't' && path.includes('is') && !path.includes('rPh'))))
        cell.value += text;
    },
    close(name) {
      if (name === 'row') endRow();
      else if (name === 'c' && cell) {
        if (cell.column >= limits.maxColumns) preview.truncatedColumns = true;
        else if (cell.value !== '') {
          const format = context.formats[cell.style] ?? null;
          const text = displayText(cell.value, cell.type, format, context.date1904, context.shared);
          while (cells.length < cell.column) cells.push('');
          cells[cell.column] = text.slice(0, limits.maxCellCharacters);
          context.characters += cells[cell.column]!.length;
        }
        cell = null;
      }
    },
  });
  return preview;
}

/** Every worksheet (up to the limit) as rows of display text: shared and inline strings, numbers, dates as 年月日. */
export async function xlsxPreview(zip: PreviewZip): Promise<XlsxPreview> {
  const { sheets, date1904 } = await workbookSheets(zip);
  if (sheets.length === 0) throw new PreviewError('工作簿中没有工作表');
  const shared = await sharedStrings(zip);
  const formats = await cellFormats(zip);
  const context = { shared, formats, date1904, characters: 0 };
  const previews: XlsxSheet[] = [];
  for (const sheet of sheets.slice(0, xlsxPreviewLimits.maxSheets)) {
    if (context.characters > xlsxPreviewLimits.maxCharacters) break;
    previews.push(await sheetPreview(zip, sheet, context));
  }
  return {
    kind: 'xlsx',
    sheets: previews,
    maxRows: xlsxPreviewLimits.maxRows,
    maxColumns: xlsxPreviewLimits.maxColumns,
    truncatedSheets: sheets.length > previews.length,
  };
}
