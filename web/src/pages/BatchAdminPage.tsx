import { CopyOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { batchStatuses, type AdminBatchView, type BatchStatus } from '#contract';
import { queries, queryKeys } from '../app/queries';
import { CopyBatchDialog } from '../features/batches/CopyBatchDialog';
import { failureOf } from '../features/common/failureOf';
import { formatDate, formatDateTime, formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { mono } from '../features/common/mono';

const STATUS_COLORS: Record<BatchStatus, string> = { preparation: 'volcano', published: 'success' };

/** 申报批次 (the system administrator): every batch with its status and deadlines; a new one is a copy of another. */
export function BatchAdminPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const batchesQuery = useQuery(queries.adminBatches());
  const [copying, setCopying] = useState(false);

  const loadFailure = failureOf(batchesQuery);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const batches = batchesQuery.data;
  if (!batches) return <Spin size="large" className="page-spin" description="正在加载申报批次…" />;

  const created = (batch: AdminBatchView) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminBatches });
    void navigate(`/admin/batches/${batch.id}`);
  };

  return (
    <div className="batch-admin-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          申报批次
        </Typography.Title>
        <Typography.Text type="secondary">
          每年的申报通知对应一个批次。新批次由已有批次复制而来，筹备中可修改全部配置，发布后对全部用户生效，只能延长截止时间或更正文字。
        </Typography.Text>
      </div>
      <Card
        size="small"
        className="form-card"
        title={`全部批次（${batches.length}）`}
        extra={
          <Space>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void batchesQuery.refetch()}>
              刷新
            </Button>
            <Button size="small" type="primary" icon={<CopyOutlined />} onClick={() => setCopying(true)}>
              复制为新批次
            </Button>
          </Space>
        }
      >
        <Table<AdminBatchView>
          size="small"
          rowKey="id"
          dataSource={batches}
          pagination={false}
          scroll={{ x: 860 }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 64 },
            {
              title: '批次名称',
              dataIndex: 'label',
              render: (label: string, b) => (
                <Space orientation="vertical" size={0}>
                  <Space size={4} wrap>
                    <Link to={`/admin/batches/${b.id}`}>{label}</Link>
                    {b.isDemo && <Tag>演示</Tag>}
                  </Space>
                  <Typography.Text type="secondary">编号 {mono(b.id)}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '状态',
              key: 'status',
              width: 190,
              render: (_v, b) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={STATUS_COLORS[b.status]}>{batchStatuses[b.status]}</Tag>
                  <Typography.Text type="secondary">
                    {b.publishedAt ? `${formatDateTime(b.publishedAt)} 发布` : '未发布'}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '通知日期', key: 'noticeDate', width: 124, render: (_v, b) => formatDate(b.config.noticeDate) },
            {
              title: '截止时间（北京时间）',
              key: 'deadlines',
              width: 270,
              render: (_v, b) => (
                <>
                  <div>
                    <Typography.Text type="secondary">申报截止：</Typography.Text>
                    {b.config.applicationDeadline ? formatDeadline(b.config.applicationDeadline) : '同市级报送截止'}
                  </div>
                  <div>
                    <Typography.Text type="secondary">市级报送截止：</Typography.Text>
                    {formatDeadline(b.config.cityDeadline)}
                  </div>
                </>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 64,
              render: (_v, b) => (
                <Link
                  to={`/admin/batches/${b.id}`}
                  aria-label={`${b.status === 'preparation' ? '编辑' : '查看'}${b.label}`}
                >
                  {b.status === 'preparation' ? '编辑' : '查看'}
                </Link>
              ),
            },
          ]}
        />
      </Card>
      <CopyBatchDialog open={copying} batches={batches} onClose={() => setCopying(false)} onCreated={created} />
    </div>
  );
}
