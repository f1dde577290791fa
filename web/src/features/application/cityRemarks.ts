import { ruleFieldOf, type ApplicationView, type BatchConfig } from '#contract';
import { fieldName } from '../common/formErrors';

export interface CityRemark {
  itemKey: string | null;
  /** What the remark is about, in the applicant's words: 上年末资产总额, 营业执照（副本）：执照.pdf, 总体意见. */
  label: string;
  /** Where it is fixed: a form field or an evidence type (see tabForField); null for general remarks. */
  target: string | null;
  message: string;
}

/** The city's itemised remarks of a returned application, resolved to the form's fields and evidence cards. */
export function cityRemarksOf(view: ApplicationView, config: BatchConfig): CityRemark[] {
  return (view.returnRemarks?.remarks ?? []).map(({ itemKey, message }) => {
    if (!itemKey) return { itemKey, label: '总体意见', target: null, message };
    if (itemKey.startsWith('rule:')) {
      const field = ruleFieldOf(itemKey.slice('rule:'.length));
      return { itemKey, label: field ? fieldName(field) : itemKey, target: field, message };
    }
    if (itemKey.startsWith('evidence:')) {
      const file = view.evidence.find((f) => f.id === itemKey.slice('evidence:'.length));
      const type = file ? config.evidenceTypes.find((t) => t.key === file.evidenceType) : undefined;
      const label = file ? `${type?.label ?? '证明材料'}：${file.originalName}` : '证明材料（原文件已删除）';
      return { itemKey, label, target: file?.evidenceType ?? null, message };
    }
    return { itemKey, label: itemKey, target: null, message };
  });
}
