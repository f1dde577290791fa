import { holidayCalendarSchema, type HolidayCalendar } from '#contract';
import type { Context } from '../use-cases/context.js';
import holidays from './holidays.json' with { type: 'json' };

/** The holiday and 调休 table as shipped (seed/holidays.json), checked against the contract. */
export const shippedHolidays: HolidayCalendar = holidayCalendarSchema.parse(holidays);

/**
 * Adds the shipped years the table does not have yet; a year already there stays as the system administrator
 * set it. Run at start under the start-up lock (app.ts), and harmless run twice: a year is inserted once.
 */
export async function seedHolidays(ctx: Context): Promise<number> {
  return ctx.publicities.insertMissingHolidayYears(shippedHolidays.years, ctx.clock.now().toISOString());
}
