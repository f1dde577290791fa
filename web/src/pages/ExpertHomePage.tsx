import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ApiErrorBody, ExpertRoundView } from '#contract';
import { ApiError } from '../api/client';
import { expertApi, expertReviewKeys, scoreSheetApi } from '../api/expert-review-api';
import { formatDate, formatDateTime } from '../features/common/format';
import { ExpertRefusal } from '../features/expert-review/ExpertRefusal';
import { RoundStatusTag } from '../features/expert-review/RoundStatusTag';

const FALLBACK_NAME = '专家评审意见表.pdf';

/** The file name the server gave (RFC 5987 `filename*`), or a plain one. */
function fileNameOf(disposition: string | null): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  return encoded ? decodeURIComponent(encoded) : FALLBACK_NAME;
}

/**
 * Fetches the expert's 评审意见表 and hands it to the browser as a download; the server's refusal (nothing submitted
 * yet in the round) comes back as an ApiError with its message instead of a page of JSON.
 */
async function downloadOpinions(roundId: string): Promise<void> {
  const response = await fetch(scoreSheetApi.opinionsUrl(roundId, false), { credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(response.status, body ?? { code: `HTTP_${response.status}`, message: '评审意见表下载失败' });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition'));
  link.click();
  URL.revokeObjectURL(url);
}

/** 评审意见表 (PDF, a page per submitted sheet, to print and sign): the server says when there is none yet. */
function OpinionsDownload({ roundId }: { roundId: string }) {
  const download = useMutation({ mutationFn: () => downloadOpinions(roundId) });
  return (
    <div className="expert-opinions">
      <Button icon={<FilePdfOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
        下载我的评审意见表（PDF）
      </Button>
      <Typography.Text type="secondary">每件已提交的评分一页，打印后签字。</Typography.Text>
      {download.error && (
        <Alert type="warning" showIcon data-testid="opinions-refusal" title={download.error.message} />
      )}
    </div>
  );
}

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
      {signed && round.status !== 'drawn' && <OpinionsDownload roundId={round.roundId} />}
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
