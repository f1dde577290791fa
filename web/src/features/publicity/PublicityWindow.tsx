import { Tag } from 'antd';
import { publicityDayUnits, type PublicityPhase, type PublicityWindow } from '#contract';
import { formatDateTime, formatDeadline } from '../common/format';

const PHASE_COLORS: Record<PublicityPhase, string> = { before: 'default', open: 'green', closed: 'default' };

/** The 公示's live state as the server judges it at its clock (Beijing time, to the second). */
export function PhaseTag({ phase, label }: { phase: PublicityPhase; label: string }) {
  return (
    <Tag color={PHASE_COLORS[phase]} className="publicity-phase" data-phase={phase}>
      {label}
    </Tag>
  );
}

/** 5个工作日，自2023年4月28日 09:00起至2023年5月8日 23:59:59止（北京时间）. */
export function windowText(days: number, unit: 'calendar' | 'working', window: PublicityWindow): string {
  return (
    `${days}个${publicityDayUnits[unit]}，自${formatDateTime(window.startsAt)}起` +
    `至${formatDeadline(window.endsAt)}止（北京时间）`
  );
}

/** An objection open or closed. */
export function ObjectionStatusTag({ objection }: { objection: { status: 'open' | 'closed' } }) {
  return objection.status === 'open' ? <Tag color="orange">办理中</Tag> : <Tag>已办结</Tag>;
}
