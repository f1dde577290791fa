import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ratings, surveyMethods, surveyRequirement, type Rating, type SurveyMethod } from '#contract';
import { formatChineseDate } from '../domain/calendar.js';
import type { Content, Margins, TableCell as PdfCell } from 'pdfmake/interfaces.js';
import { fingerprintQrPng, fingerprintSentence, FINGERPRINT_LABEL, fingerprintWords } from './fingerprint.js';
import { renderPdf } from './pdf.js';
import { CHINESE_STYLES, FANGSONG, HEITI, SANHAO, XIAOBIAOSONG, type OfficialFont } from './word-fonts.js';

/** 附件3 河南省中小企业公共服务示范平台推荐表: the view model, filled from the city's records. */
export interface RecommendationForm {
  unitName: string;
  cityName: string;
  /** The survey table's heading, with the batch's survey minimum. */
  surveyHeading: string;
  filledOn: string | null;
  methods: { label: string; checked: boolean }[];
  rows: { enterpriseName: string; interviewee: string; position: string; phone: string; rating: Rating }[];
  impact: string;
  opinion: string;
  opinionDateText: string;
  /** SM3 of the city's SM3SUMS.txt once the platform is in its package (documents/fingerprint.ts); null: not printed. */
  fingerprint: string | null;
}

export function buildRecommendationForm(input: {
  unitName: string;
  cityName: string;
  /** The batch's survey minimum (附件3: 随机抽取，不少于…家). */
  minSurveyed: number;
  methods: readonly SurveyMethod[];
  rows: RecommendationForm['rows'];
  impact: string;
  opinion: string;
  opinionDate: string | null;
  fingerprint: string | null;
}): RecommendationForm {
  return {
    unitName: input.unitName,
    cityName: input.cityName,
    surveyHeading: `推荐单位组织测评情况（${surveyRequirement(input.minSurveyed)}）`,
    filledOn: input.opinionDate,
    methods: (Object.keys(surveyMethods) as SurveyMethod[]).map((m) => ({
      label: surveyMethods[m],
      checked: input.methods.includes(m),
    })),
    rows: input.rows,
    impact: input.impact,
    opinion: input.opinion,
    opinionDateText: input.opinionDate ? formatChineseDate(input.opinionDate) : '年    月    日',
    fingerprint: input.fingerprint,
  };
}

const ratingOrder = Object.keys(ratings) as Rating[];
const mark = (on: boolean) => (on ? '√' : '');
const box = (on: boolean) => (on ? '■' : '□');
const dateParts = (iso: string | null) => (iso ? iso.split('-').map(Number) : null);

const ATTACHMENT_LABEL = '附件3';
/** The QR code of the fingerprint on the cover: 20 mm, readable by a phone at arm's length. */
const QR_PT = 57;
/** Every page after the cover carries the short form, so a loose sheet still names its disc. */
const fingerprintLine = (hex: string) => `${FINGERPRINT_LABEL}：${fingerprintWords(hex)}`;
const OPINION_HEADING = '省辖市、济源示范区工业和信息化主管部门推荐意见：';
/** The round seal of a city's 工业和信息化主管部门 is 42 mm across; the form leaves that much blank above （盖章）. */
const SEAL_MM = 42;
const mmToPt = (mm: number) => (mm * 72) / 25.4;
/** Characters of a full line in the opinion cell (10.5–11 pt CJK across the table), rounded down. */
const OPINION_LINE_CHARS = 40;
/**
 * An opinion of up to 25 lines is kept whole on one page with the seal's room, （盖章） and the date
 * (about five sixths of a page, so the block always fits on a page of its own). A longer one runs across
 * pages and keeps only its last 6 lines with the seal, so little of a page is left blank before it.
 */
const OPINION_WHOLE_CHARS = 25 * OPINION_LINE_CHARS;
const OPINION_TAIL_CHARS = 6 * OPINION_LINE_CHARS;

const lineCost = (paragraph: string) =>
  Math.max(1, Math.ceil(paragraph.length / OPINION_LINE_CHARS)) * OPINION_LINE_CHARS;

/**
 * Splits the opinion into the paragraphs that may run across a page break and the tail that is printed
 * in one unbreakable block with （盖章） and the date. A short opinion is all tail, so the whole cell stays
 * together; a long one keeps its last paragraphs with the seal, or, when its last paragraph alone is too
 * long, that paragraph's last sentences (`continued`: the tail goes on with a paragraph of the body).
 */
