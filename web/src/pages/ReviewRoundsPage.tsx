import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { expertReviewKeys, reviewRoundApi } from '../api/expert-review-api';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { failureOf } from '../features/common/failureOf';
import { formatDate } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { RoundStatusTag } from '../features/expert-review/RoundStatusTag';

type RoundSummary = Awaited<ReturnType<typeof reviewRoundApi.list>>[number];

/** 评审轮次 (the province): the expert review rounds of the batch picked, newest first as the server lists them. */
export function ReviewRoundsPage() {
  const batch = useOfficialBatch();
  const navigate = useNavigate();
  const rounds = useQuery({
    queryKey: expertReviewKeys.roundList(batch),
    queryFn: ({ signal }) => reviewRoundApi.list(batch, signal),
  });
  const loadFailure = failureOf(rounds);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!rounds.data) return <Spin size="large" className="page-spin" description="正在加载评审轮次…" />;
  return (
    <div className="review-rounds-page">
      <div className="page-heading">
        <TitleWithBatch>评审轮次</TitleWithBatch>
        <Typography.Text type="secondary">
          对省厅已受理的推荐平台组织专家评审：双随机抽取专家（随机分组、随机抽取），按回避规则排除，专家盲审。
        </Typography.Text>
      </div>
      <Space className="page-actions">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void navigate(withBatch('/province/review-rounds/new', batch))}
        >
          新建评审轮次
        </Button>
        <Button icon={<TeamOutlined />} onClick={() => void navigate('/province/experts')}>
          专家库
        </Button>
      </Space>
      <Table<RoundSummary>
        className="review-rounds-table"
        rowKey="id"
        dataSource={rounds.data}
        pagination={false}
        locale={{ emptyText: '本批次尚未组织专家评审' }}
        columns={[
          {
            title: '名称',
            key: 'title',
            render: (_, r) => <Link to={withBatch(`/province/review-rounds/${r.id}`, batch)}>{r.title}</Link>,
          },
          { title: '状态', key: 'status', width: 120, render: (_, r) => <RoundStatusTag status={r.status} /> },
          {
            title: '评审期间',
            key: 'dates',
            width: 260,
            render: (_, r) => `${formatDate(r.opensOn)} 至 ${formatDate(r.closesOn)}`,
          },
          { title: '申报数', dataIndex: 'applicationCount', width: 90, align: 'right' },
        ]}
      />
    </div>
  );
}
