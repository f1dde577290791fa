import { describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '#contract';
import seeded from '../../../../server/src/seed/holidays.json';
import { previewWindow } from './windowPreview';

/** The preview counts like the server (server/src/http/publicity.test.ts): 劳动节 2023 both ways. */
const calendar = seeded as HolidayCalendar;

describe('the 公示 window preview', () => {
  it('counts 5 working days over 劳动节 2023 with the 调休 Saturday', () => {
    expect(previewWindow(calendar, { days: 5, unit: 'working', startsAt: '2023-04-28T09:00:00+08:00' })).toEqual({
      firstDay: '2023-04-28',
      lastDay: '2023-05-08',
    });
  });

  it('counts 5 calendar days over the holiday, from the Beijing date of publication', () => {
    expect(previewWindow(calendar, { days: 5, unit: 'calendar', startsAt: '2023-04-30T17:00:00Z' })).toEqual({
      firstDay: '2023-05-01',
      lastDay: '2023-05-05',
    });
  });

  it('names a year the table does not cover instead of guessing', () => {
    expect(previewWindow(calendar, { days: 5, unit: 'working', startsAt: '2099-01-05T09:00:00+08:00' })).toEqual({
      missingYear: 2099,
    });
  });
});
