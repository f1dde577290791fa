/** Dates as YYYY-MM-DD strings compare lexicographically; all business dates are in Asia/Shanghai. */

export function subtractYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** 2020-11-22 → 2020年11月22日 */
export function formatChineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The calendar date of an instant in China Standard Time, YYYY-MM-DD. */
export function beijingDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** An instant shown in China Standard Time: 2022年12月9日 23:59:59 (北京时间) */
export function formatChineseDateTime(instant: Date): string {
  const cst = new Date(instant.getTime() + 8 * 3600_000).toISOString();
  const time = cst.slice(11, 19);
  return `${formatChineseDate(cst.slice(0, 10))} ${time}（北京时间）`;
}
