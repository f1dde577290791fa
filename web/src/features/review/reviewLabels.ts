import { channels, type BatchConfig, type Channel, type Verdict } from '#contract';
import { ApiError } from '../../api/client';

export const VERDICT_COLORS: Record<Verdict, string> = { pass: 'green', fail: 'red', doubt: 'orange' };

/** 市推荐名额 / 特定区域：濮阳市 / 工信部认定实验室 */
export function channelText(channel: Channel | string | null | undefined, areaName?: string | null): string {
  if (!channel) return '—';
  const label = (channels as Record<string, string>)[channel] ?? channel;
  return areaName ? `${label}：${areaName}` : label;
}

export function areaName(config: BatchConfig | undefined, areaId: string | null | undefined): string | null {
  if (!areaId) return null;
  return config?.designatedAreas.find((a) => a.id === areaId)?.name ?? areaId;
}

/** `evidence:<file id>` → the file id; rules give null. */
export function evidenceFileIdOf(itemKey: string): string | null {
  return itemKey.startsWith('evidence:') ? itemKey.slice('evidence:'.length) : null;
}

/** `rule:ASSETS_BELOW_MIN` → ASSETS_BELOW_MIN; evidence gives null. */
export function ruleCodeOf(itemKey: string): string | null {
  return itemKey.startsWith('rule:') ? itemKey.slice('rule:'.length) : null;
}

/** Refusals the review and the package answer with 409, each with a headline an official reads at a glance. */
const REFUSAL_TITLES: Record<string, string> = {
  QUOTA_EXHAUSTED: '推荐名额已用完',
  AREA_TAKEN: '该特定区域已推荐其他平台',
  NOT_READY: '尚不能推荐',
  NOT_ELIGIBLE: '不符合申报条件，不能推荐',
  DEADLINE_PASSED: '已过报送截止时间，省厅不予受理',
  PACKAGE_LOCKED: '推荐材料已报送省厅，不能修改',
  INVALID_TRANSITION: '当前状态下不能执行该操作',
  SURVEY_ALREADY_DRAWN: '已随机抽取过测评企业，不能重抽',
};

export interface Refusal {
  code: string;
  title: string;
  message: string;
}

export function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError) {
    const title = REFUSAL_TITLES[error.code] ?? error.message;
    return { code: error.code, title, message: title === error.message ? '' : error.message };
  }
  return { code: 'UNKNOWN', title: error instanceof Error ? error.message : '操作失败', message: '' };
}
