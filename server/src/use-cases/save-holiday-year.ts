import type { HolidayCalendar, HolidayYear } from '#contract';
import { fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { holidayCalendar } from './get-holiday-calendar.js';
import { auditedBy } from './steps/audited-by.js';

/** The system administrator enters or corrects one year's arrangement (validated by the contract); audited. */
export async function saveHolidayYear(
  ctx: Context,
  actor: Actor | null,
  year: number,
  input: HolidayYear,
  origin: RequestOrigin,
): Promise<HolidayCalendar> {
  authorize(actor, 'holidays:admin');
  if (input.year !== year) throw fieldError('year', `年份须与地址中的${year}年一致`);
  const now = ctx.clock.now().toISOString();
  await ctx.transaction(async (tx) => {
    await tx.publicities.saveHolidayYear(input, actor.userId, now);
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'holidays.update',
        targetType: 'holiday_year',
        targetId: String(year),
        detail: {
          source: input.source,
          holidays: input.holidays.map((d) => d.date),
          workdays: input.workdays.map((d) => d.date),
        },
      },
      ctx.clock.now(),
    );
  });
  return holidayCalendar(ctx);
}
