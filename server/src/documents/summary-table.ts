import type { ApplicationDraft, BatchConfig } from '#contract';
import { categoryExamples, designatedAreaKindLabel } from '#contract';
import { formatChineseDate } from '../domain/calendar.js';

/**
 * 附件2 推荐…示范平台汇总表: the view model of the form, built from the recorded data and rendered to
 * Excel (and PDF) by the renderers. Column order and words are the notice's.
 */
export const summaryColumns = [
  '序号',
  '平台名称',
  '运营单位名称',
  '平台类别',
  '注册登记时间',
  '资产总额',
  '服务人员数量',
  '集聚服务机构数量',
  '优惠服务占比',
  '年服务企业数',
  '是否现场核查',
  '是否与单位主要负责人面谈',
  '备注',
] as const;

/** Province-wide only: the city that recommended the row, so labs and designated areas are unambiguous. */
export const recommenderColumn = '推荐单位';

export type SummaryColumn = (typeof summaryColumns)[number] | typeof recommenderColumn;

/** The issuer of the province's table of all cities: a value no city's name can be. */
export const PROVINCE_WIDE = { province: true } as const;
const PROVINCE_NAME = '河南省工业和信息化厅';

export interface SummaryRow {
  seq: number;
  platformName: string;
  operatorName: string;
  categories: string;
  registeredOn: string;
  registeredOnText: string;
  totalAssetsWan: number;
  serviceStaff: number;
  institutions: number;
  /** 0–100 */
  preferentialSharePercent: number;
  enterprisesServed: number;
  siteChecked: '是' | '否';
  interviewed: '是' | '否';
  remark: string;
  authorityName: string;
}

export interface SummaryTable {
  /** The attachment label printed at the top left, as the notice numbers the form. */
  label: string;
  title: string;
  sealLine: string;
  provinceWide: boolean;
  columns: readonly SummaryColumn[];
  rows: SummaryRow[];
  notes: string[];
}

export interface RecommendedPlatform {
  form: ApplicationDraft;
  unitName: string;
  authorityCode: string;
  authorityName: string;
  institutions: number;
  rosterCount: number;
  siteCheckComplete: boolean;
  interviewed: boolean;
  channel: 'quota' | 'designated_area' | 'lab';
  designatedAreaId: string | null;
}

/** 「2.平台类别请填写信息、技术、培训、创业、融资等服务功能。」 for 2022, from the batch's categories. */
export function categoriesNote(categories: readonly string[]): string {
  const named = categoryExamples(categories);
  return named.length > 0 ? `2.平台类别请填写${named.join('、')}等服务功能。` : '2.平台类别请填写服务功能。';
}

const LAB_WORDS = '工信部认定工业产品质量控制和技术评价实验室';

/** 备注 in the words of note 5: the city's quota, or the designated area's kind (and name), or lab. */
export function channelRemark(
  p: Pick<RecommendedPlatform, 'channel' | 'designatedAreaId' | 'authorityName'>,
  config: BatchConfig,
): string {
  if (p.channel === 'lab') return LAB_WORDS;
  if (p.channel === 'designated_area') {
    const area = config.designatedAreas.find((a) => a.id === p.designatedAreaId);
    return area ? `${designatedAreaKindLabel(config, area.kind)}（${area.name}）` : '特定区域';
  }
  return `${p.authorityName}推荐名额`;
}

/**
 * The table of one city (`issuer` is its name; null leaves the name blank to be written in), or the
 * province's table of all cities (`issuer` is PROVINCE_WIDE): the province compiles it and seals nothing,
 * so its line names the compiler instead of a city's seal, and a column names each row's city.
 */
export function buildSummaryTable(
  year: number,
  config: BatchConfig,
  platforms: readonly RecommendedPlatform[],
  issuer: string | null | typeof PROVINCE_WIDE,
): SummaryTable {
  const r = config.rules;
  const provinceWide = issuer === PROVINCE_WIDE;
  return {
    label: '附件2',
    title: `推荐${year}年度河南省中小企业公共服务示范平台汇总表`,
    sealLine: provinceWide
      ? `汇总单位：${PROVINCE_NAME}`
      : `省辖市、济源示范区中小企业主管部门：${issuer ?? ''}（盖章）`,
    provinceWide,
    columns: provinceWide ? ['序号', recommenderColumn, ...summaryColumns.slice(1)] : summaryColumns,
    rows: platforms.map((p, i) => ({
      seq: i + 1,
      platformName: p.form.platformName ?? '',
      operatorName: p.unitName,
      categories: (p.form.categories ?? []).join('、'),
      registeredOn: p.form.registeredOn ?? '',
      registeredOnText: p.form.registeredOn ? formatChineseDate(p.form.registeredOn) : '',
      totalAssetsWan: p.form.totalAssetsWan ?? 0,
      serviceStaff: p.form.serviceStaff ?? 0,
      institutions: p.institutions,
      preferentialSharePercent: p.form.preferentialSharePercent ?? 0,
      enterprisesServed: p.rosterCount,
      siteChecked: p.siteCheckComplete ? '是' : '否',
      interviewed: p.interviewed ? '是' : '否',
      remark: channelRemark(p, config),
      authorityName: p.authorityName,
    })),
    notes: [
      `注：1.平台名称中不得含有“${r.forbiddenWord}”字样。`,
      categoriesNote(config.categories),
      `3.运营单位注册登记时间${r.minRegistrationYears}年以上，上年末资产总额不低于${r.minAssetsWan}万元，服务人员不少于${r.minServiceStaff}人，集聚服务机构${r.minInstitutions}家以上，优惠服务占比不低于${r.minPreferentialSharePercent}%，年服务企业数量不低于${r.minEnterprisesServed}家。`,
      '4.现场核查、与单位负责人面谈需由省辖市、济源示范区工业和信息化主管部门完成。',
      `5.备注项列明属于省辖市（济源示范区）推荐名额；或者属于${[...config.designatedAreaKinds.map((k) => k.label), LAB_WORDS].join('、')}。`,
    ],
  };
}
