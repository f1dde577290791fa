import { Progress, Space, Typography } from 'antd';

/** 市推荐名额 已用 2 / 3: one block per place, red when full. */
export function QuotaUse({ used, limit, compact = false }: { used: number; limit: number; compact?: boolean }) {
  const full = used >= limit;
  return (
    <Space size={8} className="quota-use" data-testid="quota-use" data-used={used} data-limit={limit}>
      {!compact && <Typography.Text type="secondary">市推荐名额</Typography.Text>}
      <Progress
        steps={Math.max(limit, 1)}
        percent={limit > 0 ? Math.min(100, (used / limit) * 100) : 0}
        showInfo={false}
        aria-label={`市推荐名额已用 ${used} / ${limit}`}
        strokeColor={used > limit ? '#cf1322' : full ? '#d46b08' : '#1f4e8c'}
        size={compact ? [10, 8] : [16, 10]}
      />
      <Typography.Text strong={full} type={used > limit ? 'danger' : undefined}>
        已用 {used} / {limit}
      </Typography.Text>
    </Space>
  );
}
