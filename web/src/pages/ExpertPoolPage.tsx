import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { expertRelationKinds, type ExpertView } from '#contract';
import { expertPoolApi, expertReviewKeys } from '../api/expert-review-api';
import { failureOf } from '../features/common/failureOf';
import { formatDate } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { ExpertDialog } from '../features/expert-review/ExpertDialog';

/** The dialog: closed, a new expert, or the expert edited. */
type Editing = { expert: ExpertView | null } | null;

/**
 * 专家库 (the province): the pool's experts with unit, city, fields, masked phone, declared relations and whether
 * they can be drawn; the pool id, which the system administrator enters when creating the expert's account.
 */
export function ExpertPoolPage() {
  const queryClient = useQueryClient();
  const experts = useQuery({ queryKey: expertReviewKeys.experts, queryFn: ({ signal }) => expertPoolApi.list(signal) });
  const [editing, setEditing] = useState<Editing>(null);

  const loadFailure = failureOf(experts);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!experts.data) return <Spin size="large" className="page-spin" description="正在加载专家库…" />;

  return (
    <div className="expert-pool-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          专家库
        </Typography.Title>
        <Typography.Text type="secondary">
          <Link to="/province/review-rounds">专家评审</Link>
          {
            ' · 评审专家的单位、城市和申报的利害关系用于抽取时回避。专家的登录账号由系统管理员创建，创建时填写下表的“专家编号”。'
          }
        </Typography.Text>
      </div>
      <Space className="page-actions">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ expert: null })}>
          添加专家
        </Button>
        <Typography.Text type="secondary">{`共 ${experts.data.length} 名专家，在库 ${experts.data.filter((e) => e.active).length} 名`}</Typography.Text>
      </Space>
      <Table<ExpertView>
        className="expert-table"
        rowKey="id"
        size="middle"
        dataSource={experts.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          {
            title: '工作单位',
            key: 'unit',
            render: (_, e) => (
              <>
                <div>{e.unitName}</div>
                {e.unitUscc && (
                  <Typography.Text type="secondary" className="mono">
                    {e.unitUscc}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: '城市', key: 'city', width: 90, render: (_, e) => e.cityName ?? e.cityCode },
          {
            title: '专业领域',
            key: 'fields',
            render: (_, e) => e.fields.map((f) => <Tag key={f}>{f}</Tag>),
          },
          { title: '联系电话', dataIndex: 'phone', width: 130, className: 'mono' },
          {
            title: '申报的利害关系',
            key: 'relations',
            render: (_, e) =>
              e.relations.length === 0
                ? '—'
                : e.relations.map((r, n) => (
                    <div key={n}>
                      {`${expertRelationKinds[r.kind]}：${r.counterpartName ?? r.counterpartUscc}`}
                      {r.until ? `（至${formatDate(r.until)}）` : '（存续）'}
                    </div>
                  )),
          },
          {
            title: '状态',
            key: 'active',
            width: 80,
            render: (_, e) => (e.active ? <Tag color="success">在库</Tag> : <Tag>停用</Tag>),
          },
          {
            title: '登录账号',
            key: 'account',
            width: 120,
            render: (_, e) => e.accountUsername ?? <Typography.Text type="secondary">未创建</Typography.Text>,
          },
          {
            title: '专家编号',
            key: 'id',
            width: 150,
            render: (_, e) => (
              <Typography.Text
                className="mono expert-id"
                copyable={{ text: e.id, tooltips: ['复制专家编号', '已复制'] }}
                title={e.id}
              >
                {`${e.id.slice(0, 8)}…`}
              </Typography.Text>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            fixed: 'right',
            render: (_, e) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={`编辑专家${e.name}`}
                onClick={() => setEditing({ expert: e })}
              >
                编辑
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <ExpertDialog
          editing={editing.expert}
          onClose={() => setEditing(null)}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: expertReviewKeys.experts })}
        />
      )}
    </div>
  );
}
