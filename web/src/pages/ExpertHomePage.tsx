import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ExpertRoundView } from '#contract';
import { expertApi, expertReviewKeys } from '../api/expert-review-api';
import { formatDate, formatDateTime } from '../features/common/format';
import { ExpertRefusal } from '../features/expert-review/ExpertRefusal';
import { RoundStatusTag } from '../features/expert-review/RoundStatusTag';

/** What the expert can do in a round now: sign the 承诺书, wait for the round to open, or read the material. */
function RoundCard({ round }: { round: ExpertRoundView }) {
  const signed = round.pledge.signedAt !== null;
  const readable = signed && round.status === 'open';
  return (
    <Card
      size="small"
      className="expert-round"
      data-testid="expert-round"
      title={
        <Space wrap>
          {round.title}
          <RoundStatusTag status={round.status} />
        </Space>
      }
    >
      <Typography.Paragraph>{`评审期间 ${formatDate(round.opensOn)} 至 ${formatDate(round.closesOn)}`}</Typography.Paragraph>
      <Typography.Paragraph>
        {signed ? (
          <Tag color="success">{`已签署承诺书（${formatDateTime(round.pledge.signedAt)}）`}</Tag>
        ) : (
          <>
            <Tag color="orange">未签署承诺书</Tag>
            <Link to={`/expert/rounds/${round.roundId}/pledge`}>阅读并签署承诺书（回避声明）</Link>
          </>
        )}
      </Typography.Paragraph>
      {round.status === 'drawn' && (
        <Typography.Paragraph type="secondary">评审开始后，签署承诺书即可查看评审材料。</Typography.Paragraph>
      )}
      {round.groups.map((g) => (
        <div key={g.number} className="expert-round-group">
          <Typography.Text strong>{`第${g.number}组 · ${g.labels.length}件申报`}</Typography.Text>
          <ul className="expert-round-labels">
            {g.labels.map((label) => (
              <li key={label}>
                {readable ? (
                  <Link to={`/expert/rounds/${round.roundId}/materials/${label}`}>{`申报材料 ${label}`}</Link>
                ) : (
                  `申报材料 ${label}`
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
}

/** 我的评审 (the expert): the rounds and groups assigned, each application under its neutral label. */
export function ExpertHomePage() {
  const rounds = useQuery({
    queryKey: expertReviewKeys.expertRounds,
    queryFn: ({ signal }) => expertApi.rounds(signal),
  });
  if (rounds.error && !rounds.data) return <ExpertRefusal error={rounds.error} onRetry={() => void rounds.refetch()} />;
  if (!rounds.data) return <Spin size="large" className="page-spin" description="正在加载评审任务…" />;
  return (
    <div className="expert-home-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          我的评审
        </Typography.Title>
        <Typography.Text type="secondary">
          申报材料以编号显示，不显示申报单位名称；每轮评审须先签署承诺书（回避声明）。
        </Typography.Text>
      </div>
      {rounds.data.length === 0 ? (
        <Empty description="目前没有分配给您的评审任务" />
      ) : (
        <div className="expert-rounds">
          {rounds.data.map((r) => (
            <RoundCard key={r.roundId} round={r} />
          ))}
        </div>
      )}
    </div>
  );
}
