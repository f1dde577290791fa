import type { HolidayCalendar, PublicitySettings, PublicityWindow } from '#contract';
import { beijingDateOf, endOfBeijingDay } from './calendar.js';
import { AppError } from './errors.js';

/**
 * Working days and the 公示 window, in Beijing time.
 *
 * A date is a working day by the holiday table first (a 调休 weekend date listed as a workday works, a listed
 * date off does not), then by the week (Monday to Friday). Only years the table covers are judged: the State
 * Council publishes each year's arrangement in the autumn before, so a year without its notice is refused
 * with an error naming the year — never guessed from the weekdays.
 *
 * The window of N days "自发布之日起" (from the day of publication):
 * - calendar days: the publication day is day 1, whatever the hour of publication, and day N is N − 1 days
 *   later — holidays inside count (Henan's 2023-05-01…05 notice ran over 劳动节), and a last day that falls on
 *   a holiday is not moved;
 * - working days: the publication day is day 1 if it is a working day, else the first working day after it;
 *   each following working day counts once.
 * The window opens at the instant of publication and closes at 23:59:59 CST of day N (`endOfBeijingDay`);
 * an instant is inside when it lies between the two, compared to the second like every deadline.
 */

const DAY_MS = 86_400_000;

function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(isoDay: string): boolean {
  return new Date(`${isoDay}T00:00:00Z`).getUTCDay() % 6 === 0;
}

export class WorkingDayCalendar {
  private readonly years: Set<number>;
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;

  constructor(calendar: HolidayCalendar) {
    this.years = new Set(calendar.years.map((y) => y.year));
    this.holidays = new Set(calendar.years.flatMap((y) => y.holidays.map((d) => d.date)));
    this.workdays = new Set(calendar.years.flatMap((y) => y.workdays.map((d) => d.date)));
  }

  /** Whether the table has the year's arrangement. */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** Whether `isoDay` (YYYY-MM-DD) is a working day; refused for a year the table does not cover. */
  isWorkingDay(isoDay: string): boolean {
    const year = Number(isoDay.slice(0, 4));
    if (!this.covers(year)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `尚未配置${year}年的节假日和调休安排，不能按工作日计算期限；请在国务院办公厅发布${year}年部分节假日安排的通知后录入`,
        { year },
      );
    }
    if (this.workdays.has(isoDay)) return true;
    if (this.holidays.has(isoDay)) return false;
    return !isWeekend(isoDay);
  }
}

/** The window of `settings.days` calendar or working days from `settings.startsAt` (rules above). */
export function publicityWindow(
  calendar: WorkingDayCalendar,
  settings: Pick<PublicitySettings, 'days' | 'unit' | 'startsAt'>,
): PublicityWindow {
  const publishedOn = beijingDateOf(new Date(settings.startsAt));
  let firstDay = publishedOn;
  let lastDay = addDays(publishedOn, settings.days - 1);
  if (settings.unit === 'working') {
    const counted: string[] = [];
    for (let day = publishedOn; counted.length < settings.days; day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day)) counted.push(day);
    }
    firstDay = counted[0]!;
    lastDay = counted[counted.length - 1]!;
  }
  return { startsAt: settings.startsAt, firstDay, lastDay, endsAt: endOfBeijingDay(lastDay) };
}

export type WindowPhase = 'before' | 'open' | 'closed';

/** Where `now` stands relative to the window, to the second: the start and the end second are inside. */
export function windowPhase(window: Pick<PublicityWindow, 'startsAt' | 'endsAt'>, now: Date): WindowPhase {
  const second = (ms: number) => Math.floor(ms / 1000);
  const t = second(now.getTime());
  if (t < second(Date.parse(window.startsAt))) return 'before';
  return t <= second(Date.parse(window.endsAt)) ? 'open' : 'closed';
}

/** Whether `now` is inside the window (CST, to the second). */
export function isInsideWindow(window: Pick<PublicityWindow, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return windowPhase(window, now) === 'open';
}
