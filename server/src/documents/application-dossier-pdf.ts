import {
  digestLines,
  dossierSections,
  evidenceColumns,
  institutionColumns,
  rosterColumns,
  ROSTER_NOTE,
  rosterSummaryText,
  SEAL_MM,
  serviceColumns,
  WATERMARK_TEXT,
  type ApplicationDossier,
  type DossierSection,
} from './application-dossier.js';
import { textRuns } from './glyph-fallback.js';
import { collectPdf, createPdfKitDocument, PDF_FONT, type PdfKitDocument } from './pdf.js';
import { Measure } from './summary-table-pdf.js';

/*
 * The 申报书 as PDF, laid out on pdfkit directly (as 附件2 is): its appendix lists the whole roster, up to
 * thousands of rows, which pdfmake lays out slowly. The body is laid out first, so the table of contents
 * can give each section's page and every footer 第 n 页 共 m 页; then the pages are written in one pass.
 */

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 56, right: 56, top: 64, bottom: 64 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const PAD = { x: 3, y: 3 };
const LINE = 1.35;
const BOLD = `${PDF_FONT}-Bold`;
/** Courier, one of PDF's standard fonts: digests in fixed-width digits, 32 to a line. */
const MONO = 'Courier';
const mmToPt = (mm: number) => (mm * 72) / 25.4;

/** A line of text placed on a page, or a row's cell borders, or a section's bookmark. */
type Op =
  | { kind: 'text'; x: number; y: number; text: string; m: Measure }
  | { kind: 'rects'; rects: [number, number, number, number][] }
  | { kind: 'outline'; title: string };

interface Column {
  width: number;
  align?: 'left' | 'center';
}
/** A cell: text wrapped to its column, or lines set as they are in the monospaced font. */
type CellValue = string | { mono: string[] };

interface Fonts {
  body: Measure;
  bold: Measure;
  small: Measure;
  smallBold: Measure;
  mono: Measure;
  heading: Measure;
}

/** Places the body's blocks page after page, starting a new page when a block does not fit. */
class Flow {
  readonly pages: Op[][] = [];
  readonly sectionPages = new Map<DossierSection, number>();
  y = 0;

  constructor(private readonly f: Fonts) {
    this.newPage();
  }

  newPage() {
    this.pages.push([]);
    this.y = MARGIN.top;
  }

  private get ops() {
    return this.pages.at(-1)!;
  }

  private fits(height: number) {
    return this.y + height <= BOTTOM || this.y === MARGIN.top;
  }

  lines(text: string, m: Measure, width: number): string[] {
    return text.split(/\r?\n/).flatMap((p) => m.wrap(p, width));
  }

  heading(title: DossierSection, newPage = false) {
    const m = this.f.heading;
    const height = m.size * LINE + 18;
    if (newPage || !this.fits(height + 60)) this.newPage();
    this.sectionPages.set(title, this.pages.length - 1);
    this.ops.push({ kind: 'outline', title });
    this.y += this.y === MARGIN.top ? 0 : 10;
    this.ops.push({ kind: 'text', x: MARGIN.left, y: this.y, text: title, m });
    this.y += m.size * LINE + 8;
  }

  paragraph(text: string, m = this.f.body, indent = 2 * m.size) {
    const lines = m.wrap(text, WIDTH - indent);
    // Only the first line is indented; the rest are wrapped again to the full width.
    const rest = lines.length > 1 ? m.wrap(text.slice(lines[0]!.length), WIDTH) : [];
    [lines[0]!, ...rest].forEach((line, i) => {
      if (!this.fits(m.size * LINE)) this.newPage();
      this.ops.push({ kind: 'text', x: MARGIN.left + (i === 0 ? indent : 0), y: this.y, text: line, m });
      this.y += m.size * LINE;
    });
    this.y += 4;
  }

