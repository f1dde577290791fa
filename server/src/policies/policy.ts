import type { ApplicationStatus, Role } from '#contract';
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
  | 'review:read'
  | 'review:write'
  | 'package:own'
  | 'package:read'
  | 'package:manage'
  | 'package:accept'
  | 'board:read'
  | 'audit:read'
  | 'account:self'
  | 'account:admin'
  | 'batch:admin'
  | 'applicant-account:manage'
  | 'security:manage'
  | 'expert-pool:manage'
  | 'review-round:manage'
  | 'expert-review:read'
  | 'expert-review:score'
  | 'review-score:manage'
  | 'holidays:admin'
  | 'publicity:manage'
  | 'objection:respond'
  | 'recognition:own'
  | 'annual-report:read'
  | 'annual-report:check'
  | 'recognition:manage';

export interface ApplicationResource {
  kind: 'application';
  unitId: string;
  authorityCode: string;
  status: ApplicationStatus;
}

export interface PackageResource {
  kind: 'package';
  authorityCode: string;
}

/** A user account an administrator acts on (or, when created, its role and new id). */
export interface AccountResource {
  kind: 'account';
  userId: string;
  role: Role;
}

/** An applicant unit's account, with the authority its region is recommended by. */
export interface ApplicantAccountResource {
  kind: 'applicant-account';
  unitId: string;
  authorityCode: string;
}

/**
 * An application of a review round as one expert would read it (loaders/expert-material.ts): whether the expert
 * is drawn for it, has signed the round's 承诺书, has a 回避 conflict with it now, and whether the round is open.
 */
export interface ReviewMaterialResource {
  kind: 'review-material';
  assigned: boolean;
  signed: boolean;
  conflicted: boolean;
  roundOpen: boolean;
}

/** A recognised platform (issue 16): the unit that runs it and the city that recommended it. */
export interface RecognitionResource {
  kind: 'recognition';
  unitId: string;
  authorityCode: string;
}

export type Resource =
  | ApplicationResource
  | PackageResource
  | AccountResource
  | ApplicantAccountResource
  | ReviewMaterialResource
  | RecognitionResource
  | null;

/**
 * The one authorization policy (region scope included). Applicants act only on their own unit and never
 * see the city's review; city officials read and review only their authority's submitted applications
 * and own only their authority's package; the province reads everything submitted, manages packages and
 * deadline exceptions, alone accepts (受理) a city's package, and alone reads the board.
 *
 * 三员分立: the three administrators never touch business data, and business roles never administer.
 * The system administrator creates, lists, disables, enables and resets the accounts of officials and
 * administrators (never an applicant's, never their own: nobody changes their own role or state) and
 * sets which authorities require a second factor, and administers the batches (prepares next year's from a
 * copy, publishes it, extends its deadlines, corrects its wording); the security administrator unlocks accounts and
 * resets second factors (not their own); the audit administrator reads and verifies the audit log,
 * which the province reads too. Applicants' accounts (a reset after checking who asks, a transfer to a
 * new contact person) are managed by the city that recommends the unit's region, and by the province.
 * Every signed-in user may change their own password.
 *
 * Expert review (issue 15): the province keeps the expert pool and runs the review rounds; an expert reads only
 * the blind material of applications it was drawn for, in an open round, after signing the round's 承诺书, and
 * never one it has a 回避 conflict with now; an expert reaches nothing else of the system. The expert scores
 * (expert-review:score) under the same conditions, its own sheet only; the province reads every sheet, aggregates,
 * reopens a submitted sheet and decides (review-score:manage).
 *
 * Recognition (issue 16): the system administrator keeps the holiday table (configuration; everyone signed in
 * reads it); the province publishes the 公示, handles objections and issues 认定; the 公示 and the objection form
 * are public; a city answers, for its own authority only, the objections the province asks it about. In the years
 * after, the platform files its own yearly reports and answers its own 整改 order; its city reads and checks the
 * reports of the platforms it recommended; the province reads all, evaluates, and orders and accepts 整改.
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
    case 'account:self':
      return true;
    case 'audit:read':
      return actor.role === 'province' || actor.role === 'auditadmin';
    case 'account:admin':
      return (
        actor.role === 'sysadmin' &&
        (resource === null ||
          (resource.kind === 'account' && resource.role !== 'applicant' && resource.userId !== actor.userId))
      );
    case 'batch:admin':
      return actor.role === 'sysadmin';
    case 'security:manage':
      return (
        actor.role === 'secadmin' &&
        (resource === null || (resource.kind === 'account' && resource.userId !== actor.userId))
      );
    case 'applicant-account:manage':
      if (resource?.kind !== 'applicant-account') return false;
      return actor.role === 'province' || (actor.role === 'city' && resource.authorityCode === actor.authorityCode);
    case 'board:read':
    case 'package:manage':
      return actor.role === 'province';
    case 'package:accept':
      return actor.role === 'province' && resource?.kind === 'package';
    case 'package:own':
      return actor.role === 'city' && actor.authorityCode !== null;
    case 'package:read':
      if (resource?.kind !== 'package') return false;
      return actor.role === 'province' || (actor.role === 'city' && resource.authorityCode === actor.authorityCode);
    case 'review:read':
      if (resource?.kind !== 'application' || resource.status === 'draft') return false;
      return actor.role === 'province' || (actor.role === 'city' && resource.authorityCode === actor.authorityCode);
    case 'review:write':
      return (
        actor.role === 'city' &&
        resource?.kind === 'application' &&
        resource.status !== 'draft' &&
        resource.authorityCode === actor.authorityCode
      );
    case 'expert-pool:manage':
    case 'review-round:manage':
    case 'review-score:manage':
      return actor.role === 'province';
    case 'holidays:admin':
      return actor.role === 'sysadmin';
    case 'publicity:manage':
      return actor.role === 'province';
    case 'objection:respond':
      return actor.role === 'city' && actor.authorityCode !== null;
    case 'recognition:own':
      if (actor.role !== 'applicant' || actor.unitId === null) return false;
      return resource === null || (resource.kind === 'recognition' && resource.unitId === actor.unitId);
    case 'annual-report:read':
      if (actor.role === 'province') return resource === null || resource.kind === 'recognition';
      if (actor.role !== 'city' || actor.authorityCode === null) return false;
      return resource === null || (resource.kind === 'recognition' && resource.authorityCode === actor.authorityCode);
    case 'annual-report:check':
      if (actor.role !== 'city' || actor.authorityCode === null) return false;
      return resource === null || (resource.kind === 'recognition' && resource.authorityCode === actor.authorityCode);
    case 'recognition:manage':
      return actor.role === 'province';
    case 'expert-review:read':
    case 'expert-review:score':
      if (actor.role !== 'expert') return false;
      if (resource === null) return true;
      return (
        resource.kind === 'review-material' &&
        resource.assigned &&
        resource.signed &&
        resource.roundOpen &&
        !resource.conflicted
      );
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
