import type { OfdPage, OfdPreview, OfdText } from '#contract';

const transformOf = (origin: readonly number[], ctm?: readonly number[]) =>
  `translate(${origin[0]} ${origin[1]})${ctm ? ` matrix(${ctm.join(' ')})` : ''}`;

/** The page's text in reading order: by baseline (top to bottom), then left to right. */
function readingOrder(texts: readonly OfdText[]): string[] {
  const placed = texts
    .map((t) => ({ y: t.origin[1] + t.y, x: t.origin[0] + t.x, size: t.size, text: t.text }))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { y: number; size: number; parts: string[] }[] = [];
  for (const t of placed) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(t.y - line.y) < Math.min(t.size, line.size) / 2) line.parts.push(t.text);
    else lines.push({ y: t.y, size: t.size, parts: [t.text] });
  }
  return lines.map((l) => l.parts.join(' '));
}

function OfdPageView({ page, number, count }: { page: OfdPage; number: number; count: number }) {
  const [x, y, width, height] = page.box;
  const lines = readingOrder(page.texts);
  return (
    <figure className="ofd-page">
      <svg
        className="ofd-page-svg"
        role="img"
        aria-label={`第 ${number} 页（共 ${count} 页）`}
        viewBox={`${x} ${y} ${width} ${height}`}
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        <rect x={x} y={y} width={width} height={height} fill="#fff" />
        {page.images.map(([ix, iy, iw, ih], i) => (
          <g key={`i${i}`} className="ofd-image">
            <rect x={ix} y={iy} width={iw} height={ih} />
            <text x={ix + iw / 2} y={iy + ih / 2} fontSize={Math.min(4, ih / 3)} textAnchor="middle">
              [图片]
            </text>
          </g>
        ))}
        {page.paths.map((path, i) =>
          path.d ? (
            <path
              key={`p${i}`}
              className="ofd-path"
              d={path.d}
              strokeWidth={path.lineWidth}
              transform={transformOf(path.boundary, path.ctm)}
            />
          ) : (
            <rect
              key={`p${i}`}
              className="ofd-path"
              x={path.boundary[0]}
              y={path.boundary[1]}
              width={path.boundary[2]}
              height={path.boundary[3]}
              strokeWidth={path.lineWidth}
            />
          ),
        )}
        {page.texts.map((text, i) => (
          <text
            key={`t${i}`}
            className="ofd-text"
            transform={transformOf(text.origin, text.ctm)}
            x={text.xs ? text.xs.join(' ') : text.x}
            y={text.y}
            fontSize={text.size}
            fontWeight={text.bold ? 700 : undefined}
            fontStyle={text.italic ? 'italic' : undefined}
          >
            {text.text}
          </text>
        ))}
      </svg>
      <figcaption className="ofd-page-caption">
        <details>
          <summary>
            第 {number} 页的文字（{lines.length} 行）
          </summary>
          <div className="ofd-page-lines">
            {lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        </details>
      </figcaption>
    </figure>
  );
}

/** An OFD's pages as SVG in millimetres: text where the file places it, lines, and image boxes. */
export function OfdPreviewView({ preview }: { preview: OfdPreview }) {
  return (
    <div className="ofd-preview">
      <p className="preview-note">预览仅显示文字和线条，以原件为准。</p>
      {preview.pages.map((page, i) => (
        <OfdPageView key={i} page={page} number={i + 1} count={preview.pageCount} />
      ))}
      {preview.truncatedPages && (
        <p className="preview-note">
          共 {preview.pageCount} 页，仅显示前 {preview.pages.length} 页，完整内容请下载原件查看。
        </p>
      )}
      {preview.pages.some((p) => p.truncated) && <p className="preview-note">部分页面内容较多，未全部显示。</p>}
    </div>
  );
}
