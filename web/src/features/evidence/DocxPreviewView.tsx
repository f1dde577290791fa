import type { DocxBlock, DocxPreview } from '#contract';

function Paragraph({ block }: { block: Extract<DocxBlock, { type: 'paragraph' }> }) {
  const runs = block.runs.map((run, i) => {
    const className = [run.bold && 'docx-bold', run.italic && 'docx-italic', run.image && 'docx-image']
      .filter(Boolean)
      .join(' ');
    return (
      <span key={i} className={className || undefined}>
        {run.text}
      </span>
    );
  });
  if (block.headingLevel === null) return <p className="docx-paragraph">{runs.length > 0 ? runs : '\u00a0'}</p>;
  // The page has its h1 and the viewer's title; the document's headings nest below them.
  return (
    <p
      role="heading"
      aria-level={Math.min(6, block.headingLevel + 2)}
      className={`docx-heading docx-heading-${block.headingLevel}`}
    >
      {runs}
    </p>
  );
}

function DocxTable({ rows, index }: { rows: string[][]; index: number }) {
  const [head, ...body] = rows;
  if (!head) return null;
  return (
    <div className="preview-table-box">
      <table className="docx-table" aria-label={`文档表格 ${index}`}>
        <thead>
          <tr>
            {head.map((cell, i) => (
              <th key={i} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A Word document's text: paragraphs (headings, bold, italic), tables with their first row as header, [图片]. */
export function DocxPreviewView({ preview }: { preview: DocxPreview }) {
  let tables = 0;
  return (
    <div className="docx-preview">
      {preview.blocks.length === 0 && <p className="preview-note">文档中没有文字。</p>}
      {preview.blocks.map((block, i) =>
        block.type === 'paragraph' ? (
          <Paragraph key={i} block={block} />
        ) : (
          <DocxTable key={i} rows={block.rows} index={++tables} />
        ),
      )}
      {preview.truncated && <p className="preview-note">文档较长，仅显示前面部分，完整内容请下载原件查看。</p>}
    </div>
  );
}
