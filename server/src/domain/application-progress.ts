import type { ApplicationOutcome, ApplicationProgress, ApplicationStatus, ProgressStep } from '#contract';
import { beijingDateOf, formatChineseDate } from './calendar.js';

/** What happened to an application and its city's package, as the timeline tells it. */
export interface ApplicationHistory {
  status: ApplicationStatus;
  /** Every submitted version, oldest first. */
  submissions: { version: number; submitted_at: string }[];
  lastReturn: { returned_at: string; summary: string } | undefined;
  rejection: { reason: string; rejected_at: string } | undefined;
  recommendation: { recommended_at: string } | undefined;
  cityPackage:
    | {
        status: 'draft' | 'submitted' | 'returned';
        submitted_at: string | null;
        returned_at: string | null;
        /** 省级受理 of the package; set once, the package then stays submitted. */
        accepted_at: string | null;
      }
    | undefined;
}

/**
 * The outcome once the city has submitted its package: recommended applications are 已报送省厅; every
 * other application submitted at least once is 未获推荐, with the city's reason if it rejected it. Derived
 * from the package's state rather than a status of its own, so a package the province returns takes the
 * outcome back with it until the city submits again.
 */
export function applicationOutcome(h: ApplicationHistory): ApplicationOutcome | null {
  const pkg = h.cityPackage;
  if (pkg?.status !== 'submitted' || !pkg.submitted_at || h.status === 'draft') return null;
  if (h.status === 'recommended') return { kind: 'forwarded', label: '已报送省厅', reason: null, at: pkg.submitted_at };
  return { kind: 'not_recommended', label: '未获推荐', reason: h.rejection?.reason ?? null, at: pkg.submitted_at };
}

/** What follows 省级受理 (domain §10): 专家评审, then 公示 before the list is decided. */
const ACCEPTED_NOTE = '省工业和信息化厅已受理；下一步为专家评审，评审结果经公示后确定认定名单';

const step = (
  key: ProgressStep['key'],
  label: string,
  state: ProgressStep['state'],
  at: string | null = null,
  note: string | null = null,
): ProgressStep => ({ key, label, at, state, note });

/** The timeline: 提交 → 市级审核 → 退回/推荐/不予推荐 → 已报送省厅 → 省级受理, each with its date. */
export function applicationProgress(h: ApplicationHistory): ApplicationProgress {
  const outcome = applicationOutcome(h);
  const last = h.submissions.at(-1);
  const submitted = last
    ? step(
        'submitted',
        '提交申报',
        'done',
        last.submitted_at,
        last.version > 1
          ? `第${last.version}次提交（首次提交：${formatChineseDate(beijingDateOf(new Date(h.submissions[0]!.submitted_at)))}）`
          : null,
      )
    : step('submitted', '提交申报', 'current');
  if (!last) {
    return {
      steps: [
        submitted,
        step('city_review', '市级审核', 'pending'),
        step('decision', '推荐结果', 'pending'),
        step('forwarded', '报送省厅', 'pending'),
        step('province', '省级受理', 'pending'),
      ],
      outcome,
    };
  }
  const underReview = h.status === 'submitted' && !outcome;
  const review = step('city_review', '市级审核', underReview ? 'current' : 'done', last.submitted_at);
  let decision: ProgressStep;
  if (h.status === 'returned' && !outcome)
    decision = step(
      'decision',
      '退回修改',
      'current',
      h.lastReturn?.returned_at ?? null,
      h.lastReturn?.summary ?? null,
    );
  else if (h.status === 'recommended')
    decision = step('decision', '市级推荐', 'done', h.recommendation?.recommended_at ?? null);
  else if (h.status === 'not_recommended')
    decision = step('decision', '不予推荐', 'failed', h.rejection?.rejected_at ?? null, h.rejection?.reason ?? null);
  else if (outcome) decision = step('decision', '未获推荐', 'failed', outcome.at, null);
  else decision = step('decision', '推荐结果', 'pending');

  let forwarded: ProgressStep;
  let province: ProgressStep;
  if (outcome?.kind === 'forwarded') {
    forwarded = step('forwarded', '已报送省厅', 'done', outcome.at);
    const acceptedAt = h.cityPackage?.accepted_at ?? null;
    province = acceptedAt
      ? step('province', '省级受理', 'done', acceptedAt, ACCEPTED_NOTE)
      : step('province', '省级受理', 'current', null, '等待省工业和信息化厅受理');
  } else if (outcome || h.status === 'not_recommended') {
    forwarded = step('forwarded', '报送省厅', 'skipped');
    province = step('province', '省级受理', 'skipped');
  } else {
    const returnedByProvince = h.status === 'recommended' && h.cityPackage?.status === 'returned';
    forwarded = returnedByProvince
      ? step('forwarded', '报送省厅', 'current', h.cityPackage!.returned_at, '省厅退回了本市推荐材料，待市级重新报送')
      : step('forwarded', '报送省厅', h.status === 'recommended' ? 'current' : 'pending');
    province = step('province', '省级受理', 'pending');
  }
  return { steps: [submitted, review, decision, forwarded, province], outcome };
}
