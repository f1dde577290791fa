import {
  evidenceMaxMbRange,
  evidenceTypesUsedByCode,
  type BatchConfig,
  type FieldError,
  type RuleThresholds,
} from '#contract';
import type { FileKind } from '../storage/content-type.js';
import { recommendingAuthorities, type RoutedRegion } from './routing.js';

/**
 * What a batch's configuration refers to: the authorities (the province and the cities) and the regions, each
 * with its own authority.
 */
export interface BatchReferences {
  authorities: readonly { code: string; name: string; kind: 'province' | 'city' }[];
  regions: readonly RoutedRegion[];
}

/** The file kinds an upload can be recognised as (storage/content-type.ts). */
const fileKinds = ['pdf', 'ofd', 'jpeg', 'png', 'docx', 'xlsx'] as const satisfies readonly FileKind[];

export const ruleLabels: Record<keyof RuleThresholds, string> = {
  forbiddenWord: '平台名称禁用词',
  minRegistrationYears: '注册登记年限下限',
  minAssetsWan: '资产总额下限（万元）',
  minServiceStaff: '服务人员数量下限',
  minInstitutions: '集聚服务机构数量下限',
  minPreferentialSharePercent: '优惠服务占比下限（%）',
  minEnterprisesServed: '上年服务企业数量下限',
  minSurveyed: '满意度测评企业数量下限',
};

/** The names of a configuration's fields as the administrator's form shows them. */
const fieldLabels: Record<string, string> = {
  title: '批次标题',
  notice: '通知',
  noticeDate: '通知日期',
  referenceDate: '注册时间基准日期',
  assetsAsOf: '资产总额时点',
  applicationDeadline: '申报截止时间',
  cityDeadline: '市级报送截止时间',
  categories: '服务类别',
  quota: '推荐名额',
  routing: '推荐路径',
  designatedAreaKinds: '特定区域类型',
  designatedAreas: '特定区域',
  evidenceTypes: '证明材料类型',
};

