import { Button, Space, Table, Tooltip, Typography } from 'antd';
import type { ProvinceBoardCity } from '#contract';
import { formatDateTime, formatDeadline } from '../common/format';
import { AcceptedTag, PackageStateTag } from '../package/PackageStateTag';
import { AcceptPackageButton, type AcceptTarget } from '../package/ProvincePackageDialogs';
import { QuotaUse } from '../package/QuotaUse';
import { boardName } from './names';

interface BoardTableProps {
  cities: ProvinceBoardCity[];
  onOpen: (city: ProvinceBoardCity) => void;
  onReturn: (city: ProvinceBoardCity) => void;
  onException: (city: ProvinceBoardCity) => void;
  onAccept: (target: AcceptTarget) => void;
  /** The city whose package is being accepted. */
  accepting: string | null;
}

/** The receipt board: one row per city with its package state and acceptance, recommendations per channel and quota use. */
export function BoardTable({ cities, onOpen, onReturn, onException, onAccept, accepting }: BoardTableProps) {
  return (
    <Table<ProvinceBoardCity>
      className="board-table"
      size="small"
      rowKey="authorityCode"
      pagination={false}
      dataSource={cities}
      scroll={{ x: 1300 }}
      columns={[
        {
          title: '城市',
          dataIndex: 'name',
          width: 110,
          render: (name: string, city) => (
            <Button type="link" onClick={() => onOpen(city)} className="inline-link" title={name}>
              <strong>{boardName(city)}</strong>
            </Button>
          ),
        },
        { title: '状态', dataIndex: 'state', width: 90, render: (_s, city) => <PackageStateTag state={city.state} /> },
        {
          title: '市推荐名额',
          key: 'quota',
          width: 170,
          render: (_v, city) => <QuotaUse used={city.quota.used} limit={city.quota.limit} compact />,
        },
        {
          title: '特定区域',
          key: 'area',
          width: 80,
          align: 'center',
          render: (_v, city) => city.counts.designated_area,
        },
        { title: '实验室', key: 'lab', width: 70, align: 'center', render: (_v, city) => city.counts.lab },
        {
          title: '合计',
          key: 'total',
          width: 60,
          align: 'center',
          render: (_v, city) => <strong>{city.counts.quota + city.counts.designated_area + city.counts.lab}</strong>,
        },
        {
          title: '收到时间',
          dataIndex: 'submittedAt',
          width: 180,
          render: (t: string | null) => (t ? formatDateTime(t) : '—'),
        },
        {
          title: '省级受理',
          dataIndex: 'acceptedAt',
          width: 170,
          render: (t: string | null, city) =>
            t ? <AcceptedTag acceptedAt={t} /> : city.state === 'submitted' ? '待受理' : '—',
        },
        {
          title: '特批延期',
          dataIndex: 'exception',
          width: 150,
          render: (e: ProvinceBoardCity['exception']) =>
            e ? (
              <Tooltip title={e.reason}>
                <Typography.Text className="exception-cell">至 {formatDeadline(e.endsAt).slice(5, -3)}</Typography.Text>
              </Tooltip>
            ) : (
              '—'
            ),
        },
        {
          title: '操作',
          key: 'actions',
          width: 230,
          fixed: 'right',
          render: (_v, city) => (
            <Space size={0}>
              <Button size="small" type="link" onClick={() => onOpen(city)}>
                查看
              </Button>
              {city.state === 'submitted' && !city.acceptedAt && (
                <AcceptPackageButton
                  compact
                  target={{ authorityCode: city.authorityCode, name: city.name, version: city.version }}
                  busy={accepting === city.authorityCode}
                  onAccept={onAccept}
                />
              )}
              {city.state === 'submitted' && !city.acceptedAt && (
                <Button size="small" type="link" danger onClick={() => onReturn(city)}>
                  退回
                </Button>
              )}
              {!city.acceptedAt && (
                <Button size="small" type="link" onClick={() => onException(city)}>
                  特批延期
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
