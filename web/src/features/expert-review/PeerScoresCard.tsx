import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Grid, Spin, Tag, Typography } from 'antd';
import { scoreMetrics, type ScoreMetric } from '#contract';
import { expertReviewKeys, scoreSheetApi } from '../../api/expert-review-api';

const METRICS = Object.keys(scoreMetrics) as ScoreMetric[];

function PeerScores({ roundId, label }: { roundId: string; label: string }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const peers = useQuery({
    queryKey: expertReviewKeys.peers(roundId, label),
    queryFn: ({ signal }) => scoreSheetApi.peers(roundId, label, signal),
    retry: false,
  });
  if (peers.error) return <Alert type="error" showIcon title={peers.error.message} />;
  if (!peers.data) return <Spin description="正在加载其他专家的评分…" />;
  const { own, others, statistics } = peers.data;
  return (
    <div data-testid="peer-scores">
      <ul className="peer-totals">
        <li>
          <Typography.Text strong>{`本人：${own}分`}</Typography.Text>
        </li>
        {others.map((o, n) => (
          <li key={n}>
            {`其他专家${n + 1}：`}
            {o.submitted ? `${o.total}分` : <Tag>尚未提交</Tag>}
          </li>
        ))}
      </ul>
      <Descriptions
        size="small"
        bordered
        column={wide ? 3 : 1}
        title={`统计（已提交的${statistics.count}份评分）`}
        className="peer-statistics"
      >
        {METRICS.map((m) => (
          <Descriptions.Item key={m} label={scoreMetrics[m]}>
            {statistics[m] ?? '—'}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Paragraph type="secondary" className="card-note">
        不显示其他专家的姓名；去掉最高最低分后的平均分在不少于3份评分时计算。
      </Typography.Paragraph>
    </div>
  );
}

/** 其他专家的评分: the others' totals (no names) and the statistics, asked for only once the expert's sheet is in. */
export function PeerScoresCard({ roundId, label, submitted }: { roundId: string; label: string; submitted: boolean }) {
  return (
    <Card size="small" className="form-card" title="其他专家的评分">
      {submitted ? (
        <PeerScores roundId={roundId} label={label} />
      ) : (
        <Typography.Text type="secondary" data-testid="peer-scores-hidden">
          提交本人评分后可查看其他专家的评分
        </Typography.Text>
      )}
    </Card>
  );
}
