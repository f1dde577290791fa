export interface Row {
  benchmark: string;
  value: string;
  baseline: string;
  /** value ÷ baseline, or null where a ratio means nothing. */
  ratio: number | null;
  goal: string;
  /** null for a row shown for context, with no goal. */
  met: boolean | null;
}

const headers = ['benchmark', 'value', 'baseline', 'ratio', 'goal', 'result'] as const;

/** Prints the rows as a plain fixed-width table; a missed goal reads MISSED in capitals. */
export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.benchmark,
    r.value,
    r.baseline,
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    r.goal,
    r.met === null ? '—' : r.met ? 'pass' : 'MISSED',
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((s, i) => s.padEnd(widths[i]!))
      .join('   ')
      .trimEnd();
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

/** A number with thousands separators and a fixed number of decimals. */
export function fmt(n: number, decimals = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
