import { formatChineseDate, formatChineseDateTime } from './calendar.js';
import { acceptanceDate } from './package-acceptance.js';

/** What a use case reports, in its transaction, for the notification job to tell the people concerned. */
export type NotificationEvent =
  | { kind: 'application.returned'; applicationId: string; summary: string }
  | { kind: 'application.resubmitted'; applicationId: string; version: number }
  | { kind: 'application.recommended'; applicationId: string }
  | { kind: 'application.not_recommended'; applicationId: string; reason: string }
  | { kind: 'application.recommendation_withdrawn'; applicationId: string }
  | { kind: 'package.submitted'; batchId: string; authorityCode: string; platforms: number }
  | { kind: 'package.returned'; batchId: string; authorityCode: string; remarks: string }
  | { kind: 'package.accepted'; batchId: string; authorityCode: string; version: number; acceptedAt: string }
  | { kind: 'deadline.exception_granted'; batchId: string; authorityCode: string; endsAt: string }
  | { kind: 'annual-report.submitted'; recognitionId: string; year: number }
  | { kind: 'annual-report.city_checked'; recognitionId: string; year: number }
  | { kind: 'annual-report.evaluated'; recognitionId: string; year: number; result: 'pass' | 'fail'; remark: string }
  | { kind: 'rectification.ordered'; recognitionId: string; year: number; deadline: string; reason: string }
  | { kind: 'recognition.revoked'; recognitionId: string; reason: string };

