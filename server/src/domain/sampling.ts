import { createHash } from 'node:crypto';

/**
 * The reproducible random draw of served enterprises for the satisfaction survey (测评). The order is
 * the roster's rows sorted by SHA-256 of "<seed>|<row number>" (hex, ascending): anyone holding the seed
 * and the roster can recompute it with any SHA-256 tool. The first N are surveyed; an unreachable
 * contact is replaced by the next row in the order, never by choice.
 */
export function drawOrder(seed: string, rowNumbers: readonly number[]): number[] {
  return rowNumbers
    .map((row) => ({ row, key: createHash('sha256').update(`${seed}|${row}`).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row - b.row))
    .map((d) => d.row);
}

export type SurveyOutcome = 'completed' | 'unreachable' | 'pending';

/**
 * Given the draw order and the outcome recorded so far for each drawn row, the rows that must be
 * surveyed now: the first `size` rows of the order, each unreachable one replaced by the next undrawn row.
 */
export function activeSample(
  order: readonly number[],
  size: number,
  outcomes: ReadonlyMap<number, SurveyOutcome>,
): { drawn: number[]; active: number[] } {
  const drawn: number[] = [];
  const active: number[] = [];
  for (const row of order) {
    if (active.length === size) break;
    drawn.push(row);
    if (outcomes.get(row) !== 'unreachable') active.push(row);
  }
  return { drawn, active };
}

export type Rating = 'very_satisfied' | 'satisfied' | 'dissatisfied';

/** Satisfaction = (很满意 + 基本满意) / completed, as a percentage with one decimal; null when none completed. */
export function satisfactionPercent(ratings: readonly Rating[]): number | null {
  if (ratings.length === 0) return null;
  const positive = ratings.filter((r) => r !== 'dissatisfied').length;
  return Math.round((positive / ratings.length) * 1000) / 10;
}
