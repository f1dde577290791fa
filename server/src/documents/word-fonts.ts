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