  /** A table with its header repeated on every page it runs onto; rows are never split. */
  table(columns: readonly Column[], header: readonly string[] | null, rows: readonly CellValue[][], small = false) {
    const body = small ? this.f.small : this.f.body;
    const bold = small ? this.f.smallBold : this.f.bold;
    // A monospaced cell's line that is not ASCII (a digest still pending) is set in the cell's text font.
    const monoLine = (text: string) => ({ text, m: /^[\x20-\x7e]*$/.test(text) ? this.f.mono : body });
    const lay = (cells: readonly CellValue[], m: Measure) => {
      const wrapped = cells.map((c, i) =>
        typeof c === 'string'
          ? this.lines(c, m, columns[i]!.width - 2 * PAD.x).map((text) => ({ text, m }))
          : c.mono.map(monoLine),
      );
      const height = Math.max(...wrapped.map((lines) => lines.reduce((h, l) => h + l.m.size * LINE, 0))) + 2 * PAD.y;
      return { wrapped, height };
    };
    const head = header ? lay(header, bold) : null;
    const place = (row: ReturnType<typeof lay>, centred: boolean) => {
      let x = MARGIN.left;
      const rects: [number, number, number, number][] = [];
      row.wrapped.forEach((lines, i) => {
        const col = columns[i]!;
        let ty = this.y + (row.height - lines.reduce((h, l) => h + l.m.size * LINE, 0)) / 2;
        for (const { text, m } of lines) {
          const lh = m.size * LINE;
          const center = centred || col.align === 'center';
          const tx = center ? x + (col.width - m.lineWidth(text)) / 2 : x + PAD.x;
          if (text) this.ops.push({ kind: 'text', x: tx, y: ty + (lh - m.size) / 2, text, m });
          ty += lh;
        }
        rects.push([x, this.y, col.width, row.height]);
        x += col.width;
      });
      this.ops.push({ kind: 'rects', rects });
      this.y += row.height;
    };
    if (head) {
      if (!this.fits(head.height * 2)) this.newPage();
      place(head, true);
    }
    for (const cells of rows) {
      const row = lay(cells, body);
      if (!this.fits(row.height)) {
        this.newPage();
        if (head) place(head, true);
      }
      place(row, false);
    }
    this.y += 10;
  }
}

/** Draws a line of text, characters the font lacks in their fallback font (glyph-fallback.ts). */
function drawLine(doc: PdfKitDocument, m: Measure, text: string, x: number, y: number) {
  doc.fontSize(m.size);
  let tx = x;
  for (const run of textRuns(text)) {
    doc.font(run.font ?? m.font).text(run.text, tx, y, { lineBreak: false });
    tx += m.lineWidth(run.text);
  }
}

