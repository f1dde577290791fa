import {
  BankOutlined,
  DesktopOutlined,
  DownOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Space, Tag, Typography, type MenuProps } from 'antd';
import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { roles } from '#contract';
import { IdleWarning } from './IdleWarning';
import { lazyNamed } from './lazyNamed';
import { useOfficialBatch, withBatch } from './officialBatch';
import { homePathFor, useSession, type SessionUser } from './session';

const SYSTEM_NAME = '河南省中小企业公共服务示范平台申报系统';
/** The name where the full one does not fit beside the rest of the top bar (phones, officials' bar at 1024). */
const SHORT_SYSTEM_NAME = '示范平台申报系统';

/** Signed-in users only: the public pages do not load the notification centre's code. */
const NotificationBell = lazyNamed(() => import('../features/notifications/NotificationBell'), 'NotificationBell');

/** The user menu under the user's name. */
const userMenu: MenuProps['items'] = [
  { key: 'password', icon: <LockOutlined />, label: <Link to="/account/password">修改密码</Link> },
  { key: 'sessions', icon: <DesktopOutlined />, label: <Link to="/account/sessions">登录设备</Link> },
  { key: 'security', icon: <SafetyCertificateOutlined />, label: <Link to="/account/security">动态口令</Link> },
];

/** How much of the top bar fits: everything, all but the role tag and full name, or only the bell, a menu and logout. */
type BarWidth = 'wide' | 'medium' | 'phone';

function useBarWidth(): BarWidth {
  const screens = Grid.useBreakpoint();
  if (screens.xl) return 'wide';
  return screens.md ? 'medium' : 'phone';
}

/**
 * The user menu; where the bar is narrow it also names the user and role, and on a phone it carries the
 * officials' sections.
 */
function userMenuFor(
  user: SessionUser,
  width: BarWidth,
  nav: NavItem[],
  batch: string | undefined,
): MenuProps['items'] {
  if (width === 'wide') return userMenu;
  const sections: MenuProps['items'] =
    width === 'phone' && nav.length > 0
      ? [
          ...nav.map((link) => ({ key: link.to, label: <Link to={withBatch(link.to, batch)}>{link.label}</Link> })),
          { type: 'divider' },
        ]
      : [];
  return [
    ...sections,
    { type: 'group', key: 'user', label: `${user.displayName} · ${roles[user.role]}`, children: userMenu },
  ];
}

function SignedInUser({ user, nav, width }: { user: SessionUser; nav: NavItem[]; width: BarWidth }) {
  const { logout } = useSession();
  const batch = useOfficialBatch();
  const phone = width === 'phone';
  // Beside more than three sections a narrower bar has room only for the icons of the user menu and logout.
  const iconsOnly = phone || (width === 'medium' && nav.length > 3);
  return (
    <Space size={phone ? 'small' : 'middle'} className="top-bar-user">
      <Suspense fallback={null}>
        <NotificationBell />
      </Suspense>
      <Dropdown menu={{ items: userMenuFor(user, width, nav, batch) }} trigger={['click']}>
        <Button
          type="text"
          className="top-bar-user-menu"
          aria-label={phone ? '用户菜单' : `${user.displayName} 用户菜单`}
        >
          <UserOutlined /> {!iconsOnly && user.displayName} <DownOutlined />
        </Button>
      </Dropdown>
      {width === 'wide' && <Tag className="top-bar-role">{roles[user.role]}</Tag>}
      <Button
        size="small"
        ghost
        icon={<LogoutOutlined />}
        aria-label={iconsOnly ? '退出登录' : undefined}
        title={iconsOnly ? '退出登录' : undefined}
        onClick={() => void logout()}
      >
        {!iconsOnly && '退出登录'}
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
    { to: '/city/annual-reports', label: '年度报告', covers: /^\/city\/annual-reports/ },
    { to: '/city/objections', label: '公示异议', covers: /^\/city\/objections/ },
  ],
  province: [
    { to: '/province', label: '报送情况', covers: /^\/province(\/packages\/.*)?$/ },
    { to: '/province/applications', label: '全省申报', covers: /^\/province\/applications/ },
    { to: '/province/review-rounds', label: '专家评审', covers: /^\/province\/(review-rounds|experts)/ },
    { to: '/province/publicities', label: '公示与认定', covers: /^\/province\/publicities/ },
    { to: '/province/annual-reports', label: '年度报告', covers: /^\/province\/annual-reports/ },
    { to: '/audit', label: '审计日志', covers: /^\/audit/ },
  ],
  sysadmin: [
    { to: '/admin/accounts', label: '账号管理', covers: /^\/admin\/accounts/ },
    { to: '/admin/batches', label: '申报批次', covers: /^\/admin\/batches/ },
    { to: '/admin/holidays', label: '节假日安排', covers: /^\/admin\/holidays/ },
  ],
  secadmin: [{ to: '/admin/security', label: '安全管理', covers: /^\/admin\/security/ }],
  auditadmin: [{ to: '/audit', label: '审计日志', covers: /^\/audit/ }],
  expert: [{ to: '/expert', label: '我的评审', covers: /^\/expert/ }],
};

