import { LineRuleType, type IStylesOptions } from 'docx';

/**
 * The official 公文 fonts for Word output, named in the East Asian slot so the recipient's Word uses
 * them (Latin text in Times New Roman). Sizes are in half-points: 二号 22pt, 三号 16pt.
 */
const officialFont = (name: string) => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  eastAsia: name,
  cs: name,
});

export const FANGSONG = officialFont('仿宋_GB2312');
export const XIAOBIAOSONG = officialFont('方正小标宋简体');
export const HEITI = officialFont('黑体');
export type OfficialFont = typeof FANGSONG;

export const ERHAO = 44;
export const SANHAO = 32;

/**
 * GB/T 9704's grid line: a fixed 28 pt (固定值, `w:lineRule="exact"`), so 22 lines fill the 225 mm 版心
 * whatever height the substituted font reports. Without the rule Word reads 560 as a multiple (2.33 lines).
 */
export const GRID_LINE = { line: 560, lineRule: LineRuleType.EXACT } as const;

/**
 * Styles for every .docx: the document defaults mark East Asian text as Simplified Chinese, so Word and
 * LibreOffice pick Chinese glyph forms and line breaking instead of Japanese ones; every style inherits it.
 */
export const CHINESE_STYLES: IStylesOptions = {
  default: { document: { run: { language: { value: 'en-US', eastAsia: 'zh-CN' } } } },
};
