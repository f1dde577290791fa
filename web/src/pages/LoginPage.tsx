import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { SessionView } from '#contract';
import { useSession } from '../app/session';
import { returnPath } from '../public/homePath';
import { LoginView } from '../public/LoginPage';

/**
 * The login page inside the full app (after logout or an expired session, or a page that needs a login):
 * the public page's view, signing in with the app's session and returning to the page asked for.
 */
export function LoginPage() {
  const { session, signedIn, expired } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: unknown } | null)?.from;

  if (session.user) return <Navigate to={returnPath(from, session.user.role)} replace />;

  const onSignedIn = (view: SessionView) => {
    signedIn(view);
    if (view.user) navigate(returnPath(from, view.user.role), { replace: true });
  };

  return <LoginView demo={session.demo} expired={expired} onSignedIn={onSignedIn} />;
}
