import type { HolidayCalendar } from '#contract';

/**
 * The 公示 window as the province sees it before publishing, counted like the server counts it
 * (server/src/domain/working-days.ts): calendar days from the Beijing date of publication; working days by the
 * holiday table first, then Monday to Friday, day 1 the first working day from publication. The server computes
 * the window again on publishing; this is only its preview.
 */
export type WindowPreview = { firstDay: string; lastDay: string } | { missingYear: number };

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const addDays = (isoDay: string, days: number): string =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function previewWindow(
  calendar: HolidayCalendar,
  settings: { days: number; unit: 'calendar' | 'working'; startsAt: string },
): WindowPreview {
  const publishedOn = new Date(Date.parse(settings.startsAt) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
  if (settings.unit === 'calendar') return { firstDay: publishedOn, lastDay: addDays(publishedOn, settings.days - 1) };
  const years = new Set(calendar.years.map((y) => y.year));
  const holidays = new Set(calendar.years.flatMap((y) => y.holidays.map((d) => d.date)));
  const workdays = new Set(calendar.years.flatMap((y) => y.workdays.map((d) => d.date)));
  const counted: string[] = [];
  for (let day = publishedOn; counted.length < settings.days; day = addDays(day, 1)) {
    const year = Number(day.slice(0, 4));
    if (!years.has(year)) return { missingYear: year };
    const weekend = new Date(`${day}T00:00:00Z`).getUTCDay() % 6 === 0;
    if (workdays.has(day) || (!holidays.has(day) && !weekend)) counted.push(day);
  }
  return { firstDay: counted[0]!, lastDay: counted[counted.length - 1]! };
}
