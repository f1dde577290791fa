import { Tabs } from 'antd';
import type { XlsxPreview, XlsxSheet } from '#contract';

/** Excel's column name of a 0-based index: A … Z, AA … */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function SheetTable({ sheet, maxRows, maxColumns }: { sheet: XlsxSheet; maxRows: number; maxColumns: number }) {
  const columns = Array.from({ length: sheet.columnCount }, (_, i) => columnName(i));
  const notes = [
    sheet.truncatedRows && `仅显示前 ${maxRows} 行`,
    sheet.truncatedColumns && `仅显示前 ${maxColumns} 列（A–${columnName(maxColumns - 1)}）`,
  ].filter(Boolean);
  if (sheet.rows.length === 0) return <p className="preview-note">该工作表没有内容。</p>;
  return (
    <>
      {notes.length > 0 && <p className="preview-note">{notes.join('，')}，完整内容请下载原件查看。</p>}
      <div className="preview-table-box xlsx-table-box">
        <table className="xlsx-table" aria-label={`工作表“${sheet.name}”`}>
          <thead>
            <tr>
              <th scope="col" className="xlsx-corner">
                <span className="preview-sr-only">行号</span>
              </th>
              {columns.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row) => (
              <tr key={row.number}>
                <th scope="row">{row.number}</th>
                {columns.map((name, i) => (
                  <td key={name}>{row.cells[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A workbook: one tab per sheet, each a table with Excel's column letters and row numbers as headers. */
export function XlsxPreviewView({ preview }: { preview: XlsxPreview }) {
  return (
    <div className="xlsx-preview">
      <Tabs
        size="small"
        items={preview.sheets.map((sheet, i) => ({
          key: String(i),
          label: sheet.name,
          children: <SheetTable sheet={sheet} maxRows={preview.maxRows} maxColumns={preview.maxColumns} />,
        }))}
      />
      {preview.truncatedSheets && (
        <p className="preview-note">仅显示前 {preview.sheets.length} 个工作表，完整内容请下载原件查看。</p>
      )}
    </div>
  );
}