/** The Chinese name of a field path under `config.` (e.g. `rules.minAssetsWan` → 资产总额下限（万元）). */
export function batchFieldLabel(path: string): string {
  const [head, second] = path.split('.');
  if (head === 'rules' && second && second in ruleLabels) return ruleLabels[second as keyof RuleThresholds];
  return fieldLabels[head!] ?? path;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function validDate(value: string): boolean {
  return isoDate.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

function validInstant(value: string): boolean {
  return isoInstant.test(value) && !Number.isNaN(Date.parse(value));
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/**
 * Everything wrong with a batch's configuration, each error naming its field (`config.` + the path) in
 * Chinese; empty when it may be saved and published. Whether the year is free is the use case's check.
 */
export function validateBatchConfig(config: BatchConfig, refs: BatchReferences): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ field: `config.${path}`, message });
  const cities = new Set(refs.authorities.filter((a) => a.kind === 'city').map((a) => a.code));
  const authorities = new Set(refs.authorities.map((a) => a.code));
  const regions = new Set(refs.regions.map((r) => r.code));

  if (config.title.trim() === '') fail('title', '批次标题：请填写');
  for (const key of ['noticeDate', 'referenceDate', 'assetsAsOf'] as const) {
    if (!validDate(config[key])) fail(key, `${fieldLabels[key]}：须为有效日期（如 2023-11-22）`);
  }
  const deadlines = [
    ['cityDeadline', config.cityDeadline],
    ['applicationDeadline', config.applicationDeadline],
  ] as const;
  for (const [key, value] of deadlines) {
    if (value === null) continue;
    if (!validInstant(value)) {
      fail(key, `${fieldLabels[key]}：须为带时区的时间（如 2023-12-09T23:59:59+08:00）`);
    } else if (validDate(config.noticeDate) && Date.parse(value) < Date.parse(`${config.noticeDate}T00:00:00+08:00`)) {
      fail(key, `${fieldLabels[key]}：不能早于通知日期 ${config.noticeDate}`);
    }
  }
  if (
    config.applicationDeadline !== null &&
    validInstant(config.applicationDeadline) &&
    validInstant(config.cityDeadline) &&
    Date.parse(config.applicationDeadline) > Date.parse(config.cityDeadline)
  ) {
    fail('applicationDeadline', '申报截止时间：不能晚于市级报送截止时间');
  }

  const rules = config.rules;
  if (rules.forbiddenWord.trim() === '') fail('rules.forbiddenWord', `${ruleLabels.forbiddenWord}：请填写`);
  for (const key of Object.keys(ruleLabels) as (keyof RuleThresholds)[]) {
    const value = rules[key];
    if (typeof value === 'number' && value < 0) fail(`rules.${key}`, `${ruleLabels[key]}：不能为负数`);
  }
  if (rules.minPreferentialSharePercent > 100) {
    fail('rules.minPreferentialSharePercent', `${ruleLabels.minPreferentialSharePercent}：不能超过100`);
  }

  if (config.categories.length === 0) fail('categories', '服务类别：至少须有一个类别');
  if (config.categories.some((c) => c.trim() === '')) fail('categories', '服务类别：类别名称不能为空');
  for (const c of duplicates(config.categories)) fail('categories', `服务类别：“${c}”重复`);

  if (config.quota.default < 0) fail('quota.default', '推荐名额：默认名额不能为负数');
  for (const [code, n] of Object.entries(config.quota.byAuthority)) {
    if (!cities.has(code)) fail(`quota.byAuthority.${code}`, `推荐名额：${code} 不是市级主管部门`);
    else if (n < 0) fail(`quota.byAuthority.${code}`, '推荐名额：名额不能为负数');
  }

  for (const [from, to] of Object.entries(config.routing)) {
    if (!regions.has(from)) fail(`routing.${from}`, `推荐路径：区域 ${from} 不存在`);
    else if (!authorities.has(to)) fail(`routing.${from}`, `推荐路径：主管部门 ${to} 不存在`);
    else if (!cities.has(to)) fail(`routing.${from}`, `推荐路径：${to} 不是推荐单位，只能转给市级主管部门`);
  }
  const recommending = new Set(
    recommendingAuthorities(config.routing, refs.regions, refs.authorities).map((a) => a.code),
  );

  const kinds = config.designatedAreaKinds;
  if (kinds.some((k) => k.key.trim() === '' || k.label.trim() === '')) {
    fail('designatedAreaKinds', '特定区域类型：键和名称不能为空');
  }
  for (const key of duplicates(kinds.map((k) => k.key))) fail('designatedAreaKinds', `特定区域类型：键“${key}”重复`);
  const kindKeys = new Set(kinds.map((k) => k.key));
  config.designatedAreas.forEach((area, i) => {
    if (area.id.trim() === '' || area.name.trim() === '') {
      fail(`designatedAreas.${i}`, '特定区域：编号和名称不能为空');
    }
    if (!kindKeys.has(area.kind))
      fail(`designatedAreas.${i}.kind`, `特定区域“${area.name}”：类型 ${area.kind} 不在特定区域类型中`);
    if (!cities.has(area.authorityCode)) {
      fail(`designatedAreas.${i}.authorityCode`, `特定区域“${area.name}”：所属主管部门须为市级主管部门`);
    } else if (!recommending.has(area.authorityCode)) {
      fail(
        `designatedAreas.${i}.authorityCode`,
        `特定区域“${area.name}”：所属主管部门 ${area.authorityCode} 在本批次不推荐平台（推荐路径未把任何区域交给它）`,
      );
    }
  });
  for (const id of duplicates(config.designatedAreas.map((a) => a.id)))
    fail('designatedAreas', `特定区域：编号“${id}”重复`);

  const evidenceKeys = config.evidenceTypes.map((t) => t.key);
  for (const key of duplicates(evidenceKeys)) fail('evidenceTypes', `证明材料类型：键“${key}”重复`);
  for (const [key, use] of Object.entries(evidenceTypesUsedByCode)) {
    if (!evidenceKeys.includes(key)) fail('evidenceTypes', `证明材料类型：不能删除“${key}”（${use}）`);
  }
  config.evidenceTypes.forEach((type, i) => {
    if (type.key.trim() === '' || type.label.trim() === '')
      fail(`evidenceTypes.${i}`, '证明材料类型：键和名称不能为空');
    if (type.accepts.length === 0)
      fail(`evidenceTypes.${i}.accepts`, `证明材料“${type.label}”：至少须接受一种文件类型`);
    const unknown = type.accepts.filter((k) => !(fileKinds as readonly string[]).includes(k));
    if (unknown.length > 0) {
      fail(
        `evidenceTypes.${i}.accepts`,
        `证明材料“${type.label}”：不支持的文件类型 ${unknown.join('、')}（可选 ${fileKinds.join('、')}）`,
      );
    }
    if (!Number.isInteger(type.maxMb) || type.maxMb < evidenceMaxMbRange.min || type.maxMb > evidenceMaxMbRange.max) {
      fail(
        `evidenceTypes.${i}.maxMb`,
        `证明材料“${type.label}”：大小上限须为 ${evidenceMaxMbRange.min}～${evidenceMaxMbRange.max} 之间的整数（MB）`,
      );
    }
  });
  return errors;
}

/** The configuration with its wording (the text fields that judge nothing) and its change list left out. */
function withoutWording(config: BatchConfig): unknown {
  return {
    ...config,
    title: '',
    notice: undefined,
    changes: [],
    designatedAreaKinds: config.designatedAreaKinds.map((k) => ({ ...k, label: '' })),
    designatedAreas: config.designatedAreas.map((a) => ({ ...a, name: '' })),
    evidenceTypes: config.evidenceTypes.map((t) => ({ ...t, label: '' })),
  };
}

function differingPaths(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => differingPaths(item, b[i], path ? `${path}.${i}` : String(i), out));
    return;
  }
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      differingPaths(a[key], b[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
}

/**
 * What a wording correction of a published batch may not change: every field but the title, the notice
 * and the labels of evidence types, designated areas and their kinds (keys stay). One error per field
 * changed; deadlines are moved by an extension only.
 */
export function nonWordingChanges(before: BatchConfig, after: BatchConfig): FieldError[] {
  const paths: string[] = [];
  differingPaths(withoutWording(before), withoutWording(after), '', paths);
  return paths.map((path) => ({
    field: `config.${path}`,
    message:
      path === 'applicationDeadline' || path === 'cityDeadline'
        ? `${batchFieldLabel(path)}：已发布批次只能通过“延长截止时间”推迟`
        : `${batchFieldLabel(path)}：批次已发布，不能修改（会改变资格判定或推荐结果），只能更正文字`,
  }));
}
