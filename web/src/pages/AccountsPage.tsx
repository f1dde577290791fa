import { KeyOutlined, PlusOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  accountStates,
  roles,
  type AccountState,
  type AccountView,
  type AuthoritySecurityView,
  type OneTimePasswordView,
  type Role,
} from '#contract';
import { accountAdminApi } from '../api/endpoints';
import { queries, queryKeys } from '../app/queries';
import { useSession } from '../app/session';
import { CreateAccountDialog } from '../features/accounts/CreateAccountDialog';
import { OneTimePasswordDialog } from '../features/accounts/OneTimePasswordDialog';
import { failureOf } from '../features/common/failureOf';
import { formatDateTime } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { mono } from '../features/common/mono';
import { useAction } from '../features/common/useAction';
import { RefusalAlert } from '../features/common/RefusalAlert';

const STATE_COLORS: Record<AccountState, string> = { active: 'success', disabled: 'default', locked: 'error' };
const ROLE_COLORS: Partial<Record<Role, string>> = {
  province: 'purple',
  city: 'green',
  sysadmin: 'geekblue',
  secadmin: 'volcano',
  auditadmin: 'cyan',
};
const LISTED_ROLES: Role[] = ['sysadmin', 'secadmin', 'auditadmin', 'province', 'city'];

interface Issued {
  view: OneTimePasswordView;
  title: string;
}

