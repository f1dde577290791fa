import { ApiError } from '../../api/client';

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

/** The server's refusal of an action as an alert shows it: a headline, and the server's message when it says more. */
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
