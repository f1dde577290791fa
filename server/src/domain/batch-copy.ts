import type { BatchConfig } from '#contract';

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A date or an instant (YYYY-… at its start) moved by whole years; 29 February becomes the 28th when needed. */
export function shiftYears(value: string, years: number): string {
  const year = Number(value.slice(0, 4)) + years;
  const rest = value.slice(4);
  return `${year}${rest.startsWith('-02-29') && !isLeapYear(year) ? `-02-28${rest.slice(6)}` : rest}`;
}

/**
 * The source batch's configuration for another year: the source year becomes the new one in the title
 * and the notice's title and text; the notice date, reference dates and both deadlines move by the
 * difference in years (for the administrator to set as the new notice says); the change list is empty.
 */
export function copyConfig(config: BatchConfig, fromYear: number, year: number): BatchConfig {
  const words = (text: string) => text.replaceAll(String(fromYear), String(year));
  const years = year - fromYear;
  return {
    ...structuredClone(config),
    title: words(config.title),
    notice: config.notice && {
      ...structuredClone(config.notice),
      title: words(config.notice.title),
      paragraphs: config.notice.paragraphs.map(words),
    },
    noticeDate: shiftYears(config.noticeDate, years),
    referenceDate: shiftYears(config.referenceDate, years),
    assetsAsOf: shiftYears(config.assetsAsOf, years),
    applicationDeadline: config.applicationDeadline && shiftYears(config.applicationDeadline, years),
    cityDeadline: shiftYears(config.cityDeadline, years),
    changes: [],
  };
}
