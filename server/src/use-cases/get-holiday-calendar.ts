import type { HolidayCalendar } from '#contract';
import { WorkingDayCalendar } from '../domain/working-days.js';
import { authorize, type Actor } from '../policies/policy.js';
import { shippedHolidays } from '../seed/holidays.js';
import type { Context } from './context.js';

/** The holiday table as stored, with the note on where its dates come from. */
export async function holidayCalendar(ctx: Context): Promise<HolidayCalendar> {
  return { note: shippedHolidays.note, years: await ctx.publicities.listHolidayYears() };
}

/** The working-day calendar the 公示 windows are counted on, read from the table. */
export async function workingDayCalendar(ctx: Context): Promise<WorkingDayCalendar> {
  return new WorkingDayCalendar(await holidayCalendar(ctx));
}

/** Anyone signed in reads the holiday table. */
export async function getHolidayCalendar(ctx: Context, actor: Actor | null): Promise<HolidayCalendar> {
  authorize(actor, 'session:use');
  return holidayCalendar(ctx);
}
