import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '#contract';
import { homePathFor, useSession } from './session';

/**
 * Pages for one kind of user: others go to their own home, visitors to the login page (which brings them
 * back here once signed in), and a user still on a one-time password to the change of password, then one
 * who must enrol a second factor to its enrolment.
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session.user) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (session.user.mustChangePassword) return <Navigate to="/account/password" replace />;
  if (session.user.totpRequired && !session.user.totpEnrolled) return <Navigate to="/account/security" replace />;
  if (!roles.includes(session.user.role)) return <Navigate to={homePathFor(session.user.role)} replace />;
  return children;
}
