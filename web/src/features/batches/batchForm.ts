import dayjs, { type Dayjs } from 'dayjs';
import type { AdminBatchView, BatchConfig, BatchNotice, FieldError } from '#contract';

/** A field of the editor, as antd names it. */
export type NamePath = (string | number)[];

/** The editor's values: the configuration as the contract has it, its two maps as lists of rows. */
export interface BatchFormValues {
  label: string;
  config: Omit<BatchConfig, 'notice' | 'changes'> & { notice: BatchNotice };
  quotaExceptions: { authorityCode?: string; quota?: number }[];
  routes: { region?: string; authority?: string }[];
}

const EMPTY_NOTICE: BatchNotice = { issuer: '', title: '', paragraphs: [], contacts: [], address: '' };

export function formValuesOf(batch: AdminBatchView): BatchFormValues {
  const { notice, changes: _changes, ...config } = batch.config;
  return {
    label: batch.label,
    config: { ...config, notice: notice ?? EMPTY_NOTICE },
    quotaExceptions: Object.entries(config.quota.byAuthority).map(([authorityCode, quota]) => ({
      authorityCode,
      quota,
    })),
    routes: Object.entries(config.routing).map(([region, authority]) => ({ region, authority })),
  };
}

/** The configuration to send: the form's values over what the batch holds (the server keeps the change list). */
export function configOf(batch: AdminBatchView, values: BatchFormValues): BatchConfig {
  return {
    ...batch.config,
    ...values.config,
    quota: {
      default: values.config.quota.default,
      byAuthority: Object.fromEntries(
        values.quotaExceptions
          .filter((row) => row.authorityCode)
          .map((row) => [row.authorityCode!, row.quota ?? 0] as const),
      ),
    },
    routing: Object.fromEntries(
      values.routes.filter((row) => row.region && row.authority).map((row) => [row.region!, row.authority!] as const),
    ),
  };
}

/** The form field a server error names: `config.rules.minAssetsWan`, `config.quota.byAuthority.410300` → its row. */
export function fieldPathOf(field: string, values: BatchFormValues): NamePath | null {
  const quota = /^config\.quota\.byAuthority\.(.+)$/.exec(field);
  if (quota) {
    const row = values.quotaExceptions.findIndex((r) => r.authorityCode === quota[1]);
    return row < 0 ? null : ['quotaExceptions', row, 'quota'];
  }
  const route = /^config\.routing\.(.+)$/.exec(field);
  if (route) {
    const row = values.routes.findIndex((r) => r.region === route[1]);
    return row < 0 ? null : ['routes', row, 'authority'];
  }
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const samePath = (a: NamePath, b: NamePath) => a.length === b.length && a.every((part, i) => part === b[i]);

/**
 * Splits the server's field errors into those shown at a field of the editor (returned as antd field data)
 * and those no field shows (the summary at the top).
 */
export function placeFieldErrors(
  problems: readonly FieldError[],
  values: BatchFormValues,
  registered: readonly NamePath[],
): { atFields: { name: NamePath; errors: string[] }[]; unplaced: FieldError[] } {
  const atFields: { name: NamePath; errors: string[] }[] = [];
  const unplaced: FieldError[] = [];
  for (const problem of problems) {
    const path = fieldPathOf(problem.field, values);
    if (!path || !registered.some((name) => samePath(path, name))) {
      unplaced.push(problem);
      continue;
    }
    const existing = atFields.find((f) => samePath(f.name, path));
    if (existing) existing.errors.push(problem.message);
    else atFields.push({ name: path, errors: [problem.message] });
  }
  return { atFields, unplaced };
}

/** A Beijing wall-clock time, whatever the browser's zone: what the pickers show and edit. */
export function beijingWallClock(instant: string): Dayjs {
  return dayjs(new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 19));
}
