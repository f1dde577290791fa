import {
  BankOutlined,
  DesktopOutlined,
  DownOutlined,
  LockOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Space, Tag, Typography, type MenuProps } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { roles } from '#contract';
import { IdleWarning } from './IdleWarning';
import { lazyNamed } from './lazyNamed';
import { homePathFor, useSession, type SessionUser } from './session';

const SYSTEM_NAME = '河南省中小企业公共服务示范平台申报系统';

/** Signed-in users only: the public pages do not load the notification centre's code. */
const NotificationBell = lazyNamed(() => import('../features/notifications/NotificationBell'), 'NotificationBell');

/** The user menu under the user's name. */
const userMenu: MenuProps['items'] = [
  { key: 'password', icon: <LockOutlined />, label: <Link to="/account/password">修改密码</Link> },
  { key: 'sessions', icon: <DesktopOutlined />, label: <Link to="/account/sessions">登录设备</Link> },
  { key: 'security', icon: <SafetyCertificateOutlined />, label: <Link to="/account/security">动态口令</Link> },
];

function SignedInUser({ user }: { user: SessionUser }) {
  const { logout } = useSession();
  return (
    <Space size="middle" className="top-bar-user">
      <Suspense fallback={null}>
        <NotificationBell />
      </Suspense>
      <Dropdown menu={{ items: userMenu }} trigger={['click']}>
        <Button type="text" className="top-bar-user-menu" aria-label="用户菜单">
          <UserOutlined /> {user.displayName} <DownOutlined />
        </Button>
      </Dropdown>
      <Tag className="top-bar-role">{roles[user.role]}</Tag>
      <Button size="small" ghost icon={<LogoutOutlined />} onClick={() => void logout()}>
        退出登录
      </Button>
    </Space>
  );
}

interface NavItem {
  to: string;
  label: string;
  /** Pages that belong to this section besides `to` itself. */
  covers: RegExp;
}

const OFFICIAL_NAV: Partial<Record<SessionUser['role'], NavItem[]>> = {
  city: [
    { to: '/city', label: '申报审核', covers: /^\/city(\/applications\/.*)?$/ },
    { to: '/city/package', label: '推荐材料报送', covers: /^\/city\/package/ },
  ],
  province: [
    { to: '/province', label: '报送情况', covers: /^\/province(\/packages\/.*)?$/ },
    { to: '/province/applications', label: '全省申报', covers: /^\/province\/applications/ },
    { to: '/audit', label: '审计日志', covers: /^\/audit/ },
  ],
  sysadmin: [{ to: '/admin/accounts', label: '账号管理', covers: /^\/admin\/accounts/ }],
  secadmin: [{ to: '/admin/security', label: '安全管理', covers: /^\/admin\/security/ }],
  auditadmin: [{ to: '/audit', label: '审计日志', covers: /^\/audit/ }],
};

/** The officials' sections; an application opened from a list keeps its list highlighted. */
function OfficialNav({ user }: { user: SessionUser }) {
  const { pathname } = useLocation();
  const links = OFFICIAL_NAV[user.role];
  if (!links) return null;
  return (
    <nav className="top-bar-nav" aria-label="主导航">
      {links.map((link) => (
        <Link
          key={link.to}
          to={link.to}
          className={link.covers.test(pathname) ? 'active' : undefined}
          aria-current={link.covers.test(pathname) ? 'page' : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

function VisitorLinks() {
  return (
    <Space size="large" className="top-bar-links">
      <Link to="/help">申报指南</Link>
      <Link to="/precheck">申报条件自测</Link>
      <Link to="/register">单位注册</Link>
      <Link to="/login">登录</Link>
    </Space>
  );
}

/** The top bar with the system name, the demo marker, the user and logout; the page below. */
export function AppShell() {
  const { session } = useSession();
  const user = session.user;
  return (
    <Layout className="app-layout">
      <Layout.Header className="top-bar app-chrome">
        <Link to={user ? homePathFor(user.role) : '/login'} className="top-bar-title">
          <BankOutlined />
          <span>{SYSTEM_NAME}</span>
        </Link>
        {session.demo && (
          <Tag color="orange" className="top-bar-demo">
            演示环境
          </Tag>
        )}
        {user && !user.mustChangePassword && !(user.totpRequired && !user.totpEnrolled) && <OfficialNav user={user} />}
        <div className="top-bar-spacer" />
        {user ? <SignedInUser user={user} /> : <VisitorLinks />}
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="app-footer app-chrome">
        <Typography.Text type="secondary">
          河南省工业和信息化厅（中小企业局） · 时间均为北京时间 · <Link to="/help">申报指南与联系方式</Link>
        </Typography.Text>
      </Layout.Footer>
      {user && <IdleWarning timeoutSeconds={session.idleTimeoutSeconds} draftAutosaved={user.role === 'applicant'} />}
    </Layout>
  );
}
