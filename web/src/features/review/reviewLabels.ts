import type { Verdict } from '#contract';

export const VERDICT_COLORS: Record<Verdict, string> = { pass: 'green', fail: 'red', doubt: 'orange' };

/** `evidence:<file id>` → the file id; rules give null. */
export function evidenceFileIdOf(itemKey: string): string | null {
  return itemKey.startsWith('evidence:') ? itemKey.slice('evidence:'.length) : null;
}

/** `rule:ASSETS_BELOW_MIN` → ASSETS_BELOW_MIN; evidence gives null. */
export function ruleCodeOf(itemKey: string): string | null {
  return itemKey.startsWith('rule:') ? itemKey.slice('rule:'.length) : null;
}
