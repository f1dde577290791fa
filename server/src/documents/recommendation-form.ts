import {
  AlignmentType,
  Document,
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
import { ratings, surveyMethods, type Rating, type SurveyMethod } from '#contract';
import { formatChineseDate } from '../domain/calendar.js';
import { renderPdf } from './pdf.js';
import { FANGSONG, HEITI, XIAOBIAOSONG, type OfficialFont } from './word-fonts.js';

/** 附件3 河南省中小企业公共服务示范平台推荐表: the view model, filled from the city's records. */
export interface RecommendationForm {
  unitName: string;
  cityName: string;
  filledOn: string | null;
  methods: { label: string; checked: boolean }[];
  rows: { enterpriseName: string; interviewee: string; position: string; phone: string; rating: Rating }[];
  impact: string;
  opinion: string;
  opinionDateText: string;
}

export function buildRecommendationForm(input: {
  unitName: string;
  cityName: string;
  methods: readonly SurveyMethod[];
  rows: RecommendationForm['rows'];
  impact: string;
  opinion: string;
  opinionDate: string | null;
}): RecommendationForm {
  return {
    unitName: input.unitName,
    cityName: input.cityName,
    filledOn: input.opinionDate,
    methods: (Object.keys(surveyMethods) as SurveyMethod[]).map((m) => ({
      label: surveyMethods[m],
      checked: input.methods.includes(m),
    })),
    rows: input.rows,
    impact: input.impact,
    opinion: input.opinion,
    opinionDateText: input.opinionDate ? formatChineseDate(input.opinionDate) : '年    月    日',
  };
}

const ratingOrder = Object.keys(ratings) as Rating[];
const mark = (on: boolean) => (on ? '√' : '');
const box = (on: boolean) => (on ? '■' : '□');
const dateParts = (iso: string | null) => (iso ? iso.split('-').map(Number) : null);

export function renderRecommendationFormPdf(f: RecommendationForm): Promise<Buffer> {
  const d = dateParts(f.filledOn);
  const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [64, 72, 64, 72],
    info: { title: `推荐表（${f.unitName}）` },
    defaultStyle: { fontSize: 11, lineHeight: 1.3 },
    content: [
      {
        text: '河南省中小企业公共服务示范平台',
        fontSize: 24,
        bold: true,
        alignment: 'center',
        margin: [0, 110, 0, 16],
      },
      { text: '推  荐  表', fontSize: 30, bold: true, alignment: 'center', margin: [0, 0, 0, 100] },
      { text: `平台运营单位名称：${f.unitName}`, fontSize: 15, margin: [40, 0, 0, 14] },
      { text: `推荐省辖市（示范区）：${f.cityName}`, fontSize: 15, margin: [40, 0, 0, 14] },
      {
        text: `填报日期：${d ? `${d[0]}年${d[1]}月${d[2]}日` : '      年      月      日'}`,
        fontSize: 15,
        margin: [40, 0, 0, 110],
      },
      { text: '河南省工业和信息化厅制', fontSize: 15, alignment: 'center', pageBreak: 'after' },
      {
        table: {
          headerRows: 0,
          widths: [118, 56, 44, 80, 44, 54, '*'],
          body: [
            [
              cell('推荐单位组织测评情况（随机抽取，不少于10家）', { colSpan: 7, bold: true, alignment: 'center' }),
              {},
              {},
              {},
              {},
              {},
              {},
            ],
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
            [
              cell('对区域中小企业发展的影响和作用', { bold: true }),
              cell(f.impact, { colSpan: 6 }),
              {},
              {},
              {},
              {},
              {},
            ],
            [
              {
                colSpan: 7,
                stack: [
                  { text: '省辖市、济源示范区工业和信息化主管部门推荐意见：', bold: true },
                  { text: f.opinion, margin: [0, 6, 0, 24] },
                  { text: '（盖章）', alignment: 'right', margin: [0, 0, 40, 6] },
                  { text: f.opinionDateText, alignment: 'right', margin: [0, 0, 20, 0] },
                ],
              },
              {},
              {},
              {},
              {},
              {},
              {},
            ],
          ],
        },
      },
    ],
  });
}

const run = (text: string, font = FANGSONG, size = 24) => new TextRun({ text, font, size });
const para = (
  text: string,
  opts: { font?: OfficialFont; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) => new Paragraph({ alignment: opts.align, children: [run(text, opts.font, opts.size)] });
const tc = (text: string, opts: { span?: number; rowSpan?: number; bold?: boolean; center?: boolean } = {}) =>
  new TableCell({
    columnSpan: opts.span,
    rowSpan: opts.rowSpan,
    children: [
      para(text, {
        font: opts.bold ? HEITI : FANGSONG,
        size: 21,
        align: opts.center ? AlignmentType.CENTER : undefined,
      }),
    ],
  });

export async function renderRecommendationFormDocx(f: RecommendationForm): Promise<Buffer> {
  const d = dateParts(f.filledOn);
  const table = new Table({
    width: { size: 9000, type: WidthType.DXA },
    columnWidths: [2200, 1100, 900, 1800, 1000, 1000, 1000],
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        children: [tc('推荐单位组织测评情况（随机抽取，不少于10家）', { span: 7, bold: true, center: true })],
      }),
      new TableRow({
        children: [
          tc('测评方法', { bold: true }),
          tc(f.methods.map((m) => `${box(m.checked)}${m.label}`).join('  '), { span: 6 }),
        ],
      }),
      new TableRow({
        children: [
          tc('抽样企业名称', { bold: true, rowSpan: 2 }),
          tc('被访人员姓名', { bold: true, rowSpan: 2 }),
          tc('职务', { bold: true, rowSpan: 2 }),
          tc('联系电话', { bold: true, rowSpan: 2 }),
          tc('对所受服务的总体评价', { bold: true, span: 3, center: true }),
        ],
      }),
      new TableRow({ children: ratingOrder.map((r) => tc(ratings[r], { bold: true, center: true })) }),
      ...f.rows.map(
        (r) =>
          new TableRow({
            children: [
              tc(r.enterpriseName),
              tc(r.interviewee),
              tc(r.position),
              tc(r.phone),
              ...ratingOrder.map((x) => tc(mark(r.rating === x), { center: true })),
            ],
          }),
      ),
      new TableRow({ children: [tc('对区域中小企业发展的影响和作用', { bold: true }), tc(f.impact, { span: 6 })] }),
      new TableRow({
        children: [
          new TableCell({
            columnSpan: 7,
            children: [
              para('省辖市、济源示范区工业和信息化主管部门推荐意见：', { font: HEITI, size: 21 }),
              para(f.opinion, { size: 21 }),
              para('（盖章）', { size: 21, align: AlignmentType.RIGHT }),
              para(f.opinionDateText, { size: 21, align: AlignmentType.RIGHT }),
            ],
          }),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: '河南省中小企业公共服务示范平台申报系统',
    title: `推荐表（${f.unitName}）`,
    sections: [
      {
        children: [
          new Paragraph({
            spacing: { before: 2400 },
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
            children: [run('河南省工业和信息化厅制', FANGSONG, 32), new PageBreak()],
          }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
