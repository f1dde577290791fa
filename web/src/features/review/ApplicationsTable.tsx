import { Badge, Button, Table, Tag, Tooltip, Typography, type TableColumnType } from 'antd';
import {
  applicationStatuses,
  reviewableStatuses,
  type ApplicationListItem,
  type ApplicationSortKey,
  type ApplicationStatus,
} from '#contract';
import { StatusTag } from '../common/StatusTag';
import { formatDateTime } from '../common/format';
import { mono } from '../common/mono';
import { channelText } from '../common/channels';

interface ApplicationsTableProps {
  /** One page, as the server sent it. */
  items: ApplicationListItem[];
  loading: boolean;
  showAuthority: boolean;
  /** Where the page stands in the whole list (the server pages it). */
  page: { current: number; pageSize: number; total: number } | undefined;
  onPage: (page: number) => void;
  /** The column the server sorts on and its direction; a click on a header asks for another (null: the default). */
  sort: { key: ApplicationSortKey; order: 'asc' | 'desc' };
  onSort: (sort: { key: ApplicationSortKey; order: 'asc' | 'desc' } | null) => void;
  onOpen: (item: ApplicationListItem) => void;
}

function NameCell({ item, onOpen }: { item: ApplicationListItem; onOpen: (item: ApplicationListItem) => void }) {
  return (
    <div className="name-cell">
      <Button type="link" className="link-cell" onClick={() => onOpen(item)}>
        {item.platformName || '（未填写）'}
      </Button>
      <span className="name-cell-tags">
        {item.isNew && (
          <Tooltip title="上次查看后新提交或重新提交">
            <Tag color="red" className="new-tag" data-testid="new-tag">
              新
            </Tag>
          </Tooltip>
        )}
        {item.duplicate && (
          <Tooltip title="另有申报（其他城市或渠道）的统一社会信用代码或平台名称相同">
            <Tag color="volcano" data-testid="duplicate-tag">
              重复申报
            </Tag>
          </Tooltip>
        )}
      </span>
      {item.categories?.length > 0 && (
        <Typography.Text type="secondary" className="name-cell-categories">
          {item.categories.join('、')}
        </Typography.Text>
      )}
    </div>
  );
}

/** The officials' list: what is waiting, through which channel, whether the figures meet the rules. */
export function ApplicationsTable({
  items,
  loading,
  showAuthority,
  page,
  onPage,
  sort,
  onSort,
  onOpen,
}: ApplicationsTableProps) {
  /** A header the server sorts on, showing the current direction. */
  const sortable = (key: ApplicationSortKey) => ({
    key,
    sorter: true,
    sortOrder: (sort.key === key
      ? sort.order === 'asc'
        ? 'ascend'
        : 'descend'
      : null) as TableColumnType<ApplicationListItem>['sortOrder'],
  });
  return (
    <Table<ApplicationListItem>
      className="applications-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={{
        ...page,
        showSizeChanger: false,
        showTotal: (total) => `共 ${total} 份申报`,
        onChange: onPage,
      }}
      scroll={{ x: showAuthority ? 1340 : 1250 }}
      locale={{ emptyText: '暂无申报' }}
      rowClassName={(item) => (item.isNew ? 'row-new' : '')}
      onRow={(item) => ({ onDoubleClick: () => onOpen(item) })}
      onChange={(_pagination, _filters, sorter, extra) => {
        if (extra.action !== 'sort' || Array.isArray(sorter)) return;
        onSort(
          sorter.order
            ? { key: sorter.columnKey as ApplicationSortKey, order: sorter.order === 'ascend' ? 'asc' : 'desc' }
            : null,
        );
      }}
      columns={[
        {
          title: '平台名称（类别）',
          dataIndex: 'platformName',
          width: 260,
          ...sortable('platformName'),
          render: (_name: string, item) => <NameCell item={item} onOpen={onOpen} />,
        },
        { title: '运营单位', dataIndex: 'unitName', ...sortable('unitName') },
        { title: '统一社会信用代码', dataIndex: 'uscc', width: 180, render: mono },
        { title: '所在地区', dataIndex: 'regionName', width: 110 },
        ...(showAuthority
          ? [{ title: '推荐单位', dataIndex: 'authorityName', width: 100, ...sortable('authority') }]
          : []),
        {
          title: '申报渠道',
          dataIndex: 'channel',
          width: 110,
          render: (c: ApplicationListItem['channel']) => channelText(c),
        },
        {
          title: '状态',
          dataIndex: 'status',
          width: 90,
          ...sortable('status'),
          render: (status: ApplicationStatus) => <StatusTag status={status} />,
        },
        {
          title: '条件核对',
          dataIndex: 'eligible',
          width: 90,
          render: (eligible: boolean | undefined, item) => {
            if (eligible === undefined) return '—';
            if (eligible) return <Tag color="green">符合</Tag>;
            return (
              <Tooltip title={item.failureCodes?.join('、')}>
                <Tag color="red">不符合{item.failureCodes?.length ? ` ${item.failureCodes.length} 项` : ''}</Tag>
              </Tooltip>
            );
          },
        },
        {
          title: '提交时间',
          dataIndex: 'submittedAt',
          width: 120,
          render: (t: string | null) => formatDateTime(t),
          ...sortable('submittedAt'),
        },
        {
          title: '联系人',
          dataIndex: 'contactName',
          width: 120,
          render: (name: string, item) => (
            <div className="contact-cell">
              <div>{name}</div>
              <span className="mono">{item.contactPhone}</span>
            </div>
          ),
        },
      ]}
    />
  );
}

export const statusFilterOptions = [
  { value: '', label: '全部状态' },
  /** Officials never see drafts: what has been submitted and what became of it. */
  ...reviewableStatuses.map((s) => ({ value: s, label: applicationStatuses[s] })),
];

/** How many of the whole list (not only the page shown) are new to this official. */
export function NewCount({ count }: { count: number }) {
  return count > 0 ? <Badge color="red" text={`${count} 份有新提交`} /> : null;
}

/** How many of the list, under every filter but the status, are in each status (the status filter's choices). */
export function StatusCounts({ counts }: { counts: Partial<Record<ApplicationStatus, number>> }) {
  const shown = reviewableStatuses.filter((s) => counts[s]);
  if (shown.length === 0) return null;
  return (
    <Typography.Text type="secondary" data-testid="status-counts">
      {shown.map((s) => `${applicationStatuses[s]} ${counts[s]}`).join(' · ')}
    </Typography.Text>
  );
}
