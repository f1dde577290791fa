import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { formatChineseDate } from '../domain/calendar.js';
import { renderPdf } from './pdf.js';
import { CHINESE_STYLES, FANGSONG, GRID_LINE, HEITI, SANHAO, XIAOBIAOSONG } from './word-fonts.js';

/** 推荐文件: the city's letter to the province listing its platforms, the site checks and each interview's result. */
export interface RecommendationLetter {
  issuer: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  platforms: { line: string; interview: string }[];
  attachments: string[];
  signature: string;
  dateText: string;
}

export interface LetterPlatform {
  platformName: string;
  unitName: string;
  channelWords: string;
  siteCheckedOn: string | null;
  interview: { heldOn: string; principalName: string; principalTitle: string; result: string } | null;
}

export function buildRecommendationLetter(
  year: number,
  cityName: string,
  platforms: readonly LetterPlatform[],
  date: string,
): RecommendationLetter {
  const checked = platforms.filter((p) => p.siteCheckedOn).length;
  return {
    issuer: `${cityName}工业和信息化局`,
    title: `关于推荐${year}年度河南省中小企业公共服务示范平台的函`,
    addressee: '省工业和信息化厅（中小企业局）：',
    paragraphs: [
      `根据《关于组织申报${year}年度省级中小企业公共服务示范平台的通知》要求，我局对辖区内申报平台的申请材料逐项审核，进行了现场核查（共${checked}家），与被推荐单位主要负责人就材料真实性进行了当面谈话，并随机抽取服务企业开展测评。经研究，现推荐以下${platforms.length}家平台：`,
    ],
    platforms: platforms.map((p, i) => ({
      line: `${i + 1}. ${p.platformName}（运营单位：${p.unitName}；${p.channelWords}）`,
      interview: p.interview
        ? `${formatChineseDate(p.interview.heldOn)}与该单位${p.interview.principalTitle}${p.interview.principalName}当面谈话：${p.interview.result}`
        : '当面谈话：尚未记录',
    })),
    attachments: [
      '1.现场核查真实性说明',
      `2.推荐${year}年度河南省中小企业公共服务示范平台汇总表`,
      '3.河南省中小企业公共服务示范平台推荐表',
    ],
    signature: `${cityName}工业和信息化局`,
    dateText: formatChineseDate(date),
  };
}

/** Two characters of indent plus "附件：" (three characters) at 三号 (16 pt = 320 twips a character). */
const ATTACHMENT_INDENT = 640 + 3 * 320;

export async function renderRecommendationLetterDocx(l: RecommendationLetter): Promise<Buffer> {
  const body = (text: string, indent = true) =>
    new Paragraph({
      indent: indent ? { firstLine: 640 } : undefined,
      spacing: GRID_LINE,
      children: [new TextRun({ text, font: FANGSONG, size: SANHAO })],
    });
  const doc = new Document({
    creator: '河南省中小企业公共服务示范平台申报系统',
    title: l.title,
    styles: CHINESE_STYLES,
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: l.issuer, font: XIAOBIAOSONG, size: 52, color: 'C00000' })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 480, after: 480 },
            children: [new TextRun({ text: l.title, font: XIAOBIAOSONG, size: 44 })],
          }),
          body(l.addressee, false),
          ...l.paragraphs.map((p) => body(p)),
          ...l.platforms.flatMap((p) => [
            new Paragraph({
              indent: { firstLine: 640 },
              spacing: GRID_LINE,
              children: [new TextRun({ text: p.line, font: HEITI, size: SANHAO })],
            }),
            body(p.interview),
          ]),
          body('特此函告。'),
          ...l.attachments.map((a, i) =>
            i === 0
              ? body(`附件：${a}`)
              : new Paragraph({
                  // GB/T 9704 §7.3.4: further attachments align under the first one's name, past "附件：".
                  indent: { left: ATTACHMENT_INDENT },
                  spacing: GRID_LINE,
                  children: [new TextRun({ text: a, font: FANGSONG, size: SANHAO })],
                }),
          ),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 960 },
            children: [new TextRun({ text: l.signature, font: FANGSONG, size: SANHAO })],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: l.dateText, font: FANGSONG, size: SANHAO })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export function renderRecommendationLetterPdf(l: RecommendationLetter): Promise<Buffer> {
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [79, 90, 74, 90],
    info: { title: l.title },
    defaultStyle: { fontSize: 15, lineHeight: 1.55 },
    content: [
      { text: l.issuer, fontSize: 26, bold: true, color: '#C00000', alignment: 'center' },
      {
        canvas: [{ type: 'line', x1: 0, y1: 6, x2: 442, y2: 6, lineWidth: 1.5, lineColor: '#C00000' }],
        margin: [0, 0, 0, 18],
      },
      { text: l.title, fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 18] },
      { text: l.addressee },
      ...l.paragraphs.map((p) => ({ text: p, leadingIndent: 30 })),
      ...l.platforms.flatMap((p) => [
        { text: p.line, bold: true, leadingIndent: 30 },
        { text: p.interview, leadingIndent: 30 },
      ]),
      { text: '特此函告。', leadingIndent: 30 },
      { text: `附件：${l.attachments[0]}`, margin: [0, 12, 0, 0] },
      ...l.attachments.slice(1).map((a) => ({ text: a, margin: [45, 0, 0, 0] as [number, number, number, number] })),
      { text: l.signature, alignment: 'right', margin: [0, 40, 20, 0] },
      { text: l.dateText, alignment: 'right', margin: [0, 0, 30, 0] },
    ],
  });
}
