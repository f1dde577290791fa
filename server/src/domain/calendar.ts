/**
 * Dates as YYYY-MM-DD strings compare lexicographically; all business dates are in Asia/Shanghai. The one
 * module for Beijing time on the server (the offset itself is the shared schemas', which validate dates).
 */
import { BEIJING_OFFSET_MS, formatChineseDate, subtractYears, todayInShanghai } from '#contract';

export { BEIJING_OFFSET_MS, formatChineseDate, subtractYears };
/** The offset as written in an ISO 8601 instant. */
export const BEIJING_UTC_OFFSET = '+08:00';

/** The instant moved by the offset, so that its UTC fields read the wall clock in Beijing. */
export function beijingWallClock(instant: Date): Date {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS);
}

/** The calendar date of an instant in China Standard Time, YYYY-MM-DD. */
export function beijingDateOf(instant: Date): string {
  return todayInShanghai(instant);
}

/** The wall clock in Beijing as digits, YYYYMMDDHHmmss (the receipt number's time). */
export function beijingTimestamp(instant: Date): string {
  return beijingWallClock(instant).toISOString().replace(/\D/g, '').slice(0, 14);
}

/** The last second of a Beijing calendar day as an ISO instant: 2022-12-09T23:59:59+08:00. */
export function endOfBeijingDay(isoDate: string): string {
  return `${isoDate}T23:59:59${BEIJING_UTC_OFFSET}`;
}

/** An instant shown in China Standard Time: 2022年12月9日 23:59:59 (北京时间) */
export function formatChineseDateTime(instant: Date): string {
  const cst = beijingWallClock(instant).toISOString();
  const time = cst.slice(11, 19);
  return `${formatChineseDate(cst.slice(0, 10))} ${time}（北京时间）`;
}
