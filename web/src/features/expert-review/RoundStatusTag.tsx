import { Tag } from 'antd';
import { reviewRoundStatuses, type ReviewRoundStatus } from '#contract';

const COLORS: Record<ReviewRoundStatus, string> = { draft: 'default', drawn: 'blue', open: 'green', closed: 'purple' };

/** A review round's state: 筹备中, 已抽取专家, 评审中, 已结束. */
export function RoundStatusTag({ status }: { status: ReviewRoundStatus }) {
  return (
    <Tag color={COLORS[status]} data-testid="round-status">
      {reviewRoundStatuses[status]}
    </Tag>
  );
}
