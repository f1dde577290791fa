import { Alert, Card, Table, Tag, Typography } from 'antd';
import type { ReviewView } from '#contract';
import { fieldName } from '../common/formErrors';
import { formatDateTime } from '../common/format';
import { mono } from '../common/mono';
import { RemarksList } from './RemarksList';

type Change = ReviewView['changes'][number];

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

function show(value: unknown): string {
  if (isEmpty(value)) return '—';
  if (Array.isArray(value)) return value.map(show).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What a change did: filled in or added (nothing before), cleared or removed (nothing after), or changed. */
function ChangeKind({ change }: { change: Change }) {
  if (isEmpty(change.before)) return <Tag color="green">新增</Tag>;
  if (isEmpty(change.after)) return <Tag color="red">删除</Tag>;
  return <Tag color="blue">修改</Tag>;
}

/** Every submitted version, what changed between the last two, and the remarks that asked for it. */
export function VersionsSection({ view }: { view: ReviewView }) {
  const latest = view.versions.reduce((max, v) => Math.max(max, v.version), 0);
  return (
    <div className="versions-section">
      <Card size="small" title={`提交版本（${view.versions.length}）`} className="form-card">
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={[...view.versions].sort((a, b) => b.version - a.version)}
          locale={{ emptyText: '暂无提交记录' }}
          columns={[
            {
              title: '版本',
              dataIndex: 'version',
              width: 120,
              render: (v: number) => (
                <span>
                  第 {v} 版 {v === latest && <Tag color="blue">当前</Tag>}
                </span>
              ),
            },
            { title: '回执编号', dataIndex: 'receiptNo', render: mono },
            { title: '提交时间', dataIndex: 'submittedAt', render: (t: string) => formatDateTime(t) },
          ]}
        />
      </Card>
      <Card size="small" title="与上一版相比的改动" className="form-card" data-testid="changes">
        {view.versions.length < 2 ? (
          <Typography.Text type="secondary">仅提交过一次，没有可比较的版本。</Typography.Text>
        ) : (
          <Table<Change>
            size="small"
            rowKey={(c) => `${c.field}|${show(c.before)}|${show(c.after)}`}
            pagination={false}
            dataSource={view.changes}
            locale={{ emptyText: '两版内容相同' }}
            columns={[
              { title: '项目', dataIndex: 'field', width: 240, render: (f: string) => fieldName(f) },
              { title: '改动', key: 'kind', width: 80, render: (_v, c) => <ChangeKind change={c} /> },
              {
                title: '修改前',
                dataIndex: 'before',
                render: (v: unknown) =>
                  isEmpty(v) ? (
                    '—'
                  ) : (
                    <Typography.Text delete type="secondary">
                      {show(v)}
                    </Typography.Text>
                  ),
              },
              {
                title: '修改后',
                dataIndex: 'after',
                render: (v: unknown) => (isEmpty(v) ? '—' : <Typography.Text mark>{show(v)}</Typography.Text>),
              },
            ]}
          />
        )}
      </Card>
      {view.returnRemarks && (
        <Card size="small" title="最近一次退回意见" className="form-card">
          <Alert
            type="warning"
            title={`退回于 ${formatDateTime(view.returnRemarks.returnedAt)}：${view.returnRemarks.summary}`}
            description={
              <RemarksList
                remarks={view.returnRemarks.remarks}
                labelOf={(key) => view.items.find((i) => i.itemKey === key)?.label ?? key}
              />
            }
          />
        </Card>
      )}
    </div>
  );
}
