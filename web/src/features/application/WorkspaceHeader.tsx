import { Space, Tag, Typography } from 'antd';
import type { ApplicationView, BatchSummary } from '#contract';
import { formatDateTime } from '../common/format';
import { StatusTag } from '../common/StatusTag';
import { BatchLabel } from '../reference/BatchLabel';

/** The batch, the application's status (or, once its city's package is submitted, its outcome) and the deadline. */
export function WorkspaceHeader({ batch, view }: { batch: BatchSummary; view: ApplicationView }) {
  const deadline = batch.config.applicationDeadline ?? batch.config.cityDeadline;
  return (
    <div className="page-heading">
      <Space align="center" wrap>
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          我的申报
        </Typography.Title>
        {view.progress.outcome ? (
          <Tag
            color={view.progress.outcome.kind === 'forwarded' ? 'green' : 'red'}
            data-outcome={view.progress.outcome.kind}
          >
            {view.progress.outcome.label}
          </Tag>
        ) : (
          <StatusTag status={view.status} />
        )}
      </Space>
      <Space wrap separator={<span className="heading-sep">|</span>} className="page-subtitle">
        <BatchLabel batch={batch} />
        <Typography.Text type="secondary">申报截止：{formatDateTime(deadline)}（北京时间）</Typography.Text>
      </Space>
    </div>
  );
}
