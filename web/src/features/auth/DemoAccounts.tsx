import { Button, Table, Tag } from 'antd';
import { roles, type DemoAccount, type Role } from '#contract';
import { mono } from '../common/mono';

const ROLE_ORDER: Role[] = ['applicant', 'city', 'province', 'sysadmin', 'secadmin', 'auditadmin'];
const ROLE_COLORS: Record<Role, string> = {
  applicant: 'blue',
  city: 'green',
  province: 'purple',
  sysadmin: 'geekblue',
  secadmin: 'volcano',
  auditadmin: 'cyan',
};

/** The demo environment's accounts by role, each one click away from the login form. */
export function DemoAccounts({
  accounts,
  onFill,
}: {
  accounts: DemoAccount[];
  onFill: (account: DemoAccount) => void;
}) {
  const sorted = [...accounts].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  return (
    <Table<DemoAccount>
      className="demo-accounts"
      size="small"
      rowKey="username"
      dataSource={sorted}
      pagination={false}
      columns={[
        {
          title: '角色',
          dataIndex: 'role',
          width: 130,
          render: (role: Role) => <Tag color={ROLE_COLORS[role]}>{roles[role]}</Tag>,
        },
        { title: '用户名', dataIndex: 'username', render: mono },
        { title: '密码', dataIndex: 'password', render: mono },
        { title: '说明', dataIndex: 'description' },
        {
          title: '',
          width: 80,
          render: (_value, account) => (
            <Button size="small" onClick={() => onFill(account)}>
              填入
            </Button>
          ),
        },
      ]}
    />
  );
}
