import { recognitionStatuses, type PublicityWindow, type RecognitionStatus } from '#contract';
import { formatChineseDateTime } from './calendar.js';
import { AppError } from './errors.js';
import { windowPhase } from './working-days.js';

/**
 * The state machine of a recognised platform, one record per period of validity:
 *
 *   candidate ──publicize──▶ publicized ──recognize──▶ recognized ──order_rectification──▶ in_rectification
 *                                │                      │   ▲                                   │
 *                             withdraw                  │   └────────accept_rectification───────┤
 *                                ▼                      ├──revoke──▶ revoked ◀──────revoke──────┤
 *                            withdrawn                  └──expire──▶ expired ◀──────expire──────┘
 *                                                                       │
 *                                                                     renew
 *                                                                       ▼
 *                                                                    renewed
 *
 * A candidate is what the review round proposed (建议认定); 公示 puts it on the public list; an upheld objection
 * takes it off (withdrawn); 认定 is guarded (`recognitionBlockers`). A recognised platform may be ordered to
 * rectify (整改, with a deadline) and is then either accepted back or revoked; it may also be revoked directly
 * (a missed yearly report). At the end of validity it expires, in rectification or not — the certificate's
 * dates do not wait for a rectification; 复核 passed makes the expired record `renewed` and starts a new
 * record for the next period, which goes through 公示 and 认定 again.
 */
export const recognitionTransitions = {
  publicize: { from: ['candidate'], to: 'publicized' },
  withdraw: { from: ['publicized'], to: 'withdrawn' },
  recognize: { from: ['publicized'], to: 'recognized' },
  order_rectification: { from: ['recognized'], to: 'in_rectification' },
  accept_rectification: { from: ['in_rectification'], to: 'recognized' },
  revoke: { from: ['recognized', 'in_rectification'], to: 'revoked' },
  expire: { from: ['recognized', 'in_rectification'], to: 'expired' },
  renew: { from: ['expired'], to: 'renewed' },
} as const satisfies Record<string, { from: readonly RecognitionStatus[]; to: RecognitionStatus }>;

export type RecognitionEvent = keyof typeof recognitionTransitions;

/** The statuses from which `event` is allowed: what a repository's conditional UPDATE matches. */
export const recognitionSourcesOf = (event: RecognitionEvent): RecognitionStatus[] => [
  ...recognitionTransitions[event].from,
];

const eventLabels: Record<RecognitionEvent, string> = {
  publicize: '公示',
  withdraw: '移出名单',
  recognize: '认定',
  order_rectification: '责令整改',
  accept_rectification: '整改验收通过',
  revoke: '撤销认定',
  expire: '到期',
  renew: '复核续期',
};

export function nextRecognitionStatus(current: RecognitionStatus, event: RecognitionEvent): RecognitionStatus {
  const t = recognitionTransitions[event];
  if (!(t.from as readonly string[]).includes(current)) {
    throw new AppError('INVALID_TRANSITION', `平台当前为“${recognitionStatuses[current]}”，不能${eventLabels[event]}`, {
      from: current,
      event,
    });
  }
  return t.to;
}

/** Whether the platform holds the title now (the public list of recognised platforms). */
export const holdsTitle = (status: RecognitionStatus): boolean =>
  status === 'recognized' || status === 'in_rectification';

export type RecognitionBlockerCode = 'PUBLICITY_NOT_STARTED' | 'PUBLICITY_OPEN' | 'OBJECTION_OPEN';

export interface RecognitionBlocker {
  code: RecognitionBlockerCode;
  message: string;
}

export interface RecognitionGate {
  /** The 公示 window of the list the platform is on. */
  window: Pick<PublicityWindow, 'startsAt' | 'endsAt'>;
  /** Receipt numbers of the objections about this platform that are not closed. */
  openObjections: readonly string[];
  now: Date;
}

/** Why 认定 cannot be issued now: before or during the window, or while an objection is open. */
export function recognitionBlockers(gate: RecognitionGate): RecognitionBlocker[] {
  const blockers: RecognitionBlocker[] = [];
  const phase = windowPhase(gate.window, gate.now);
  if (phase === 'before') {
    blockers.push({
      code: 'PUBLICITY_NOT_STARTED',
      message: `公示自${formatChineseDateTime(new Date(gate.window.startsAt))}开始，未经公示不能认定`,
    });
  } else if (phase === 'open') {
    blockers.push({
      code: 'PUBLICITY_OPEN',
      message: `公示期至${formatChineseDateTime(new Date(gate.window.endsAt))}结束，公示期内不能认定`,
    });
  }
  if (gate.openObjections.length) {
    blockers.push({
      code: 'OBJECTION_OPEN',
      message: `关于该平台的异议尚未办结（受理编号：${gate.openObjections.join('、')}），异议办结前不能认定`,
    });
  }
  return blockers;
}

/** 认定 of one platform: the transition and its guard; every reason is named in the error. */
export function recognize(current: RecognitionStatus, gate: RecognitionGate): RecognitionStatus {
  const next = nextRecognitionStatus(current, 'recognize');
  const blockers = recognitionBlockers(gate);
  if (blockers.length) {
    throw new AppError('INVALID_TRANSITION', blockers.map((b) => b.message).join('；'), { blockers });
  }
  return next;
}
