import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Spin, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { PublicPublicity } from '#contract';
import { publicityKeys, publicPublicityApi } from '../api/publicity-api';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { failureOf } from '../features/common/failureOf';
import { formatDate } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { PhaseTag } from '../features/publicity/PublicityWindow';

/** 公示与认定 (the province): the 公示 published, as the public page lists them, and a new one. */
export function PublicitiesPage() {
  const batch = useOfficialBatch();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: publicityKeys.publicList,
    queryFn: ({ signal }) => publicPublicityApi.list(signal),
  });
  const loadFailure = failureOf(list);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!list.data) return <Spin size="large" className="page-spin" description="正在加载公示…" />;
  return (
    <div>
      <div className="page-heading">
        <TitleWithBatch>公示与认定</TitleWithBatch>
        <Typography.Text type="secondary">
          公示拟认定的平台，受理和处理异议；公示期满且异议办结后认定。公示期开始前的公示在发布后从其页面进入。
        </Typography.Text>
      </div>
      <Space className="page-actions">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void navigate(withBatch('/province/publicities/new', batch))}
        >
          新建公示
        </Button>
        <Link to="/publicity" target="_blank">
          查看公开页面
        </Link>
      </Space>
      <Table<PublicPublicity>
        rowKey="id"
        dataSource={list.data}
        pagination={false}
        locale={{ emptyText: '尚未发布公示' }}
        columns={[
          {
            title: '标题',
            key: 'title',
            render: (_, p) => <Link to={withBatch(`/province/publicities/${p.id}`, batch)}>{p.title}</Link>,
          },
          {
            title: '状态',
            key: 'phase',
            width: 100,
            render: (_, p) => <PhaseTag phase={p.phase} label={p.phaseLabel} />,
          },
          {
            title: '公示期',
            key: 'window',
            width: 260,
            render: (_, p) => `${formatDate(p.window.firstDay)} 至 ${formatDate(p.window.lastDay)}`,
          },
          { title: '平台数', key: 'count', width: 90, align: 'right', render: (_, p) => p.candidates.length },
        ]}
      />
    </div>
  );
}
