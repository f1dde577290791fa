import { FIELD_LABELS, type ApplicationDraft, type BatchConfig, type Channel } from '#contract';
import { formatChineseDate } from '../domain/calendar.js';
import { maskPhone } from '../domain/masking.js';
import { channelRemark } from './summary-table.js';

/**
 * 申报书: the application as the operating unit prints, seals and signs it and sends on paper with the
 * city's recommendation. The view model, rendered to PDF (application-dossier-pdf.ts) and Word
 * (application-dossier-docx.ts). Before submission it is the live draft, marked 草稿; after, the latest
 * submitted version.
 */
export interface ApplicationDossier {
  title: string;
  /** 2022年度 */
  yearText: string;
  platformName: string;
  unitName: string;
  cityName: string;
  /** 申报日期 in 年月日 (Beijing), null while not submitted: a blank to be written in. */
  submittedOnText: string | null;
  receiptNo: string | null;
  /** Not submitted (draft or returned): every page carries the 草稿 watermark. */
  draft: boolean;
  /** 一、基本情况: the form, label and value. */
  fields: { label: string; value: string }[];
  description: string[];
  institutions: { name: string; uscc: string; agreement: string }[];
  rosterSummary: {
    count: number;
    servedFrom: string;
    servedTo: string;
    byService: { service: string; count: number }[];
  };
  /** The full roster, phones masked (personal data). */
  roster: {
    enterpriseName: string;
    uscc: string;
    contactName: string;
    position: string;
    phone: string;
    service: string;
    servedOn: string;
  }[];
  evidence: { type: string; name: string; size: string; sha256: string; sm3: string }[];
}

export const DOSSIER_TITLE = '河南省中小企业公共服务示范平台申报书';
export const WATERMARK_TEXT = '草稿';
/** The round seal of an operating unit is up to 42 mm across: the cover leaves that much room beside （盖章）. */
export const SEAL_MM = 42;
export const PENDING_DIGEST = '（摘要计算中）';
export const ROSTER_NOTE =
  '注：联系电话属个人信息，本名单按个人信息保护要求脱敏显示（保留前三位与后四位）；完整名单以申报系统中的记录为准。';

/** The sections in order, as the table of contents lists them. */
export const dossierSections = [
  '一、基本情况',
  '二、服务内容与资源简介',
  '三、集聚服务机构',
  '四、服务企业情况',
  '五、申报材料清单',
  '附录  服务企业名单',
] as const;
export type DossierSection = (typeof dossierSections)[number];

/** The columns of the tables, shared by both renderers. */
export const institutionColumns = ['序号', '机构名称', '统一社会信用代码', '合作协议'] as const;
export const serviceColumns = ['服务内容', '企业数（家）'] as const;
export const evidenceColumns = ['序号', '材料类型', '文件名称', '大小', '摘要值（SHA-256 / SM3）'] as const;
export const rosterColumns = [
  '序号',
  '企业名称',
  '统一社会信用代码',
  '联系人',
  '职务',
  '联系电话',
  '服务内容',
  '服务时间',
] as const;

