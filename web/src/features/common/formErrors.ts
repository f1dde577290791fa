import type { FormInstance } from 'antd';
import { FIELD_LABELS, type FieldError } from '#contract';

/** Puts the server's per-field messages on the form; returns those that name no field of this form. */
export function showServerFieldErrors(
  form: FormInstance,
  problems: readonly FieldError[],
  fields: readonly string[],
): FieldError[] {
  const onForm = problems.filter((p) => fields.includes(p.field));
  const byField = new Map<string, string[]>();
  onForm.forEach((p) => byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]));
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return problems.filter((p) => !fields.includes(p.field));
}

/** Roster columns (template order); FIELD_LABELS in contract/src does not name them. */
const ROSTER_LABELS: Record<string, string> = {
  enterpriseName: '企业名称',
  position: '职务',
  phone: '联系电话',
  service: '所提供服务',
  servedOn: '服务日期',
};

export function fieldName(field: string): string {
  return FIELD_LABELS[field] ?? ROSTER_LABELS[field] ?? field;
}
