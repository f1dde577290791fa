import type { FieldError, Issue } from '#contract';

interface FieldIssue {
  status: 'error' | 'warning';
  messages: string[];
}

export type FieldIssues = ReadonlyMap<string, FieldIssue>;

/**
 * What to show under each form field: rules it fails and values the server refused (errors), and
 * format problems of fields already filled in (warnings). Empty fields are not nagged about here:
 * the panel lists them.
 */
export function collectFieldIssues(
  failures: readonly Issue[],
  rejected: readonly FieldError[],
  incomplete: readonly Issue[],
  isFilled: (field: string) => boolean,
  /** The city's remarks on a returned application, shown under the field they concern. */
  remarks: readonly FieldError[] = [],
): FieldIssues {
  const issues = new Map<string, FieldIssue>();
  const add = (field: string, status: FieldIssue['status'], message: string) => {
    const existing = issues.get(field);
    if (!existing) issues.set(field, { status, messages: [message] });
    else if (!existing.messages.includes(message)) existing.messages.push(message);
  };
  failures.forEach((f) => add(f.field, 'error', f.message));
  rejected.forEach((p) => add(p.field, 'error', p.message));
  incomplete.filter((i) => isFilled(i.field)).forEach((i) => add(i.field, 'warning', i.message));
  remarks.forEach((r) => add(r.field, 'warning', r.message));
  return issues;
}

/** Form.Item props for a field with issues. */
export function itemStatus(issues: FieldIssues, field: string) {
  const issue = issues.get(field);
  return issue ? { validateStatus: issue.status, help: issue.messages.join('；') } : {};
}
