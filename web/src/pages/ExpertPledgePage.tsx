import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { ExpertRoundView } from '#contract';
import { expertApi, expertReviewKeys } from '../api/expert-review-api';
import { formatDateTime } from '../features/common/format';
import { RefusalAlert } from '../features/common/RefusalAlert';
import { useAction } from '../features/common/useAction';
import { ExpertRefusal } from '../features/expert-review/ExpertRefusal';

/** 承诺书（回避声明）: the round's text and the sign button; the server records the time, address and text version. */
export function ExpertPledgePage() {
  const { roundId = '' } = useParams<{ roundId: string }>();
  const queryClient = useQueryClient();
  const rounds = useQuery({
    queryKey: expertReviewKeys.expertRounds,
    queryFn: ({ signal }) => expertApi.rounds(signal),
  });
  const sign = useAction({
    action: (round: ExpertRoundView) => expertApi.pledge(round.roundId, round.pledge.textVersion),
    success: '承诺书已签署',
    onDone: (signed) =>
      queryClient.setQueryData(expertReviewKeys.expertRounds, (list: ExpertRoundView[] | undefined) =>
        list?.map((r) => (r.roundId === signed.roundId ? signed : r)),
      ),
  });

  if (rounds.error && !rounds.data) return <ExpertRefusal error={rounds.error} onRetry={() => void rounds.refetch()} />;
  if (!rounds.data) return <Spin size="large" className="page-spin" description="正在加载承诺书…" />;
  const round = rounds.data.find((r) => r.roundId === roundId);
  if (!round)
    return (
      <Result
        status="warning"
        title="未找到"
        subTitle="您不在该评审轮次中"
        extra={<Link to="/expert">返回我的评审</Link>}
      />
    );
  const signedAt = round.pledge.signedAt;
  const labels = round.groups.flatMap((g) => g.labels);

  return (
    <div className="expert-pledge-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          承诺书（回避声明）
        </Typography.Title>
        <Typography.Text type="secondary">
          <Link to="/expert">我的评审</Link>
          {` · ${round.title}`}
        </Typography.Text>
      </div>
      <Card size="small" className="form-card pledge-card">
        <div className="pledge-text" data-testid="pledge-text">
          {round.pledge.text}
        </div>
        <Typography.Paragraph
          type="secondary"
          className="card-note"
        >{`文本版本 ${round.pledge.textVersion}`}</Typography.Paragraph>
      </Card>
      {sign.refusal && <RefusalAlert refusal={sign.refusal} onClose={sign.clearRefusal} />}
      {signedAt ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          data-testid="pledge-signed"
          title={`您已于${formatDateTime(signedAt)}签署本承诺书`}
          description={
            round.status === 'open' ? (
              <ul className="expert-round-labels">
                {labels.map((label) => (
                  <li key={label}>
                    <Link to={`/expert/rounds/${round.roundId}/materials/${label}`}>{`申报材料 ${label}`}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              '评审开始后即可查看评审材料。'
            )
          }
        />
      ) : (
        <Button type="primary" size="large" loading={sign.busy} onClick={() => void sign.run(round)}>
          我已阅读并签署承诺书
        </Button>
      )}
    </div>
  );
}
