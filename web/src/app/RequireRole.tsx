import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import type { Role } from '../../../shared/src/index.js';
import { homePathFor, useSession } from './session';

/** Pages for one kind of user: others go to their own home, visitors to the login page. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { session } = useSession();
  if (!session.user) return <Navigate to="/login" replace />;
  if (!roles.includes(session.user.role)) return <Navigate to={homePathFor(session.user.role)} replace />;
  return children;
}