function splitOpinion(opinion: string): { body: string[]; tail: string[]; continued: boolean } {
  const body = opinion.split(/\r?\n/).filter((p) => p.trim() !== '');
  if (body.reduce((sum, p) => sum + lineCost(p), 0) <= OPINION_WHOLE_CHARS) {
    return { body: [], tail: body, continued: false };
  }
  const tail: string[] = [];
  let budget = OPINION_TAIL_CHARS;
  while (lineCost(body[body.length - 1]!) <= budget) {
    const p = body.pop()!;
    budget -= lineCost(p);
    tail.unshift(p);
  }
  if (tail.length > 0) return { body, tail, continued: false };
  const last = body.pop()!;
  const sentences = last.match(/[^。！？；]+[。！？；]*/g) ?? [last];
  let end = '';
  while (sentences.length > 1 && lineCost(sentences[sentences.length - 1]! + end) <= budget) {
    end = sentences.pop()! + end;
  }
  if (end === '') end = last.slice(-(budget - OPINION_LINE_CHARS));
  body.push(last.slice(0, last.length - end.length));
  return { body, tail: [end], continued: true };
}

export function renderRecommendationFormPdf(f: RecommendationForm): Promise<Buffer> {
  const d = dateParts(f.filledOn);
  const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
  const { body, tail, continued } = splitOpinion(f.opinion);
  const heading: Content = { text: OPINION_HEADING, bold: true, margin: [0, 0, 0, 6] };
  const paragraphs = (ps: string[], continuing = false): Content[] =>
    ps.map((text, i) => ({ text, leadingIndent: continuing && i === 0 ? 0 : 22 }));
  // Content widths (pt) of the seven columns; cell padding and rules take the rest of the 467 pt line.
  // 联系电话 holds an 11-digit number on one line and each rating header (up to four characters) its own.
  const widths = ['*', 50, 40, 78, 38, 46, 38];
  // The opinion is one cell drawn as two tables: the part that may break, then the unbreakable tail with
  // the seal. The rule between them is not drawn, so on one page they read as a single cell.
  const openBottom = {
    hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === node.table.body.length ? 0 : 1),
  };
  const openTop = { hLineWidth: (i: number) => (i === 0 ? 0 : 1) };
  const sealBlock: Content[] = [
    { text: '（盖章）', alignment: 'right', margin: [0, mmToPt(SEAL_MM), 40, 6] },
    { text: f.opinionDateText, alignment: 'right', margin: [0, 0, 20, 6] },
  ];
  const surveyBody = [
    [cell(f.surveyHeading, { colSpan: 7, bold: true, alignment: 'center' }), {}, {}, {}, {}, {}, {}],
    [
      cell('测评方法', { bold: true }),
      cell(f.methods.map((m) => `${box(m.checked)}${m.label}`).join('  '), { colSpan: 6 }),
      {},
      {},
      {},
      {},
      {},
    ],
    [
      cell('抽样企业名称', { bold: true, rowSpan: 2 }),
      cell('被访人员姓名', { bold: true, rowSpan: 2 }),
      cell('职务', { bold: true, rowSpan: 2 }),
      cell('联系电话', { bold: true, rowSpan: 2 }),
      cell('对所受服务的总体评价', { bold: true, colSpan: 3, alignment: 'center' }),
      {},
      {},
    ],
    [{}, {}, {}, {}, ...ratingOrder.map((r) => cell(ratings[r], { bold: true, alignment: 'center' }))],
    ...f.rows.map((r) => [
      cell(r.enterpriseName),
      cell(r.interviewee),
      cell(r.position),
      cell(r.phone),
      ...ratingOrder.map((x) => cell(mark(r.rating === x), { alignment: 'center' })),
    ]),
    [cell('对区域中小企业发展的影响和作用', { bold: true }), cell(f.impact, { colSpan: 6 }), {}, {}, {}, {}, {}],
  ];
  const fullRow = (stack: Content[]): PdfCell[] => [{ colSpan: 7, stack }, {}, {}, {}, {}, {}, {}];
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [64, 72, 64, 72],
    info: { title: `推荐表（${f.unitName}）` },
    defaultStyle: { fontSize: 11, lineHeight: 1.3 },
    footer: f.fingerprint
      ? (page: number) =>
          page === 1
            ? ''
            : { text: fingerprintLine(f.fingerprint!), fontSize: 8, alignment: 'center', margin: [0, 30, 0, 0] }
      : undefined,
    content: [
      { text: ATTACHMENT_LABEL, fontSize: 16, bold: true },
      {
        text: '河南省中小企业公共服务示范平台',
        fontSize: 24,
        bold: true,
        alignment: 'center',
        margin: [0, 80, 0, 16],
      },
      { text: '推  荐  表', fontSize: 30, bold: true, alignment: 'center', margin: [0, 0, 0, 100] },
      { text: `平台运营单位名称：${f.unitName}`, fontSize: 15, margin: [40, 0, 0, 14] },
      { text: `推荐省辖市（示范区）：${f.cityName}`, fontSize: 15, margin: [40, 0, 0, 14] },
      {
        text: `填报日期：${d ? `${d[0]}年${d[1]}月${d[2]}日` : '      年      月      日'}`,
        fontSize: 15,
        margin: [40, 0, 0, 110],
      },
      {
        stack: [
          { text: '河南省工业和信息化厅制', fontSize: 15, alignment: 'center' },
          ...(f.fingerprint
            ? [
                { qr: f.fingerprint, fit: QR_PT, alignment: 'center' as const, margin: [0, 36, 0, 4] as Margins },
                { text: fingerprintSentence(f.fingerprint), fontSize: 8, alignment: 'center' as const },
              ]
            : []),
        ],
        pageBreak: 'after',
      },
      {
        table: {
          headerRows: 0,
          widths,
          body: body.length > 0 ? [...surveyBody, fullRow([heading, ...paragraphs(body)])] : surveyBody,
        },
        layout: body.length > 0 ? openBottom : undefined,
      },
      {
        table: {
          dontBreakRows: true,
          widths,
          body: [fullRow([...(body.length > 0 ? [] : [heading]), ...paragraphs(tail, continued), ...sealBlock])],
        },
        layout: body.length > 0 ? openTop : undefined,
      },
    ],
  });
}