function drawWatermark(doc: PdfKitDocument) {
  const size = 150;
  doc.save();
  doc.rotate(-45, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc
    .fillColor('#d9d9d9')
    .font(BOLD)
    .fontSize(size)
    .text(WATERMARK_TEXT, 0, PAGE.height / 2 - size * 0.65, { width: PAGE.width, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillColor('black');
}

function drawCover(doc: PdfKitDocument, d: ApplicationDossier) {
  const centred = (text: string, m: Measure, y: number) => {
    for (const line of m.wrap(text, WIDTH)) {
      drawLine(doc, m, line, MARGIN.left + (WIDTH - m.lineWidth(line)) / 2, y);
      y += m.size * LINE;
    }
    return y;
  };
  const title = new Measure(doc, BOLD, 24);
  let y = centred(d.yearText, new Measure(doc, BOLD, 18), 150);
  y = centred(d.title, title, y + 16);
  const label = new Measure(doc, PDF_FONT, 15);
  const x0 = MARGIN.left + 30;
  const labelWidth = label.lineWidth('平台名称：');
  const valueWidth = WIDTH - 60 - labelWidth - 4;
  y = 340;
  const line = (name: string, value: string) => {
    drawLine(doc, label, name, x0, y);
    for (const part of label.wrap(value, valueWidth - 8)) {
      drawLine(doc, label, part, x0 + labelWidth + 4, y);
      y += label.size * LINE;
      doc
        .moveTo(x0 + labelWidth, y - 4)
        .lineTo(x0 + labelWidth + valueWidth, y - 4)
        .lineWidth(0.6)
        .stroke();
      y += 12;
    }
  };
  line('平台名称：', d.platformName);
  line('运营单位：', d.unitName);
  line('推荐单位：', d.cityName);
  line('申报日期：', d.submittedOnText ?? '        年      月      日');
  if (d.receiptNo) line('回执编号：', d.receiptNo);
  // The seal goes beside and below 申报单位（盖章）, the signature on the line after the seal's room.
  y = Math.max(y + 30, 560);
  drawLine(doc, label, '申报单位（盖章）：', x0, y);
  y += mmToPt(SEAL_MM);
  const sign = '法定代表人（签字）：';
  drawLine(doc, label, sign, x0, y);
  const signEnd = x0 + label.lineWidth(sign);
  doc
    .moveTo(signEnd, y + label.size * LINE - 4)
    .lineTo(signEnd + 150, y + label.size * LINE - 4)
    .lineWidth(0.6)
    .stroke();
}

function drawToc(doc: PdfKitDocument, f: Fonts, pageOf: (s: DossierSection) => number) {
  const title = new Measure(doc, BOLD, 18);
  drawLine(doc, title, '目  录', MARGIN.left + (WIDTH - title.lineWidth('目  录')) / 2, MARGIN.top + 20);
  let y = MARGIN.top + 80;
  const m = f.body;
  const dot = m.lineWidth('.');
  for (const s of dossierSections) {
    const page = String(pageOf(s));
    const used = m.lineWidth(s) + m.lineWidth(page) + 12;
    drawLine(doc, m, s, MARGIN.left, y);
    drawLine(doc, m, '.'.repeat(Math.floor((WIDTH - used) / dot)), MARGIN.left + m.lineWidth(s) + 6, y);
    drawLine(doc, m, page, MARGIN.left + WIDTH - m.lineWidth(page), y);
    y += m.size * 2.4;
  }
}

function layBody(d: ApplicationDossier, f: Fonts): Flow {
  const flow = new Flow(f);
  const [basic, description, institutions, roster, evidence, appendix] = dossierSections;
  flow.heading(basic);
  flow.table(
    [{ width: 140 }, { width: WIDTH - 140 }],
    null,
    d.fields.map((x) => [x.label, x.value]),
  );
  flow.heading(description);
  for (const p of d.description.length ? d.description : ['（未填写）']) flow.paragraph(p);
  flow.heading(institutions);
  flow.table(
    [{ width: 34, align: 'center' }, { width: 200 }, { width: 134, align: 'center' }, { width: WIDTH - 368 }],
    institutionColumns,
    d.institutions.map((x, i) => [String(i + 1), x.name, x.uscc, x.agreement]),
  );
  flow.heading(roster);
  flow.paragraph(rosterSummaryText(d));
  flow.table(
    [{ width: WIDTH - 120 }, { width: 120, align: 'center' }],
    serviceColumns,
    d.rosterSummary.byService.map((s) => [s.service, String(s.count)]),
  );
  flow.heading(evidence);
  const digestWidth = f.mono.lineWidth('0'.repeat(32)) + 2 * PAD.x + 2;
  flow.table(
    [
      { width: 28, align: 'center' },
      { width: 80 },
      { width: WIDTH - 28 - 80 - 52 - digestWidth },
      { width: 52, align: 'center' },
      { width: digestWidth },
    ],
    evidenceColumns,
    d.evidence.map((e, i) => [
      String(i + 1),
      e.type,
      e.name,
      e.size,
      { mono: ['SHA-256:', ...digestLines(e.sha256), 'SM3:', ...digestLines(e.sm3)] },
    ]),
    true,
  );
  flow.heading(appendix, true);
  flow.paragraph(ROSTER_NOTE, f.small, 0);
  flow.table(
    [
      { width: 28, align: 'center' },
      { width: 92 },
      { width: 96, align: 'center' },
      { width: 48 },
      { width: 40 },
      { width: 58, align: 'center' },
      { width: WIDTH - 28 - 92 - 96 - 48 - 40 - 58 - 62 },
      { width: 62, align: 'center' },
    ],
    rosterColumns,
    d.roster.map((r, i) => [
      String(i + 1),
      r.enterpriseName,
      r.uscc,
      r.contactName,
      r.position,
      r.phone,
      r.service,
      r.servedOn,
    ]),
    true,
  );
  return flow;
}

/** Pages before the body: the cover and the table of contents. */
const FRONT_PAGES = 2;

export function renderApplicationDossierPdf(d: ApplicationDossier): Promise<Buffer> {
  const doc = createPdfKitDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `${d.title}（${d.platformName || d.unitName}）` },
  });
  const f: Fonts = {
    body: new Measure(doc, PDF_FONT, 10.5),
    bold: new Measure(doc, BOLD, 10.5),
    small: new Measure(doc, PDF_FONT, 8),
    smallBold: new Measure(doc, BOLD, 8),
    mono: new Measure(doc, MONO, 7.5),
    heading: new Measure(doc, BOLD, 15),
  };
  const flow = layBody(d, f);
  const total = FRONT_PAGES + flow.pages.length;
  const pageOf = (s: DossierSection) => FRONT_PAGES + 1 + flow.sectionPages.get(s)!;
  const footer = new Measure(doc, PDF_FONT, 9);
  const startPage = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    if (d.draft) drawWatermark(doc);
  };
  const pageNumber = (n: number) => {
    const text = `第 ${n} 页 共 ${total} 页`;
    drawLine(doc, footer, text, MARGIN.left + (WIDTH - footer.lineWidth(text)) / 2, PAGE.height - 40);
  };
  startPage();
  drawCover(doc, d);
  startPage();
  drawToc(doc, f, pageOf);
  pageNumber(2);
  flow.pages.forEach((ops, i) => {
    startPage();
    for (const op of ops) {
      if (op.kind === 'text') drawLine(doc, op.m, op.text, op.x, op.y);
      else if (op.kind === 'outline') doc.outline.addItem(op.title);
      else {
        for (const [x, y, w, h] of op.rects) doc.rect(x, y, w, h);
        doc.lineWidth(0.5).stroke();
      }
    }
    pageNumber(FRONT_PAGES + i + 1);
  });
  return collectPdf(doc);
}
