import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { applicationStatuses, type ApplicationStatus, type DuplicateGroup } from '#contract';
import { mono } from '../common/mono';
import { channelText } from '../common/channels';

/** One platform through two cities or two channels (same USCC or same platform name): the province decides which stands. */
export function DuplicatesCard({ duplicates }: { duplicates: DuplicateGroup[] }) {
  return (
    <Card
      size="small"
      className="form-card"
      data-testid="duplicates"
      title={<span>重复申报 {duplicates.length > 0 && <Tag color="volcano">{duplicates.length}</Tag>}</span>}
    >
      <Table<DuplicateGroup>
        size="small"
        rowKey="uscc"
        pagination={false}
        dataSource={duplicates}
        locale={{ emptyText: '未发现统一社会信用代码或平台名称相同的申报' }}
        columns={[
          {
            title: '平台名称',
            dataIndex: 'platformName',
            width: 200,
            render: (name: string | undefined) => name || '—',
          },
          { title: '运营单位', dataIndex: 'unitName', width: 220 },
          { title: '统一社会信用代码', dataIndex: 'uscc', width: 180, render: mono },
          {
            title: '各份申报',
            dataIndex: 'applications',
            render: (apps: DuplicateGroup['applications']) => (
              <ul className="duplicate-list">
                {apps.map((a) => (
                  <li key={a.id}>
                    <Link to={`/province/applications/${a.id}`}>{a.authorityName}</Link> · {channelText(a.channel)} ·{' '}
                    {applicationStatuses[a.status as ApplicationStatus] ?? a.status}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Card>
  );
}
