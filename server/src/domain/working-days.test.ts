import { describe, expect, it } from 'vitest';
import { holidayCalendarSchema, type PublicitySettings } from '#contract';
import holidaysJson from '../seed/holidays.json' with { type: 'json' };
import { AppError } from './errors.js';
import { isInsideWindow, publicityWindow, windowPhase, WorkingDayCalendar } from './working-days.js';

const seeded = holidayCalendarSchema.parse(holidaysJson);
const calendar = new WorkingDayCalendar(seeded);

const window = (days: number, unit: PublicitySettings['unit'], startsAt: string) =>
  publicityWindow(calendar, { days, unit, startsAt });

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('the seeded holiday table', () => {
  it('covers 2022 to 2026 and not 2027', () => {
    expect(seeded.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(calendar.covers(2027)).toBe(false);
  });

  it('has each year’s number of days off and 调休 working days, each naming its notice', () => {
    const counts = seeded.years.map((y) => [y.year, y.holidays.length, y.workdays.length]);
    expect(counts).toEqual([
      [2022, 31, 7],
      [2023, 27, 7],
      [2024, 28, 8],
      [2025, 28, 5],
      [2026, 33, 6],
    ]);
    for (const y of seeded.years)
      expect(y.source).toMatch(
        new RegExp(`^国务院办公厅关于${y.year}年部分节假日安排的通知（国办发明电〔\\d{4}〕\\d+号）$`),
      );
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2023-04-23', true, '调休 Sunday before 劳动节'],
    ['2023-04-28', true, 'an ordinary Friday'],
    ['2023-04-29', false, '劳动节 Saturday'],
    ['2023-05-01', false, '劳动节'],
    ['2023-05-04', true, 'Thursday after the holiday'],
    ['2023-05-06', true, '调休 Saturday'],
    ['2023-05-07', false, 'an ordinary Sunday'],
    ['2022-12-31', false, '2023 元旦 (a Saturday of the year before)'],
    ['2024-02-09', true, '除夕 2024 was a working day'],
    ['2025-01-28', false, '除夕 2025 is a holiday'],
    ['2026-01-04', true, '调休 Sunday after 元旦 2026'],
  ])('%s is %s (%s)', (day, expected) => {
    expect(calendar.isWorkingDay(day)).toBe(expected);
  });

  it('refuses a year without a table, naming the year', () => {
    const err = refusal(() => calendar.isWorkingDay('2027-03-01'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('尚未配置2027年的节假日和调休安排');
    expect(err.details).toMatchObject({ year: 2027 });
  });
});

describe('publicity window', () => {
  it('counts 5 calendar days from 2023-05-01 over 劳动节, the publication day being day 1', () => {
    expect(window(5, 'calendar', '2023-05-01T09:00:00+08:00')).toEqual({
      startsAt: '2023-05-01T09:00:00+08:00',
      firstDay: '2023-05-01',
      lastDay: '2023-05-05',
      endsAt: '2023-05-05T23:59:59+08:00',
    });
  });

  it('needs no holiday table for calendar days', () => {
    expect(window(5, 'calendar', '2027-05-01T09:00:00+08:00').endsAt).toBe('2027-05-05T23:59:59+08:00');
  });

  it('takes the Beijing date of the start: 2023-04-30T20:00Z is 1 May in Beijing', () => {
    expect(window(5, 'calendar', '2023-04-30T20:00:00Z')).toMatchObject({
      firstDay: '2023-05-01',
      lastDay: '2023-05-05',
    });
  });

  it('counts 5 working days from 2023-04-27 over the holiday and the 调休 Saturday 2023-05-06', () => {
    // 04-27 (1), 04-28 (2), 04-29…05-03 off, 05-04 (3), 05-05 (4), 05-06 调休 (5)
    expect(window(5, 'working', '2023-04-27T10:00:00+08:00')).toEqual({
      startsAt: '2023-04-27T10:00:00+08:00',
      firstDay: '2023-04-27',
      lastDay: '2023-05-06',
      endsAt: '2023-05-06T23:59:59+08:00',
    });
  });

  it('starts counting working days on the next working day after a publication on a holiday', () => {
    expect(window(1, 'working', '2023-05-02T10:00:00+08:00')).toMatchObject({
      firstDay: '2023-05-04',
      lastDay: '2023-05-04',
    });
  });

  it('counts 15 working days from 2024-09-25 over 国庆, with both 调休 weekend days', () => {
    // 09-25, 26, 27, 29 (调休 Sun), 30; 10-01…07 off; 10-08, 09, 10, 11, 12 (调休 Sat), 14, 15, 16, 17, 18
    expect(window(15, 'working', '2024-09-25T09:00:00+08:00')).toMatchObject({
      firstDay: '2024-09-25',
      lastDay: '2024-10-18',
      endsAt: '2024-10-18T23:59:59+08:00',
    });
  });

  it('refuses working days running into a year without a table, naming it', () => {
    const err = refusal(() => window(15, 'working', '2026-12-21T09:00:00+08:00'));
    expect(err.message).toContain('2027年');
    expect(refusal(() => window(5, 'working', '2027-01-05T09:00:00+08:00')).message).toContain('2027年');
  });

  it('is open from the publication instant to the last second of day N in CST', () => {
    const w = window(5, 'working', '2023-04-27T10:00:00+08:00');
    const at = (s: string) => windowPhase(w, new Date(s));
    expect(at('2023-04-27T09:59:59+08:00')).toBe('before');
    expect(at('2023-04-27T10:00:00+08:00')).toBe('open');
    expect(at('2023-05-06T23:59:59.999+08:00')).toBe('open');
    expect(at('2023-05-06T15:59:59Z')).toBe('open');
    expect(at('2023-05-07T00:00:00+08:00')).toBe('closed');
    expect(isInsideWindow(w, new Date('2023-05-01T12:00:00+08:00'))).toBe(true);
    expect(isInsideWindow(w, new Date('2023-05-06T16:00:00Z'))).toBe(false);
  });
});
