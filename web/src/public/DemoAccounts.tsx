import { roles, type DemoAccount, type Role } from '#contract';

const ROLE_ORDER: Role[] = ['applicant', 'city', 'province', 'sysadmin', 'secadmin', 'auditadmin'];

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
    <div className="pub-table-box">
      <table className="demo-accounts">
        <thead>
          <tr>
            <th scope="col">角色</th>
            <th scope="col">用户名</th>
            <th scope="col">密码</th>
            <th scope="col">说明</th>
            <th scope="col">
              <span className="pub-visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((account) => (
            <tr key={account.username}>
              <td>
                <span className={`pub-role pub-role-${account.role}`}>{roles[account.role]}</span>
              </td>
              <td className="pub-mono">{account.username}</td>
              <td className="pub-mono">{account.password}</td>
              <td>{account.description}</td>
              <td>
                <button
                  type="button"
                  className="pub-btn pub-btn-sm"
                  aria-label={`填入 ${account.username}`}
                  onClick={() => onFill(account)}
                >
                  填入
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
