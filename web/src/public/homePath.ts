import type { Role } from '#contract';

/** Each role's first page after signing in. */
export function homePathFor(role: Role): string {
  const homes: Record<Role, string> = {
    applicant: '/applicant',
    city: '/city',
    province: '/province',
    sysadmin: '/admin/accounts',
    secadmin: '/admin/security',
    auditadmin: '/audit',
    expert: '/expert',
  };
  return homes[role];
}

/**
 * The page asked for before signing in (`from`, set by RequireRole) when it is a page of this site other than
 * the login page; otherwise the user's home. Another origin (`//host`, `/\\host`) is not followed.
 */
export function returnPath(from: unknown, role: Role): string {
  if (typeof from !== 'string' || !from.startsWith('/')) return homePathFor(role);
  const target = new URL(from, window.location.origin);
  if (target.origin !== window.location.origin || target.pathname === '/login') return homePathFor(role);
  return `${target.pathname}${target.search}${target.hash}`;
}
