import { Button, Result, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Role, SessionView } from '#contract';
import { onSessionLost } from '../api/client';
import { sessionApi } from '../api/endpoints';

export type SessionUser = NonNullable<SessionView['user']>;

interface SessionContextValue {
  session: SessionView;
  /** After login or registration: the answer is the new session. */
  signedIn: (view: SessionView) => void;
  logout: () => Promise<void>;
  /** Asks the server again; this also resets its idle clock. */
  refresh: () => Promise<void>;
  /** The login is gone (idle timeout or a 401): back to the login page with a notice. */
  expire: () => void;
  /** The last login ended by timeout; the login page says so until the next login. */
  expired: boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function homePathFor(role: Role): string {
  const homes: Record<Role, string> = {
    applicant: '/applicant',
    city: '/city',
    province: '/province',
    sysadmin: '/admin/accounts',
    secadmin: '/admin/security',
    auditadmin: '/audit',
  };
  return homes[role];
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [session, setSession] = useState<SessionView | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [expired, setExpired] = useState(false);

  const load = useCallback(() => {
    setLoadFailed(false);
    sessionApi.current().then(setSession, () => setLoadFailed(true));
  }, []);

  useEffect(load, [load]);

  const expiring = useRef(false);
  const expire = useCallback(() => {
    if (expiring.current) return;
    expiring.current = true;
    setExpired(true);
    setSession((current) => (current ? { ...current, user: null } : current));
    navigate('/login', { replace: true });
    // End the session explicitly: asking for the session alone would count as activity and revive it.
    sessionApi
      .logout()
      .catch(() => undefined)
      .then(() => sessionApi.current())
      .then(setSession, () => undefined)
      .finally(() => {
        expiring.current = false;
      });
  }, [navigate]);

  const signedIn = useCallback((view: SessionView) => {
    setExpired(false);
    setSession(view);
  }, []);

  const logout = useCallback(async () => {
    await sessionApi.logout().catch(() => undefined);
    setSession(await sessionApi.current());
    navigate('/login', { replace: true });
  }, [navigate]);

  const refresh = useCallback(async () => {
    const view = await sessionApi.current();
    if (view.user) setSession(view);
    else expire();
  }, [expire]);

  const signedInUser = session?.user ?? null;
  useEffect(() => (signedInUser ? onSessionLost(expire) : undefined), [signedInUser, expire]);

  const value = useMemo(
    () => (session ? { session, signedIn, logout, refresh, expire, expired } : null),
    [session, signedIn, logout, refresh, expire, expired],
  );

  if (loadFailed) {
    return (
      <Result
        status="warning"
        title="无法连接申报系统"
        subTitle="请检查网络连接后重试。"
        extra={
          <Button type="primary" onClick={load}>
            重试
          </Button>
        }
      />
    );
  }
  if (!value) return <Spin size="large" fullscreen description="正在加载…" />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession 须在 SessionProvider 内使用');
  return value;
}