const run = (text: string, font = FANGSONG, size = 24) => new TextRun({ text, font, size });
const para = (
  text: string,
  opts: { font?: OfficialFont; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) => new Paragraph({ alignment: opts.align, children: [run(text, opts.font, opts.size)] });
/**
 * Column widths (twips) of the 9,000-twip table. Each cell keeps Word's 108-twip side margins, so 联系电话
 * has 1,684 twips (84 pt) for an 11-digit number, room for digits up to 0.73 em wide at 五号, and each
 * rating column fits its header (很满意, 基本满意, 不满意) on one line.
 */
const DOCX_COLUMNS = [1960, 1000, 900, 1900, 1000, 1240, 1000];
const DOCX_TABLE_WIDTH = DOCX_COLUMNS.reduce((a, b) => a + b, 0);
const twipsPerMm = 1440 / 25.4;
const NO_BORDER = { style: BorderStyle.NIL, size: 0, color: 'auto' } as const;
const tc = (
  text: string,
  column: number,
  opts: { span?: number; rowSpan?: number; bold?: boolean; center?: boolean } = {},
) =>
  new TableCell({
    columnSpan: opts.span,
    rowSpan: opts.rowSpan,
    width: {
      size: DOCX_COLUMNS.slice(column, column + (opts.span ?? 1)).reduce((a, b) => a + b, 0),
      type: WidthType.DXA,
    },
    children: [
      para(text, {
        font: opts.bold ? HEITI : FANGSONG,
        size: 21,
        align: opts.center ? AlignmentType.CENTER : undefined,
      }),
    ],
  });
const opinionParagraph = (text: string, indent = true) =>
  new Paragraph({ indent: indent ? { firstLine: 420 } : undefined, children: [run(text, FANGSONG, 21)] });

export async function renderRecommendationFormDocx(f: RecommendationForm): Promise<Buffer> {
  const d = dateParts(f.filledOn);
  const { body, tail, continued } = splitOpinion(f.opinion);
  const heading = para(OPINION_HEADING, { font: HEITI, size: 21 });
  // As in the PDF: the opinion cell is two rows with no rule between them, the second (the end of the
  // opinion, the seal's room, （盖章） and the date) never split across pages.
  const opinionCell = (children: Paragraph[], borders?: { top?: typeof NO_BORDER; bottom?: typeof NO_BORDER }) =>
    new TableCell({ columnSpan: 7, width: { size: DOCX_TABLE_WIDTH, type: WidthType.DXA }, borders, children });
  const opinionRows = [
    ...(body.length > 0
      ? [
          new TableRow({
            children: [opinionCell([heading, ...body.map((p) => opinionParagraph(p))], { bottom: NO_BORDER })],
          }),
        ]
      : []),
    new TableRow({
      cantSplit: true,
      children: [
        opinionCell(
          [
            ...(body.length > 0 ? [] : [heading]),
            ...tail.map((p, i) => opinionParagraph(p, !(continued && i === 0))),
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              spacing: { before: Math.round(SEAL_MM * twipsPerMm) },
              indent: { right: 800 },
              children: [run('（盖章）', FANGSONG, 21)],
            }),
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              spacing: { after: 120 },
              indent: { right: 400 },
              children: [run(f.opinionDateText, FANGSONG, 21)],
            }),
          ],
          body.length > 0 ? { top: NO_BORDER } : undefined,
        ),
      ],
    }),
  ];
  const table = new Table({
    width: { size: DOCX_TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: DOCX_COLUMNS,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        children: [tc(f.surveyHeading, 0, { span: 7, bold: true, center: true })],
      }),
      new TableRow({
        children: [
          tc('测评方法', 0, { bold: true }),
          tc(f.methods.map((m) => `${box(m.checked)}${m.label}`).join('  '), 1, { span: 6 }),
        ],
      }),
      new TableRow({
        children: [
          tc('抽样企业名称', 0, { bold: true, rowSpan: 2 }),
          tc('被访人员姓名', 1, { bold: true, rowSpan: 2 }),
          tc('职务', 2, { bold: true, rowSpan: 2 }),
          tc('联系电话', 3, { bold: true, rowSpan: 2 }),
          tc('对所受服务的总体评价', 4, { bold: true, span: 3, center: true }),
        ],
      }),
      new TableRow({ children: ratingOrder.map((r, i) => tc(ratings[r], 4 + i, { bold: true, center: true })) }),
      ...f.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: [
              tc(r.enterpriseName, 0),
              tc(r.interviewee, 1),
              tc(r.position, 2),
              tc(r.phone, 3),
              ...ratingOrder.map((x, i) => tc(mark(r.rating === x), 4 + i, { center: true })),
            ],
          }),
      ),
      new TableRow({
        children: [tc('对区域中小企业发展的影响和作用', 0, { bold: true }), tc(f.impact, 1, { span: 6 })],
      }),
      ...opinionRows,
    ],
  });
  const doc = new Document({
    creator: '河南省中小企业公共服务示范平台申报系统',
    title: `推荐表（${f.unitName}）`,
    styles: CHINESE_STYLES,
    sections: [
      {
        properties: { titlePage: true },
        footers: f.fingerprint
          ? {
              first: new Footer({ children: [] }),
              default: new Footer({
                children: [para(fingerprintLine(f.fingerprint), { size: 16, align: AlignmentType.CENTER })],
              }),
            }
          : undefined,
        children: [
          new Paragraph({ children: [run(ATTACHMENT_LABEL, HEITI, SANHAO)] }),
          new Paragraph({
            spacing: { before: 1800 },
            alignment: AlignmentType.CENTER,
            children: [run('河南省中小企业公共服务示范平台', XIAOBIAOSONG, 48)],
          }),
          new Paragraph({
            spacing: { before: 240, after: 2400 },
            alignment: AlignmentType.CENTER,
            children: [run('推  荐  表', XIAOBIAOSONG, 60)],
          }),
          para(`平台运营单位名称：${f.unitName}`, { size: 32 }),
          para(`推荐省辖市（示范区）：${f.cityName}`, { size: 32 }),
          para(`填报日期：${d ? `${d[0]}年${d[1]}月${d[2]}日` : '      年      月      日'}`, { size: 32 }),
          new Paragraph({
            spacing: { before: 2400 },
            alignment: AlignmentType.CENTER,
            children: [run('河南省工业和信息化厅制', FANGSONG, 32), ...(f.fingerprint ? [] : [new PageBreak()])],
          }),
          ...(f.fingerprint
            ? [
                new Paragraph({
                  spacing: { before: 600 },
                  alignment: AlignmentType.CENTER,
                  children: [
                    new ImageRun({
                      type: 'png',
                      data: await fingerprintQrPng(f.fingerprint),
                      transformation: { width: QR_PT * (4 / 3), height: QR_PT * (4 / 3) },
                    }),
                  ],
                }),
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [run(fingerprintSentence(f.fingerprint), FANGSONG, 16), new PageBreak()],
                }),
              ]
            : []),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