/** A notification's words and where it leads in the web app. */
export interface NotificationText {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

const PROVINCE = '省工业和信息化厅';
/** How an applicant's notification names its city's authority: 洛阳市 → 洛阳市工业和信息化主管部门. */
const cityAuthority = (authority: string) => `${authority}工业和信息化主管部门`;

export const notificationTexts = {
  returned: (authority: string, summary: string): NotificationText => ({
    kind: 'application.returned',
    title: '申报被退回修改',
    body: `${cityAuthority(authority)}退回了您的申报：${summary}。请按意见修改后重新提交。`,
    link: '/applicant',
  }),
  resubmitted: (unit: string, version: number, applicationId: string): NotificationText => ({
    kind: 'application.resubmitted',
    title: '申报已重新提交',
    body: `${unit}已按退回意见修改并重新提交申报（第${version}版），请审核。`,
    link: `/city/applications/${applicationId}`,
  }),
  recommended: (authority: string): NotificationText => ({
    kind: 'application.recommended',
    title: '申报已获市级推荐',
    body: `${cityAuthority(authority)}已推荐您的申报，将随本市推荐材料报送${PROVINCE}。`,
    link: '/applicant',
  }),
  notRecommended: (authority: string, reason: string | null): NotificationText => ({
    kind: 'application.not_recommended',
    title: '申报未获推荐',
    body: `${cityAuthority(authority)}决定不予推荐您的申报。${reason ? `理由：${reason}` : ''}`.trim(),
    link: '/applicant',
  }),
  withdrawn: (authority: string): NotificationText => ({
    kind: 'application.recommendation_withdrawn',
    title: '市级推荐已撤回',
    body: `${cityAuthority(authority)}撤回了对您申报的推荐，申报回到市级审核中。`,
    link: '/applicant',
  }),
  forwarded: (authority: string): NotificationText => ({
    kind: 'application.forwarded',
    title: '申报已报送省厅',
    body: `${cityAuthority(authority)}已将您的申报随本市推荐材料报送${PROVINCE}，等待省级受理。`,
    link: '/applicant',
  }),
  notForwarded: (authority: string, reason: string | null): NotificationText => ({
    kind: 'application.not_forwarded',
    title: '申报未获推荐',
    body: `${cityAuthority(authority)}已报送本市推荐材料，您的申报不在推荐之列。${reason ? `理由：${reason}` : ''}`.trim(),
    link: '/applicant',
  }),
  packageSubmitted: (authority: string, platforms: number, authorityCode: string): NotificationText => ({
    kind: 'package.submitted',
    title: `${authority}已报送推荐材料`,
    body: `${authority}报送了本市推荐材料，共推荐 ${platforms} 个平台，请受理。`,
    link: `/province/packages/${authorityCode}`,
  }),
  packageReturned: (remarks: string): NotificationText => ({
    kind: 'package.returned',
    title: '推荐材料被省厅退回',
    body: `${PROVINCE}退回了本市推荐材料：${remarks}。请修改后在截止时间前重新报送。`,
    link: '/city/package',
  }),
  packageAccepted: (acceptedAt: string): NotificationText => ({
    kind: 'package.accepted',
    title: '推荐材料已获省厅受理',
    body: `${PROVINCE}已于${acceptanceDate(acceptedAt)}受理本市推荐材料，下一步组织专家评审，评审结果经公示后确定。`,
    link: '/city/package',
  }),
  acceptedForApplicant: (authority: string, acceptedAt: string): NotificationText => ({
    kind: 'application.accepted',
    title: '申报已获省级受理',
    body: `${PROVINCE}已于${acceptanceDate(acceptedAt)}受理${cityAuthority(authority)}报送的推荐材料，您的申报进入省级评审：下一步为专家评审，评审结果经公示后确定。`,
    link: '/applicant',
  }),
  exceptionGranted: (endsAt: string): NotificationText => ({
    kind: 'deadline.exception_granted',
    title: '已同意延期报送',
    body: `${PROVINCE}同意本市延期报送推荐材料，截止时间：${formatChineseDateTime(new Date(endsAt))}。`,
    link: '/city/package',
  }),
  annualReportSubmitted: (platform: string, year: number): NotificationText => ({
    kind: 'annual-report.submitted',
    title: `${platform}已提交${year}年度报告`,
    body: `${platform}提交了${year}年度报告，请核查其服务质量、服务收费和服务满意度。`,
    link: '/city/annual-reports',
  }),
  annualReportChecked: (platform: string, year: number, authority: string): NotificationText => ({
    kind: 'annual-report.city_checked',
    title: `${platform}${year}年度报告已经市级核查`,
    body: `${cityAuthority(authority)}已核查${platform}的${year}年度报告，请评价。`,
    link: '/province/annual-reports',
  }),
  annualReportEvaluated: (year: number, passed: boolean, remark: string): NotificationText => ({
    kind: 'annual-report.evaluated',
    title: `${year}年度报告评价：${passed ? '合格' : '不合格'}`,
    body: `${PROVINCE}评价您的${year}年度报告为${passed ? '合格' : '不合格'}${remark ? `：${remark}` : ''}。`,
    link: '/applicant/annual-reports',
  }),
  rectificationOrdered: (year: number, deadline: string, reason: string): NotificationText => ({
    kind: 'rectification.ordered',
    title: '示范平台被责令整改',
    body: `${PROVINCE}就${year}年度要求您的平台限期整改：${reason}。请于${formatChineseDate(deadline)}前完成整改并在系统中报告整改情况。`,
    link: '/applicant/annual-reports',
  }),
  recognitionRevoked: (platform: string, reason: string): NotificationText => ({
    kind: 'recognition.revoked',
    title: '示范平台认定已撤销',
    body: `${PROVINCE}撤销了${platform}的河南省中小企业公共服务示范平台认定：${reason}。证书自即日起失效。`,
    link: '/applicant/annual-reports',
  }),
  applicationDeadline: (days: number, deadline: string): NotificationText => ({
    kind: 'deadline.application',
    title: `申报截止还有 ${days} 天`,
    body: `本批次申报将于${formatChineseDateTime(new Date(deadline))}截止，您的申报尚未提交。`,
    link: '/applicant',
  }),
  cityDeadline: (days: number, deadline: string): NotificationText => ({
    kind: 'deadline.city',
    title: `推荐材料报送截止还有 ${days} 天`,
    body: `本市推荐材料须于${formatChineseDateTime(new Date(deadline))}前报送${PROVINCE}，目前尚未报送。`,
    link: '/city/package',
  }),
};

/** Reminders go out when a deadline is this many days away or closer. */
export const REMINDER_DAYS = [7, 3, 1] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The reminder due at `now` for a deadline: the smallest threshold the time left is within (a job that
 * did not run at 7 days but runs at 2 sends the 3-day one, not both); null once the deadline has passed
 * or while it is more than 7 days away.
 */
export function reminderDue(now: Date, deadline: string): number | null {
  const left = Date.parse(deadline) - now.getTime();
  if (left <= 0) return null;
  const within = REMINDER_DAYS.filter((d) => left <= d * DAY_MS);
  return within.length ? Math.min(...within) : null;
}

/** Retry delay after `attempts` failures: 30 s, 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/** Emails are given up after this many failed attempts (the notification stays in the app). */
export const MAX_EMAIL_ATTEMPTS = 8;
