import { ReloadOutlined, SafetyOutlined, UnlockOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { roles, type SignInAccountView } from '#contract';
import { securityAdminApi } from '../api/endpoints';
import { queries, queryKeys } from '../app/queries';
import { failureOf } from '../features/common/failureOf';
import { formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { mono } from '../features/common/mono';
import { useAction } from '../features/common/useAction';
import { RefusalAlert } from '../features/common/RefusalAlert';

const secondFactorLabels: Record<SignInAccountView['secondFactor'], { label: string; color?: string }> = {
  enabled: { label: '已启用', color: 'green' },
  pending: { label: '绑定中', color: 'gold' },
  none: { label: '未启用' },
};

/**
 * 登录安全 (the security administrator): accounts with failed logins — per device (address), with their
 * locks and the failures of the hour — or found by name; unlock an account on every device, reset a
 * user's second factor (a lost phone). Both are audited.
 */
export function SecurityAdminPage() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const queryClient = useQueryClient();
  const accounts = useQuery({ ...queries.signInAccounts(query), placeholderData: keepPreviousData });
  const items = accounts.data;
  const loadFailure = failureOf(accounts);
  /** Unlock the user, or reset their second factor. */
  const { busy, refusal, clearRefusal, run } = useAction({
    action: ({ account, reset }: { account: SignInAccountView; reset: boolean }): Promise<unknown> =>
      reset ? securityAdminApi.resetSecondFactor(account.userId) : securityAdminApi.unlock(account.userId),
    success: (_answer, { account, reset }) =>
      reset ? `已重置 ${account.username} 的动态口令` : `已解除 ${account.username} 的登录锁定`,
    onDone: () => void queryClient.invalidateQueries({ queryKey: queryKeys.signInAccounts(query) }),
  });

  return (
    <div className="security-admin-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          登录安全
        </Typography.Title>
        <Typography.Text type="secondary">
          同一设备（IP
          地址）对某账号连续登录失败3次后须输入图形验证码，5次后该设备对该账号暂停登录30分钟；账号1小时内累计失败20次后，所有设备登录时均须输入图形验证码。
          锁定只针对失败的设备，账号本人在其他设备上仍可登录，已启用动态口令的用户也可用动态口令自行解锁。
        </Typography.Text>
      </div>
      {refusal && <RefusalAlert refusal={refusal} onClose={clearRefusal} />}
      <Card
        size="small"
        className="form-card"
        title={query ? `查找“${query}”` : '有登录失败记录的账号'}
        extra={
          <Space>
            <Input.Search
              allowClear
              placeholder="按用户名或名称查找账号"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(value) => setQuery(value.trim())}
              style={{ width: 260 }}
              aria-label="查找账号"
            />
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void accounts.refetch()}>
              刷新
            </Button>
          </Space>
        }
      >
        {loadFailure ? (
          <LoadFailure {...loadFailure} />
        ) : (
          <Table<SignInAccountView>
            size="small"
            rowKey="userId"
            loading={!items}
            dataSource={items ?? []}
            pagination={false}
            scroll={{ x: 1100 }}
            locale={{ emptyText: query ? '没有找到账号' : '目前没有账号有登录失败记录' }}
            columns={[
              {
                title: '账号',
                key: 'account',
                width: 240,
                render: (_v, a) => (
                  <Space orientation="vertical" size={0}>
                    <span>{a.displayName}</span>
                    <Typography.Text type="secondary">
                      {mono(a.username)} · {roles[a.role]}
                      {a.authorityName ? ` · ${a.authorityName}` : ''}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: '状态',
                key: 'state',
                width: 110,
                render: (_v, a) =>
                  a.locked ? (
                    <Tag color="red">已锁定</Tag>
                  ) : a.clients.length > 0 ? (
                    <Tag color="orange">有失败记录</Tag>
                  ) : (
                    <Tag>正常</Tag>
                  ),
              },
              { title: '近1小时失败', dataIndex: 'failuresLastHour', width: 110, render: (n: number) => `${n} 次` },
              {
                title: '失败的设备',
                key: 'clients',
                render: (_v, a) =>
                  a.clients.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="sign-in-clients">
                      {a.clients.map((c) => (
                        <li key={c.client}>
                          {mono(c.client)} 连续失败 {c.failures} 次
                          {c.lockedUntil ? <Tag color="red">锁定至 {formatDeadline(c.lockedUntil)}</Tag> : null}
                          <Typography.Text type="secondary">（最近 {formatDeadline(c.lastAttemptAt)}）</Typography.Text>
                        </li>
                      ))}
                    </ul>
                  ),
              },
              {
                title: '动态口令',
                key: 'totp',
                width: 150,
                render: (_v, a) => (
                  <Space size={4} wrap>
                    <Tag color={secondFactorLabels[a.secondFactor].color}>
                      {secondFactorLabels[a.secondFactor].label}
                    </Tag>
                    {a.secondFactorRequired && <Tag>必须</Tag>}
                  </Space>
                ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 230,
                render: (_v, a) => (
                  <Space>
                    <Popconfirm
                      okButtonProps={{ autoFocus: true }}
                      title={`解除“${a.username}”在所有设备上的登录锁定？`}
                      description="该账号的登录失败记录将全部清除。"
                      okText="解锁"
                      cancelText="取消"
                      onConfirm={() => run({ account: a, reset: false })}
                    >
                      <Button size="small" icon={<UnlockOutlined />} disabled={a.clients.length === 0} loading={busy}>
                        解锁
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={`重置“${a.username}”的动态口令？`}
                      description="其恢复码一并作废、全部登录退出；下次登录时须重新绑定。请先核实是本人因手机丢失等原因提出。"
                      okText="重置"
                      okButtonProps={{ danger: true, autoFocus: true }}
                      cancelText="取消"
                      onConfirm={() => run({ account: a, reset: true })}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<SafetyOutlined />}
                        disabled={a.secondFactor === 'none'}
                        loading={busy}
                      >
                        重置动态口令
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Alert
        type="info"
        showIcon
        className="form-alert"
        title="查找账号"
        description="为手机丢失的用户重置动态口令、或解锁没有失败记录列出的账号时，请按用户名或名称查找。解锁和重置均记入审计日志。"
      />
    </div>
  );
}