/** Whether each city's officials must sign in with a second factor; the province and administrators always must. */
function SecondFactorCard({
  cities,
  onChange,
  busyCode,
}: {
  cities: AuthoritySecurityView[];
  onChange: (code: string, requireTotp: boolean) => void;
  busyCode: string | null;
}) {
  const required = cities.filter((c) => c.requireTotp).length;
  return (
    <Card
      size="small"
      className="form-card"
      title={
        <Space>
          <SafetyCertificateOutlined />
          双因素认证（动态口令）
        </Space>
      }
      extra={<Typography.Text type="secondary">{`已要求 ${required} / ${cities.length} 个市`}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary" className="card-note">
        省工信厅和三类管理员账号一律使用动态口令登录。开启某市后，该市主管部门的账号下次登录时须绑定并使用动态口令。
      </Typography.Paragraph>
      <div className="totp-grid">
        {cities.map((c) => (
          <label key={c.code} className="totp-city">
            <span>{c.name}</span>
            <Switch
              size="small"
              checked={c.requireTotp}
              loading={busyCode === c.code}
              checkedChildren="要求"
              unCheckedChildren="可选"
              aria-label={`${c.name}要求动态口令`}
              onChange={(checked) => onChange(c.code, checked)}
            />
          </label>
        ))}
      </div>
    </Card>
  );
}

/**
 * 账号管理 (the system administrator): officials' and administrators' accounts with role, authority, state
 * and last login; create, disable and enable, reset a password (the one-time password shown once); and
 * the cities whose officials must use a second factor.
 */
export function AccountsPage() {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const accountsQuery = useQuery(queries.accounts());
  const citiesQuery = useQuery(queries.authorities());
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);

  const replaced = (a: AccountView) =>
    queryClient.setQueryData(queries.accounts().queryKey, (list) => list?.map((x) => (x.id === a.id ? a : x)));
  const stateChange = useAction({
    action: ({ id, enable }: { id: string; enable: boolean }) =>
      enable ? accountAdminApi.enable(id) : accountAdminApi.disable(id),
    success: (_account, { enable }) => (enable ? '账号已启用' : '账号已停用'),
    onDone: replaced,
  });
  /** A one-time password was given: shown once, and the lists asked again. */
  const issue = (title: string) => (view: OneTimePasswordView) => {
    setIssued({ view, title });
    void queryClient.invalidateQueries({ queryKey: queryKeys.accounts });
    void queryClient.invalidateQueries({ queryKey: queryKeys.authorities });
  };
  const reset = useAction({
    action: (id: string) => accountAdminApi.resetPassword(id),
    success: '密码已重置',
    onDone: issue('密码已重置'),
  });
  const secondFactor = useAction({
    action: ({ code, requireTotp }: { code: string; requireTotp: boolean }) =>
      accountAdminApi.setRequireTotp(code, requireTotp),
    success: (_city, { requireTotp }) => (requireTotp ? '已要求该市账号使用动态口令' : '已改为可选'),
    onDone: (a) =>
      queryClient.setQueryData(queries.authorities().queryKey, (list) => list?.map((c) => (c.code === a.code ? a : c))),
  });

  const loadFailure = failureOf(accountsQuery, citiesQuery);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const accounts = accountsQuery.data;
  const cities = citiesQuery.data;
  if (!accounts || !cities) return <Spin size="large" className="page-spin" description="正在加载账号…" />;

  const refusal = stateChange.refusal ?? reset.refusal ?? secondFactor.refusal;
  const clearRefusal = () => {
    stateChange.clearRefusal();
    reset.clearRefusal();
    secondFactor.clearRefusal();
  };
  const me = session.user?.id;

  return (
    <div className="accounts-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          账号管理
        </Typography.Title>
        <Typography.Text type="secondary">
          省工信厅、各市主管部门和管理员的账号。申报单位账号由单位注册，忘记密码时由所在市主管部门核实后重置。
        </Typography.Text>
      </div>
      {refusal && <RefusalAlert refusal={refusal} onClose={clearRefusal} />}
      <Card
        size="small"
        className="form-card"
        title={`官员与管理员账号（${accounts.length}）`}
        extra={
          <Space>
            <Button
              size="small"
              icon={<ReloadOutlined />}
              onClick={() => {
                void accountsQuery.refetch();
                void citiesQuery.refetch();
              }}
            >
              刷新
            </Button>
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建账号
            </Button>
          </Space>
        }
      >
        <Table<AccountView>
          size="small"
          rowKey="id"
          dataSource={accounts}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 1040 }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 130, render: mono },
            { title: '姓名或名称', dataIndex: 'displayName' },
            {
              title: '角色',
              dataIndex: 'role',
              width: 130,
              filters: LISTED_ROLES.map((r) => ({ text: roles[r], value: r })),
              onFilter: (value, a) => a.role === value,
              render: (role: Role) => <Tag color={ROLE_COLORS[role]}>{roles[role]}</Tag>,
            },
            {
              title: '所属单位',
              dataIndex: 'authorityName',
              width: 140,
              filters: cities.map((c) => ({ text: c.name, value: c.code })),
              onFilter: (value, a) => a.authorityCode === value,
              render: (name: string | null) => name ?? '—',
            },
            {
              title: '状态',
              dataIndex: 'state',
              width: 180,
              filters: (Object.keys(accountStates) as AccountState[]).map((s) => ({
                text: accountStates[s],
                value: s,
              })),
              onFilter: (value, a) => a.state === value,
              render: (state: AccountState, a) => (
                <Space size={4} wrap>
                  <Tag color={STATE_COLORS[state]}>{accountStates[state]}</Tag>
                  {a.mustChangePassword && <Tag color="warning">待修改一次性密码</Tag>}
                </Space>
              ),
            },
            {
              title: '最近登录（北京时间）',
              dataIndex: 'lastLoginAt',
              width: 180,
              render: (at: string | null) => (at ? formatDateTime(at) : '从未登录'),
            },
            {
              title: '操作',
              key: 'actions',
              width: 190,
              fixed: 'right',
              render: (_v, a) =>
                a.id === me ? (
                  <Typography.Text type="secondary">本人账号</Typography.Text>
                ) : (
                  <Space size={4}>
                    {a.state === 'disabled' ? (
                      <Popconfirm
                        okButtonProps={{ autoFocus: true }}
                        title={`启用 ${a.displayName} 的账号？`}
                        okText="启用"
                        cancelText="取消"
                        onConfirm={() => stateChange.run({ id: a.id, enable: true })}
                      >
                        <Button size="small">启用</Button>
                      </Popconfirm>
                    ) : (
                      <Popconfirm
                        title={`停用 ${a.displayName} 的账号？`}
                        description="其全部登录会话立即结束，启用前不能登录。"
                        okText="停用"
                        okButtonProps={{ danger: true, autoFocus: true }}
                        cancelText="取消"
                        onConfirm={() => stateChange.run({ id: a.id, enable: false })}
                      >
                        <Button size="small" danger>
                          停用
                        </Button>
                      </Popconfirm>
                    )}
                    <Popconfirm
                      okButtonProps={{ autoFocus: true }}
                      title={`重置 ${a.displayName} 的密码？`}
                      description="将生成一次性密码（只显示一次），其全部登录会话立即结束。"
                      okText="重置"
                      cancelText="取消"
                      onConfirm={() => reset.run(a.id)}
                    >
                      <Button size="small" icon={<KeyOutlined />}>
                        重置密码
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <SecondFactorCard
        cities={cities}
        onChange={(code, requireTotp) => void secondFactor.run({ code, requireTotp })}
        busyCode={secondFactor.pending?.code ?? null}
      />
      <CreateAccountDialog
        open={creating}
        cities={cities}
        onClose={() => setCreating(false)}
        onCreated={issue('账号已创建')}
      />
      <OneTimePasswordDialog
        issued={issued?.view ?? null}
        title={issued?.title ?? ''}
        onClose={() => setIssued(null)}
      />
    </div>
  );
}
