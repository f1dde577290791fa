import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  Header,
  ImportedXmlComponent,
  LeaderType,
  Packer,
  PageNumber,
  PageOrientation,
  PageReference,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
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
} from './application-dossier.js';
import { CHINESE_STYLES, FANGSONG, HEITI, XIAOBIAOSONG, type OfficialFont } from './word-fonts.js';

/** Digests in a fixed-width font, 32 digits to a line as in the PDF. */
const MONO = { ascii: 'Courier New', hAnsi: 'Courier New', eastAsia: 'Courier New', cs: 'Courier New' };
/** Text width of docx's default page (A4, 1 inch margins), in twips, upright and in landscape. */
const TEXT_WIDTH = 9026;
const LANDSCAPE_TEXT_WIDTH = 13958;
/** 32 digits of Courier New at 7.5 pt (144 pt) and the cell's side margins. */
const DIGEST_WIDTH = 3200;
const twipsPerMm = 1440 / 25.4;
const BODY = 21;
const SMALL = 16;

const run = (text: string, font: OfficialFont | typeof MONO = FANGSONG, size = BODY, bold = false) =>
  new TextRun({ text, font, size, bold });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const para = (text: string, opts: { font?: OfficialFont; size?: number; align?: Align; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.align,
    indent: opts.indent ? { firstLine: 2 * (opts.size ?? BODY) * 10 } : undefined,
    children: [run(text, opts.font, opts.size)],
  });

const bookmarkId = (i: number) => `section${i + 1}`;

function heading(i: number, pageBreak = false) {
  return new Paragraph({
    pageBreakBefore: pageBreak,
    keepNext: true,
    spacing: { before: 240, after: 120 },
    children: [new Bookmark({ id: bookmarkId(i), children: [run(dossierSections[i]!, HEITI, 30)] })],
  });
}

type Cell = string | { mono: string[] };

/** A table of fixed column widths (twips), its header row (if any) repeated on every page, rows kept whole. */
function table(widths: readonly number[], header: readonly string[] | null, rows: readonly Cell[][], size = BODY) {
  const cell = (value: Cell, i: number, bold = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children:
        typeof value === 'string'
          ? value
              .split(/\r?\n/)
              .map((line) =>
                para(line, { font: bold ? HEITI : FANGSONG, size, align: bold ? AlignmentType.CENTER : undefined }),
              )
          : value.mono.map(
              (line) =>
                new Paragraph({
                  children: [/^[\x20-\x7e]*$/.test(line) ? run(line, MONO, 15) : run(line, FANGSONG, size)],
                }),
            ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    rows: [
      ...(header
        ? [new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true)) })]
        : []),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i)) })),
    ],
  });
}

/**
 * The diagonal 草稿 across every page: a VML WordArt shape in the header, as Word's own 水印 writes it, behind
 * the text. docx has no API for it, so the run's content is imported as XML; LibreOffice renders it too.
 */
function watermark() {
  const shape = ImportedXmlComponent.fromXmlString(
    `<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">` +
      `<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">` +
      `<v:path textpathok="t" o:connecttype="custom"/><v:textpath on="t" fitshape="t"/></v:shapetype>` +
      `<v:shape id="DraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" ` +
      `style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:210pt;rotation:315;z-index:-251657216;` +
      `mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" ` +
      `o:allowincell="f" fillcolor="#d9d9d9" stroked="f">` +
      `<v:textpath style="font-family:&quot;黑体&quot;;font-size:1pt" string="${WATERMARK_TEXT}"/></v:shape></w:pict>`,
  );
  return new Header({ children: [new Paragraph({ children: [new TextRun({ children: [shape] })] })] });
}

