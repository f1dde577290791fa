import { Space, Tag, Typography } from 'antd';
import type { ReviewItemView, Verdict } from '#contract';
import { VERDICT_COLORS } from '../reviewLabels';

/** How many items are checked, and how many of each verdict. */
export function FindingTally({ items }: { items: ReviewItemView[] }) {
  const count = (v: Verdict) => items.filter((i) => i.finding?.verdict === v).length;
  const done = items.filter((i) => i.finding).length;
  return (
    <Space size={6} wrap className="finding-tally" data-testid="finding-tally">
      <Typography.Text>
        已审核 <strong>{done}</strong> / {items.length} 项
      </Typography.Text>
      <Tag color={VERDICT_COLORS.pass}>符合 {count('pass')}</Tag>
      <Tag color={VERDICT_COLORS.fail}>不符合 {count('fail')}</Tag>
      <Tag color={VERDICT_COLORS.doubt}>存疑 {count('doubt')}</Tag>
    </Space>
  );
}