export interface DossierInput {
  year: number;
  config: BatchConfig;
  form: ApplicationDraft;
  unitName: string;
  uscc: string;
  regionName: string;
  cityName: string;
  institutions: readonly { name: string; uscc: string; agreementName: string | null }[];
  roster: readonly {
    enterprise_name: string;
    uscc: string;
    contact_name: string;
    position: string;
    phone: string;
    service: string;
    served_on: string;
  }[];
  evidence: readonly {
    evidenceType: string;
    originalName: string;
    sizeBytes: number;
    sha256: string | null;
    sm3: string | null;
  }[];
  /** The day of submission in Beijing (YYYY-MM-DD), null before submission. */
  submittedOn: string | null;
  receiptNo: string | null;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dateText = (value: string | undefined) =>
  value && isoDay.test(value) ? formatChineseDate(value) : (value ?? '');
const numberText = (value: number | null | undefined, unit: string) =>
  value === null || value === undefined ? '' : `${value}${unit}`;

/** 1536 → 1.5 KB: the size as the applicant's file manager shows it. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A 64-digit digest in two lines of 32, so it wraps in the same place in every column and renderer. */
export function digestLines(hex: string): string[] {
  return hex.length > 32 ? [hex.slice(0, 32), hex.slice(32)] : [hex];
}

export function buildApplicationDossier(input: DossierInput): ApplicationDossier {
  const { form } = input;
  const label = (key: string) => FIELD_LABELS[key] ?? key;
  const channel = form.channel as Channel | undefined;
  const fields: ApplicationDossier['fields'] = [
    { label: label('platformName'), value: form.platformName ?? '' },
    { label: label('operatorName'), value: input.unitName },
    { label: label('uscc'), value: input.uscc },
    { label: label('regionCode'), value: input.regionName },
    { label: '推荐单位', value: input.cityName },
    { label: label('categories'), value: (form.categories ?? []).join('、') },
    { label: label('registeredOn'), value: dateText(form.registeredOn) },
    { label: label('address'), value: form.address ?? '' },
    { label: label('legalRepresentative'), value: form.legalRepresentative ?? '' },
    { label: label('principalName'), value: form.principalName ?? '' },
    { label: label('principalTitle'), value: form.principalTitle ?? '' },
    { label: label('contactName'), value: form.contactName ?? '' },
    { label: label('contactPhone'), value: form.contactPhone ?? '' },
    {
      label: label('channel'),
      value: channel
        ? channelRemark(
            { channel, designatedAreaId: form.designatedAreaId ?? null, authorityName: input.cityName },
            input.config,
          )
        : '',
    },
    { label: label('totalAssetsWan'), value: numberText(form.totalAssetsWan, '万元') },
    { label: label('serviceStaff'), value: numberText(form.serviceStaff, '人') },
    { label: label('preferentialSharePercent'), value: numberText(form.preferentialSharePercent, '%') },
    { label: label('institutions'), value: `${input.institutions.length}家` },
    { label: label('enterprisesServedLastYear'), value: `${input.roster.length}家` },
  ];
  const byService = new Map<string, number>();
  for (const r of input.roster) byService.set(r.service, (byService.get(r.service) ?? 0) + 1);
  const served = input.roster.map((r) => r.served_on).filter((d) => isoDay.test(d));
  served.sort();
  const typeLabel = (key: string) => input.config.evidenceTypes.find((t) => t.key === key)?.label ?? key;
  return {
    title: DOSSIER_TITLE,
    yearText: `${input.year}年度`,
    platformName: form.platformName ?? '',
    unitName: input.unitName,
    cityName: input.cityName,
    submittedOnText: input.submittedOn ? formatChineseDate(input.submittedOn) : null,
    receiptNo: input.receiptNo,
    draft: input.submittedOn === null,
    fields,
    description: (form.description ?? '').split(/\r?\n/).filter((p) => p.trim() !== ''),
    institutions: input.institutions.map((i) => ({
      name: i.name,
      uscc: i.uscc,
      agreement: i.agreementName ?? '未上传',
    })),
    rosterSummary: {
      count: input.roster.length,
      servedFrom: served.length ? formatChineseDate(served[0]!) : '',
      servedTo: served.length ? formatChineseDate(served.at(-1)!) : '',
      byService: [...byService]
        .map(([service, count]) => ({ service: service || '（未填写）', count }))
        .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service, 'zh-CN')),
    },
    roster: input.roster.map((r) => ({
      enterpriseName: r.enterprise_name,
      uscc: r.uscc,
      contactName: r.contact_name,
      position: r.position,
      phone: maskPhone(r.phone),
      service: r.service,
      servedOn: dateText(r.served_on),
    })),
    evidence: input.evidence.map((e) => ({
      type: typeLabel(e.evidenceType),
      name: e.originalName,
      size: sizeText(e.sizeBytes),
      sha256: e.sha256 ?? PENDING_DIGEST,
      sm3: e.sm3 ?? PENDING_DIGEST,
    })),
  };
}

/** The summary paragraph of 四、服务企业情况. */
export function rosterSummaryText(d: ApplicationDossier): string {
  const s = d.rosterSummary;
  const span = s.servedFrom ? `，服务时间自${s.servedFrom}至${s.servedTo}` : '';
  return `上年度服务企业共${s.count}家${span}。按服务内容统计如下；企业名单见附录。`;
}
