import { useEffect, useState, type ReactNode } from 'react';
import type { SessionView } from '#contract';
import { sessionApi } from '../api/accounts-api';
import { returnPath } from './homePath';
import { Icon } from './icons';
import { LoginView } from './LoginPage';
import { PrecheckPage } from './PrecheckPage';
import { Alert } from './ui';

/** The pages a visitor opens first, drawn without antd (main.tsx). */
export const PUBLIC_PAGES = ['/login', '/precheck'];

const VISITOR_LINKS = [
  { href: '/help', label: '申报指南' },
  { href: '/precheck', label: '申报条件自测' },
  { href: '/register', label: '单位注册' },
  { href: '/login', label: '登录' },
];

/** The full app's top bar and footer as a visitor sees them; the bar is the one index.html draws first. */
function PublicShell({ demo, children }: { demo: boolean; children: ReactNode }) {
  const links = VISITOR_LINKS.map((link) => (
    <a key={link.href} href={link.href}>
      {link.label}
    </a>
  ));
  return (
    <div className="pub-layout">
      <header className="pub-bar">
        <a className="pub-bar-title" href="/login">
          <Icon name="bank" />
          <span className="pub-name-full">河南省中小企业公共服务示范平台申报系统</span>
          <span className="pub-name-short">示范平台申报系统</span>
        </a>
        {demo && <span className="pub-demo-tag">演示环境</span>}
        <div className="pub-bar-spacer" />
        <nav className="pub-bar-links" aria-label="主导航">
          {links}
        </nav>
        <details className="pub-menu">
          <summary aria-label="导航菜单">
            <Icon name="menu" />
          </summary>
          <nav aria-label="导航菜单">{links}</nav>
        </details>
      </header>
      <main className="pub-content">{children}</main>
      <footer className="pub-footer">
        河南省工业和信息化厅（中小企业局） · 时间均为北京时间 · <a href="/help">申报指南与联系方式</a>
      </footer>
    </div>
  );
}

/** The page asked for before signing in, as the full app's router left it in the history entry. */
const askedFor = () => (window.history.state as { usr?: { from?: unknown } } | null)?.usr?.from;

/**
 * A visitor's login or precheck page. A signed-in user is handed to the full app (`onSignedInUser`), which
 * knows where to send them; so is everyone after signing in, by a page load of the page to go to.
 */
export function PublicApp({ pathname, onSignedInUser }: { pathname: string; onSignedInUser: () => void }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    sessionApi.current().then(
      (view) => (view.user ? onSignedInUser() : setSession(view)),
      () => setFailed(true),
    );
  }, [attempt, onSignedInUser]);

  const login = pathname === '/login';
  return (
    <PublicShell demo={session?.demo ?? false}>
      {failed ? (
        <div>
          <Alert type="warning" title="无法连接申报系统" description="请检查网络连接后重试。" />
          <button
            type="button"
            className="pub-btn pub-btn-primary"
            onClick={() => {
              setFailed(false);
              setAttempt(attempt + 1);
            }}
          >
            重试
          </button>
        </div>
      ) : login ? (
        session && (
          <LoginView
            demo={session.demo}
            expired={false}
            onSignedIn={(view) => {
              if (view.user) window.location.assign(returnPath(askedFor(), view.user.role));
            }}
          />
        )
      ) : (
        <PrecheckPage />
      )}
    </PublicShell>
  );
}
