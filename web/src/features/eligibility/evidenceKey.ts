import type { BatchConfig } from '#contract';

/** Which evidence type an issue's field points at (the server names them by key, e.g. `business_license`). */
export function evidenceKeyOf(field: string, config: BatchConfig): string | null {
  const last = field.split(/[.:/]/).pop() ?? field;
  return config.evidenceTypes.some((t) => t.key === last) ? last : null;
}