function cover(d: ApplicationDossier): Paragraph[] {
  const line = (label: string, value: string) =>
    new Paragraph({
      indent: { left: 600 },
      spacing: { after: 200 },
      children: [run(label, FANGSONG, 30), new TextRun({ text: value, font: FANGSONG, size: 30, underline: {} })],
    });
  return [
    new Paragraph({
      spacing: { before: 2400, after: 240 },
      alignment: AlignmentType.CENTER,
      children: [run(d.yearText, HEITI, 36)],
    }),
    new Paragraph({
      spacing: { after: 2000 },
      alignment: AlignmentType.CENTER,
      children: [run(d.title, XIAOBIAOSONG, 44)],
    }),
    line('平台名称：', d.platformName),
    line('运营单位：', d.unitName),
    line('推荐单位：', d.cityName),
    line('申报日期：', d.submittedOnText ?? '        年      月      日'),
    ...(d.receiptNo ? [line('回执编号：', d.receiptNo)] : []),
    new Paragraph({
      indent: { left: 600 },
      spacing: { before: 800 },
      children: [run('申报单位（盖章）：', FANGSONG, 30)],
    }),
    new Paragraph({
      indent: { left: 600 },
      spacing: { before: Math.round(SEAL_MM * twipsPerMm) },
      children: [
        run('法定代表人（签字）：', FANGSONG, 30),
        new TextRun({ text: ' '.repeat(24), size: 30, underline: {} }),
      ],
    }),
  ];
}

/** The contents: the sections with their pages as PAGEREF fields, which LibreOffice computes and Word on open. */
function contents(): Paragraph[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      spacing: { after: 480 },
      children: [run('目  录', HEITI, 36)],
    }),
    ...dossierSections.map(
      (s, i) =>
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: LeaderType.DOT }],
          spacing: { after: 200 },
          children: [run(s, FANGSONG, 24), run('\t', FANGSONG, 24), new PageReference(bookmarkId(i))],
        }),
    ),
  ];
}

export async function renderApplicationDossierDocx(d: ApplicationDossier): Promise<Buffer> {
  const footer = () =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              font: FANGSONG,
              size: 18,
              children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
            }),
          ],
        }),
      ],
    });
  const header = () => (d.draft ? watermark() : new Header({ children: [] }));
  const body = [
    heading(0, true),
    table(
      [2400, TEXT_WIDTH - 2400],
      null,
      d.fields.map((f) => [f.label, f.value]),
    ),
    heading(1),
    ...(d.description.length ? d.description : ['（未填写）']).map((p) => para(p, { indent: true })),
    heading(2),
    table(
      [700, 3300, 3000, TEXT_WIDTH - 7000],
      institutionColumns,
      d.institutions.map((x, i) => [String(i + 1), x.name, x.uscc, x.agreement]),
    ),
    heading(3),
    para(rosterSummaryText(d), { indent: true }),
    table(
      [TEXT_WIDTH - 2400, 2400],
      serviceColumns,
      d.rosterSummary.byService.map((s) => [s.service, String(s.count)]),
    ),
    heading(4),
    table(
      [600, 1500, TEXT_WIDTH - 600 - 1500 - 1000 - DIGEST_WIDTH, 1000, DIGEST_WIDTH],
      evidenceColumns,
      d.evidence.map((e, i) => [
        String(i + 1),
        e.type,
        e.name,
        e.size,
        { mono: ['SHA-256:', ...digestLines(e.sha256), 'SM3:', ...digestLines(e.sm3)] },
      ]),
      SMALL,
    ),
    // Word wants a paragraph after a table that ends a section.
    new Paragraph({ children: [] }),
  ];
  // The roster's eight columns are set on landscape pages, where a USCC and a date each keep to one line.
  const appendix = [
    heading(5),
    para(ROSTER_NOTE, { size: SMALL }),
    table(
      [600, 3000, 2400, 1000, 1000, 1600, LANDSCAPE_TEXT_WIDTH - 600 - 3000 - 2400 - 1000 - 1000 - 1600 - 1700, 1700],
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
      SMALL,
    ),
    new Paragraph({ children: [] }),
  ];
  const doc = new Document({
    creator: '河南省中小企业公共服务示范平台申报系统',
    title: `${d.title}（${d.platformName || d.unitName}）`,
    styles: CHINESE_STYLES,
    features: { updateFields: true },
    sections: [
      {
        properties: { titlePage: true },
        headers: { first: header(), default: header() },
        footers: { first: new Footer({ children: [] }), default: footer() },
        children: [...cover(d), ...contents(), ...body],
      },
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        headers: { default: header() },
        footers: { default: footer() },
        children: appendix,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
