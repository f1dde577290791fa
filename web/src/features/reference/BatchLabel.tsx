import { Space, Tag, Typography } from 'antd';
import type { BatchSummary } from '#contract';

/** A batch's name; the demo copy is always marked so nobody mistakes it for the real call. */
export function BatchLabel({ batch }: { batch: BatchSummary }) {
  return (
    <Space size={6}>
      <Typography.Text>{batch.label}</Typography.Text>
      {batch.isDemo && !batch.label.includes('演示副本') && <Tag color="orange">演示副本</Tag>}
      {!batch.open && <Tag>已截止</Tag>}
    </Space>
  );
}
