import { Button, Table, Tag } from 'antd';
import { applicationStatuses, channels, type ApplicationStatus } from '../../../../shared/src/index.js';
import type { ApplicationListItem } from '../../api/types';
import { formatDateTime } from '../common/format';
import { mono } from '../common/mono';
import { StatusTag } from '../application/WorkspaceHeader';

interface ApplicationsTableProps {
  items: ApplicationListItem[];
  loading: boolean;
  showAuthority: boolean;
  onOpen: (item: ApplicationListItem) => void;
}

export function ApplicationsTable({ items, loading, showAuthority, onOpen }: ApplicationsTableProps) {
  return (
    <Table<ApplicationListItem>
      className="applications-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 份申报` }}
      scroll={{ x: 1200 }}
      locale={{ emptyText: '暂无申报' }}
      onRow={(item) => ({ onDoubleClick: () => onOpen(item) })}
      columns={[
        {
          title: '平台名称',
          dataIndex: 'platformName',
          render: (name: string, item) => <Button type="link" className="link-cell" onClick={() => onOpen(item)}>{name || '（未填写）'}</Button>,
        },
        { title: '运营单位', dataIndex: 'unitName' },
        { title: '统一社会信用代码', dataIndex: 'uscc', width: 190, render: mono },
        { title: '所在地区', dataIndex: 'regionName', width: 150 },
        ...(showAuthority ? [{ title: '推荐单位', dataIndex: 'authorityName', width: 100 }] : []),
        { title: '申报渠道', dataIndex: 'channel', width: 130, render: (c: ApplicationListItem['channel']) => (c ? channels[c] : '—') },
        {
          title: '状态',
          dataIndex: 'status',
          width: 100,
          render: (status: ApplicationStatus) => <StatusTag status={status} />,
        },
        {
          title: '条件核对',
          dataIndex: 'eligible',
          width: 100,
          render: (eligible: boolean | undefined) => {
            if (eligible === undefined) return '—';
            return eligible ? <Tag color="green">符合</Tag> : <Tag color="red">不符合</Tag>;
          },
        },
        { title: '提交时间', dataIndex: 'submittedAt', width: 170, render: (t: string | null) => formatDateTime(t) },
        { title: '联系人', dataIndex: 'contactName', width: 90 },
        { title: '联系电话', dataIndex: 'contactPhone', width: 130, render: mono },
      ]}
    />
  );
}

/** Officials never see drafts: only what has been submitted or returned. */
const REVIEWABLE_STATUSES: ApplicationStatus[] = ['submitted', 'returned'];

export const statusFilterOptions = [
  { value: 'all', label: '全部状态' },
  ...REVIEWABLE_STATUSES.map((s) => ({ value: s, label: applicationStatuses[s] })),
];
