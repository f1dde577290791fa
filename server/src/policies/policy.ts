import type { ApplicationStatus, Role } from '../../../shared/src/index.js';
import { AppError } from '../domain/errors.js';

/** Who is asking. Anonymous visitors have no actor. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  authorityCode: string | null;
}

/** Every action a route can perform. `public` routes need no session. */
export type Action =
  | 'public'
  | 'session:use'
  | 'application:own'
  | 'application:list'
  | 'application:read'
  | 'application:edit'
  | 'evidence:download'
  | 'audit:read';

export interface ApplicationResource {
  kind: 'application';
  unitId: string;
  authorityCode: string;
  status: ApplicationStatus;
}

export type Resource = ApplicationResource | null;

/**
 * The one authorization policy (region scope included). Applicants act only on their own unit; city
 * officials only on their authority's submitted applications; the province reads everything submitted.
 */
export function can(actor: Actor | null, action: Action, resource: Resource = null): boolean {
  if (action === 'public') return true;
  if (!actor) return false;
  switch (action) {
    case 'session:use':
      return true;
    case 'application:own':
      return actor.role === 'applicant' && actor.unitId !== null;
    case 'application:list':
      return actor.role === 'city' || actor.role === 'province';
    case 'audit:read':
      return actor.role === 'province';
    case 'application:edit':
      return actor.role === 'applicant' && resource?.kind === 'application' && resource.unitId === actor.unitId;
    case 'application:read':
    case 'evidence:download': {
      if (resource?.kind !== 'application') return false;
      if (actor.role === 'applicant') return resource.unitId === actor.unitId;
      if (resource.status === 'draft') return false;
      if (actor.role === 'city') return resource.authorityCode === actor.authorityCode;
      return actor.role === 'province';
    }
  }
}

export function authorize(actor: Actor | null, action: Action, resource: Resource = null): asserts actor is Actor {
  if (can(actor, action, resource)) return;
  throw actor ? new AppError('FORBIDDEN') : new AppError('UNAUTHENTICATED');
}
