import {
  applicationFormSchema,
  fieldLabel,
  isValidUscc,
  type ApplicationDraft,
  type BatchConfig,
  type Issue,
} from '#contract';

export interface CompletenessInput {
  form: ApplicationDraft;
  authorityCode: string;
  institutions: { name: string; uscc: string; agreementFileId: string | null }[];
  rosterCount: number;
  evidenceTypesPresent: ReadonlySet<string>;
}

/** What besides the eligibility rules still blocks submission: missing or malformed fields and evidence. */
export function findIncomplete(input: CompletenessInput, config: BatchConfig): Issue[] {
  const issues: Issue[] = [];
  const parsed = applicationFormSchema.safeParse(input.form);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      if (seen.has(field)) continue;
      seen.add(field);
      const missing =
        (input.form as Record<string, unknown>)[field] === undefined ||
        (input.form as Record<string, unknown>)[field] === null ||
        (input.form as Record<string, unknown>)[field] === '';
      issues.push({
        code: missing ? 'FIELD_MISSING' : 'FIELD_INVALID',
        field,
        message: missing ? `请填写${fieldLabel([field])}` : `${fieldLabel([field])}：${issue.message}`,
      });
    }
  }
  const unknown = (input.form.categories ?? []).filter((c) => !config.categories.includes(c));
  if (unknown.length)
    issues.push({
      code: 'FIELD_INVALID',
      field: 'categories',
      message: `平台类别不在本批次范围内：${unknown.join('、')}`,
    });

  if (input.form.channel === 'designated_area') {
    const area = config.designatedAreas.find((a) => a.id === input.form.designatedAreaId);
    if (!area)
      issues.push({ code: 'DESIGNATED_AREA_MISSING', field: 'designatedAreaId', message: '请选择平台所在的特定区域' });
    else if (area.authorityCode !== input.authorityCode)
      issues.push({
        code: 'DESIGNATED_AREA_INVALID',
        field: 'designatedAreaId',
        message: `特定区域“${area.name}”不属于本单位所在的省辖市`,
      });
  }
  if (input.form.channel === 'lab' && !input.evidenceTypesPresent.has('lab_recognition')) {
    issues.push({
      code: 'EVIDENCE_MISSING',
      field: 'lab_recognition',
      message: '以实验室渠道申报须上传工信部实验室认定文件',
    });
  }

  if (input.rosterCount === 0)
    issues.push({ code: 'ROSTER_MISSING', field: 'enterprisesServedLastYear', message: '请导入上年度服务企业名单' });
  if (input.institutions.length === 0)
    issues.push({ code: 'INSTITUTIONS_MISSING', field: 'institutions', message: '请填写集聚服务机构名单' });
  input.institutions.forEach((inst, i) => {
    if (!isValidUscc(inst.uscc))
      issues.push({
        code: 'INSTITUTION_USCC_INVALID',
        field: `institutions.${i}.uscc`,
        message: `集聚服务机构第${i + 1}项（${inst.name}）的统一社会信用代码不正确`,
      });
    if (!inst.agreementFileId)
      issues.push({
        code: 'INSTITUTION_AGREEMENT_MISSING',
        field: `institutions.${i}.agreementFileId`,
        message: `集聚服务机构第${i + 1}项（${inst.name}）缺少合作协议`,
      });
  });

  for (const type of config.evidenceTypes) {
    if (type.required && !input.evidenceTypesPresent.has(type.key))
      issues.push({ code: 'EVIDENCE_MISSING', field: type.key, message: `请上传${type.label}` });
  }
  return issues;
}