/** The officials' sections, in the batch picked; an application opened from a list keeps its list highlighted. */
function OfficialNav({ links }: { links: NavItem[] }) {
  const { pathname } = useLocation();
  const batch = useOfficialBatch();
  return (
    <nav className="top-bar-nav" aria-label="主导航">
      {links.map((link) => (
        <Link
          key={link.to}
          to={withBatch(link.to, batch)}
          className={link.covers.test(pathname) ? 'active' : undefined}
          aria-current={link.covers.test(pathname) ? 'page' : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

const VISITOR_LINKS = [
  { to: '/help', label: '申报指南' },
  { to: '/precheck', label: '申报条件自测' },
  { to: '/register', label: '单位注册' },
  { to: '/login', label: '登录' },
];

/** The public pages' links; on a phone behind a menu button. */
function VisitorLinks({ width }: { width: BarWidth }) {
  if (width === 'phone')
    return (
      <Dropdown
        menu={{ items: VISITOR_LINKS.map((link) => ({ key: link.to, label: <Link to={link.to}>{link.label}</Link> })) }}
        trigger={['click']}
      >
        <Button type="text" className="top-bar-user-menu" icon={<MenuOutlined />} aria-label="导航菜单" />
      </Dropdown>
    );
  return (
    <Space size="large" className="top-bar-links">
      {VISITOR_LINKS.map((link) => (
        <Link key={link.to} to={link.to}>
          {link.label}
        </Link>
      ))}
    </Space>
  );
}

/**
 * The page's content, focused when the user moves to another page (not on the first load), so that reading
 * and the next Tab start there rather than at the top of the body; a page that put focus in itself keeps it.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const content = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    if (!content.current?.contains(document.activeElement)) content.current?.focus({ preventScroll: true });
  }, [pathname]);
  return content;
}

/** The top bar with the system name, the demo marker, the user and logout; the page below. */
export function AppShell() {
  const { session } = useSession();
  const content = useFocusOnNavigation();
  const user = session.user;
  const width = useBarWidth();
  const screens = Grid.useBreakpoint();
  const signedInFully = user && !user.mustChangePassword && !(user.totpRequired && !user.totpEnrolled);
  const nav = (signedInFully ? OFFICIAL_NAV[user.role] : undefined) ?? [];
  // More than three sections leave room for the system's full name only on the widest screens.
  const fullName = (width === 'wide' && (nav.length < 4 || screens.xxl)) || (!user && width === 'medium');
  return (
    <Layout className="app-layout">
      <a
        href="#main"
        className="skip-link app-chrome"
        onClick={(event) => {
          event.preventDefault();
          content.current?.focus();
        }}
      >
        跳到正文
      </a>
      <Layout.Header className="top-bar app-chrome">
        <Link to={user ? homePathFor(user.role) : '/login'} className="top-bar-title">
          <BankOutlined />
          <span>{fullName ? SYSTEM_NAME : SHORT_SYSTEM_NAME}</span>
        </Link>
        {session.demo && (
          <Tag color="orange" className="top-bar-demo">
            演示环境
          </Tag>
        )}
        {nav.length > 0 && width !== 'phone' && <OfficialNav links={nav} />}
        <div className="top-bar-spacer" />
        {user ? <SignedInUser user={user} nav={nav} width={width} /> : <VisitorLinks width={width} />}
      </Layout.Header>
      <Layout.Content className="app-content" id="main" tabIndex={-1} ref={content}>
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
