import type { ProvinceBoardCity } from '#contract';

/** Authorities whose names are too long for the board's columns and tiles. */
const SHORT_NAMES: Record<string, string> = { '410100-HKQ': '航空港区' };

/** The authority as the board's table names it: 郑州市, 航空港区. */
export const boardName = (city: Pick<ProvinceBoardCity, 'authorityCode' | 'name'>) =>
  SHORT_NAMES[city.authorityCode] ?? city.name;

/** The authority on a tile or a bar's label: 郑州, 济源, 航空港区. */
export const tileName = (city: Pick<ProvinceBoardCity, 'authorityCode' | 'name'>) =>
  SHORT_NAMES[city.authorityCode] ?? city.name.replace(/(市|示范区)$/, '');
