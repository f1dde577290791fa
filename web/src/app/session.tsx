import { Button, Result, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SessionView } from '#contract';
import { onSessionLost } from '../api/client';
import { sessionApi } from '../api/endpoints';
import { settlePendingSaves } from './pendingSaves';
import { forgetSignedInData, queries, queryKeys } from './queries';

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

export { homePathFor } from '../public/homePath';

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session, isError, refetch } = useQuery(queries.session());
  const [expired, setExpired] = useState(false);

  /** Asks the server now, whatever the cache holds. */
  const fetchSession = useCallback(() => queryClient.fetchQuery({ ...queries.session(), staleTime: 0 }), [queryClient]);

  const expiring = useRef(false);
  const expire = useCallback(() => {
    if (expiring.current) return;
    expiring.current = true;
    setExpired(true);
    queryClient.setQueryData(queryKeys.session, (current) => (current ? { ...current, user: null } : current));
    navigate('/login', { replace: true });
    // End the session explicitly: asking for the session alone would count as activity and revive it.
    sessionApi
      .logout()
      .catch(() => undefined)
      .then(fetchSession)
      .catch(() => undefined)
      .finally(() => {
        expiring.current = false;
      });
  }, [navigate, queryClient, fetchSession]);

  const signedIn = useCallback(
    (view: SessionView) => {
      setExpired(false);
      forgetSignedInData(queryClient);
      queryClient.setQueryData(queryKeys.session, view);
    },
    [queryClient],
  );

  /**
   * Edits still on their way are saved first: logging out right after typing keeps the edit. Then a fresh
   * load of the login page: no signed-in data stays in memory, and the page left behind cannot send the
   * login page a place to return to.
   */
  const logout = useCallback(async () => {
    // A request that fails for the ended session must not start a navigation of its own (expire): the
    // page load below is the only one, so nothing races it.
    expiring.current = true;
    await settlePendingSaves();
    await sessionApi.logout().catch(() => undefined);
    window.location.replace('/login');
  }, []);

  const refresh = useCallback(async () => {
    const view = await fetchSession();
    if (!view.user) expire();
  }, [fetchSession, expire]);

  const signedInUser = session?.user ?? null;
  useEffect(() => (signedInUser ? onSessionLost(expire) : undefined), [signedInUser, expire]);

  const value = useMemo(
    () => (session ? { session, signedIn, logout, refresh, expire, expired } : null),
    [session, signedIn, logout, refresh, expire, expired],
  );

  if (!value && isError) {
    return (
      <Result
        status="warning"
        title="无法连接申报系统"
        subTitle="请检查网络连接后重试。"
        extra={
          <Button type="primary" onClick={() => void refetch()}>
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
