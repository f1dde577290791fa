import { LogoutOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ActiveSession } from '#contract';
import { accountSessionsApi } from '../api/endpoints';
import { queries, queryKeys } from '../app/queries';
import { useSession } from '../app/session';
import { failureOf } from '../features/common/failureOf';
import { formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { mono } from '../features/common/mono';
import { useAction } from '../features/common/useAction';
import { RefusalAlert } from '../features/common/RefusalAlert';

/**
 * 登录设备: the signed-in user's active sessions — browser and system, address, when opened and last
 * used. Ending another one logs it out at once; this one is ended by logging out.
 */
export function AccountSessionsPage() {
  const { session, logout } = useSession();
  const queryClient = useQueryClient();
  const sessions = useQuery(queries.sessions());
  const items = sessions.data;
  /** One session by its id, or (null) every other one. */
  const { busy, refusal, clearRefusal, run } = useAction({
    action: (sessionId: string | null) =>
      sessionId === null ? accountSessionsApi.endOthers() : accountSessionsApi.end(sessionId),
    success: (_answer, sessionId) => (sessionId === null ? '已结束其他设备的登录' : '已结束该设备的登录'),
    onDone: () => void queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
  const loadFailure = failureOf(sessions);
  const others = (items ?? []).filter((s) => !s.current).length;

  return (
    <div className="sessions-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          登录设备
        </Typography.Title>
        <Typography.Text type="secondary">
          {`以下是您的账号目前有效的登录。无操作 ${Math.round(session.idleTimeoutSeconds / 60)} 分钟或登录时间过长会自动失效。如有不认识的设备，请结束它并修改密码。`}
        </Typography.Text>
      </div>
      {refusal && <RefusalAlert refusal={refusal} onClose={clearRefusal} />}
      {loadFailure ? (
        <LoadFailure {...loadFailure} />
      ) : (
        <Card
          size="small"
          className="form-card"
          title={items ? `${items.length} 个有效登录` : '有效登录'}
          extra={
            <Space>
              <Button size="small" icon={<ReloadOutlined />} onClick={() => void sessions.refetch()}>
                刷新
              </Button>
              <Popconfirm
                okButtonProps={{ autoFocus: true }}
                title="结束除本设备外的所有登录？"
                description="这些设备须重新登录。"
                okText="结束"
                cancelText="取消"
                onConfirm={() => run(null)}
              >
                <Button size="small" danger disabled={others === 0} loading={busy}>
                  结束其他所有设备
                </Button>
              </Popconfirm>
            </Space>
          }
        >
          <Table<ActiveSession>
            size="small"
            rowKey="id"
            loading={!items}
            dataSource={items ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            columns={[
              {
                title: '设备',
                key: 'device',
                render: (_v, s) => (
                  <Space orientation="vertical" size={0}>
                    <Space size={4}>
                      <span>{s.device}</span>
                      {s.current && <Tag color="blue">当前设备</Tag>}
                    </Space>
                    {s.userAgent && (
                      <Typography.Text type="secondary" ellipsis={{ tooltip: s.userAgent }}>
                        {s.userAgent}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              { title: 'IP 地址', dataIndex: 'ip', width: 160, render: (ip: string | null) => (ip ? mono(ip) : '—') },
              {
                title: '登录时间（北京时间）',
                dataIndex: 'createdAt',
                width: 210,
                render: (at: string) => formatDeadline(at),
              },
              { title: '最近活动', dataIndex: 'lastSeenAt', width: 210, render: (at: string) => formatDeadline(at) },
              {
                title: '操作',
                key: 'action',
                width: 120,
                render: (_v, s) =>
                  s.current ? (
                    <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
                      退出登录
                    </Button>
                  ) : (
                    <Popconfirm
                      okButtonProps={{ autoFocus: true }}
                      title={`结束“${s.device}”的登录？`}
                      okText="结束"
                      cancelText="取消"
                      onConfirm={() => run(s.id)}
                    >
                      <Button size="small" danger loading={busy}>
                        结束
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
