import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activeSample, drawOrder, satisfactionPercent } from './sampling.js';

const rows = Array.from({ length: 120 }, (_, i) => i + 1);

describe('reproducible draw', () => {
  it('gives the same order for the same seed and a different one for another seed', () => {
    expect(drawOrder('a1b2c3', rows)).toEqual(drawOrder('a1b2c3', [...rows].reverse()));
    expect(drawOrder('a1b2c3', rows)).not.toEqual(drawOrder('a1b2c4', rows));
  });

  it('is a permutation of the roster', () => {
    expect([...drawOrder('seed', rows)].sort((a, b) => a - b)).toEqual(rows);
  });

  it('follows the published recipe: sort by SHA-256("<seed>|<row>")', () => {
    const key = (r: number) => createHash('sha256').update(`seed|${r}`).digest('hex');
    const first = drawOrder('seed', rows)[0]!;
    expect(rows.every((r) => key(first) <= key(r))).toBe(true);
  });

  it('replaces an unreachable contact with the next row of the order', () => {
    const order = drawOrder('seed', rows);
    const initial = activeSample(order, 10, new Map());
    expect(initial.active).toEqual(order.slice(0, 10));
    const outcomes = new Map([
      [order[2]!, 'unreachable' as const],
      [order[5]!, 'unreachable' as const],
    ]);
    const after = activeSample(order, 10, outcomes);
    expect(after.active).toEqual([...order.slice(0, 2), ...order.slice(3, 5), ...order.slice(6, 12)]);
    expect(after.drawn).toEqual(order.slice(0, 12));
  });

  it('stops at the end of a short roster', () => {
    expect(activeSample(drawOrder('s', [1, 2, 3]), 10, new Map()).active).toHaveLength(3);
  });
});

describe('satisfaction', () => {
  it('counts 很满意 and 基本满意 over completed surveys', () => {
    expect(satisfactionPercent(['very_satisfied', 'satisfied', 'dissatisfied'])).toBe(66.7);
    expect(satisfactionPercent(Array(10).fill('very_satisfied'))).toBe(100);
    expect(satisfactionPercent([])).toBeNull();
  });
});
