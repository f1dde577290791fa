/** Display formats: 2022年11月22日, 万元, Beijing time, short digests. The web's one module for Beijing time. */
import type { Dayjs } from 'dayjs';

/** All business times are in China Standard Time, UTC+8 all year. */
const BEIJING_TIME_ZONE = 'Asia/Shanghai';
const BEIJING_UTC_OFFSET = '+08:00';

/** An instant's calendar and clock fields in Beijing time, to the second. */
const beijingFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BEIJING_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const beijingParts = (instant: string) =>
  Object.fromEntries(beijingFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));

/** 2022-11-22 → 2022年11月22日 */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant shown in Beijing time: 2022年11月22日 14:05 */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const parts = beijingParts(instant);
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** A deadline to the second, as the notice states it: 2022年12月9日 23:59:59 */
export function formatDeadline(instant: string | null | undefined): string {
  if (!instant) return '—';
  const parts = beijingParts(instant);
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Beijing time of day only, for “已自动保存 14:05:09”. */
export function formatTimeOfDay(instant: Date): string {
  return instant.toLocaleTimeString('zh-CN', { timeZone: BEIJING_TIME_ZONE, hourCycle: 'h23' });
}

/** Beijing date and time in the locale's short form, 2022/11/22 14:05:09, for text files. */
export function formatLocalDateTime(instant: Date): string {
  return instant.toLocaleString('zh-CN', { timeZone: BEIJING_TIME_ZONE, hourCycle: 'h23' });
}

/** The picked wall-clock time is Beijing time whatever the browser's zone. */
export function beijingIso(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm:ss')}${BEIJING_UTC_OFFSET}`;
}

export function formatWan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  return `${amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The first and last characters of a hex digest, enough to compare by eye. */
export function shortDigest(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex;
}
