import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../domain/errors.js';
import { can, type Action, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from '../use-cases/context.js';
import { resolveSession } from '../use-cases/resolve-session.js';

export const SESSION_COOKIE = 'sb_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionExpired: boolean;
    /** The session's user signed in with a one-time password and has not changed it yet. */
    mustChangePassword: boolean;
    /** Whether the session's user must have a second factor, and has one. */
    secondFactor: { required: boolean; enrolled: boolean } | null;
  }
  interface FastifyContextConfig {
    /** The policy action this route performs; required on every /api/v1 route. */
    policy?: Action;
  }
  interface FastifyInstance {
    /** Every /api/v1 route as registered (HEAD twins of GET routes included), for the authorization matrix test. */
    routeTable: readonly RouteEntry[];
  }
}

/** One registered /api/v1 route and the policy action it declares. */
export interface RouteEntry {
  method: string;
  url: string;
  policy: Action;
}

/** Actions checked before the handler runs; the others need a resource, checked by the use case. */
const resourceFree: ReadonlySet<Action> = new Set([
  'session:use',
  'application:own',
  'application:list',
  'audit:read',
  'board:read',
  'package:own',
  'package:manage',
  'account:self',
  'account:admin',
  'security:manage',
]);
/** Besides public routes (the session view among them), all a session may use while its one-time password is not yet changed. */
const openWhilePasswordChangeRequired = new Set(['POST /api/v1/account/password', 'POST /api/v1/auth/logout']);
/**
 * Besides public routes, all a session may use while its user must enrol a second factor and has none
 * (the change of a one-time password, which comes first, among them).
 */
const openWhileEnrolmentRequired = new Set([
  'POST /api/v1/account/password',
  'GET /api/v1/account/second-factor',
  'POST /api/v1/account/second-factor/enrolment',
  'POST /api/v1/account/second-factor/enrolment/confirm',
  'POST /api/v1/auth/logout',
]);
const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Session, CSRF and the authorization policy for every route: a route without a declared policy
 * action cannot even be registered.
 */
export function installSecurity(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('secondFactor', null);

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/v1')) return;
    const policy = route.config?.policy;
    if (!policy) throw new Error(`route ${route.method} ${route.url} declares no policy action`);
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, policy });
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const policy = req.routeOptions.config.policy;
    if (!policy) return;
    const session = await resolveSession(ctx, req.cookies[SESSION_COOKIE]);
    if (session.state === 'active') {
      req.actor = session.actor;
      req.csrfToken = session.csrfToken;
      req.mustChangePassword = session.mustChangePassword;
      req.secondFactor = session.secondFactor;
    } else if (req.cookies[SESSION_COOKIE]) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      req.sessionExpired = session.state === 'expired';
    }
    if (stateChanging.has(req.method)) checkCsrf(req);
    if (policy === 'public') return;
    if (!req.actor) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (
      req.mustChangePassword &&
      !openWhilePasswordChangeRequired.has(`${req.method === 'HEAD' ? 'GET' : req.method} ${req.routeOptions.url}`)
    ) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (
      req.secondFactor?.required &&
      !req.secondFactor.enrolled &&
      !openWhileEnrolmentRequired.has(`${req.method === 'HEAD' ? 'GET' : req.method} ${req.routeOptions.url}`)
    ) {
      throw new AppError('TOTP_ENROLMENT_REQUIRED');
    }
    if (resourceFree.has(policy) && !can(req.actor, policy)) throw new AppError('FORBIDDEN');
  });
}

const DENIALS = new Set([
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'CSRF_REJECTED',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED',
  'TOTP_ENROLMENT_REQUIRED',
]);

/**
 * Every refused request (401, 403, CSRF) is audited with who asked for what: the route, its method, the
 * refusal and, when logged in, the user. Runs before the error handler turns the refusal into its answer.
 */
export function auditDenials(app: FastifyInstance, ctx: Context): void {
  app.addHook('onError', async (req, _reply, err) => {
    if (!(err instanceof AppError) || !DENIALS.has(err.code)) return;
    await ctx.audit.record(
      {
        actorUserId: req.actor?.userId ?? null,
        actorName: req.actor?.username ?? null,
        ip: req.ip ?? null,
        action: 'access.denied',
        targetType: 'route',
        targetId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]!.slice(0, 200)}`,
        detail: { code: err.code, path: req.url.split('?')[0]!.slice(0, 200) },
      },
      ctx.clock.now(),
    );
  });
}

/** A logged-in state change must carry the session's token; any cross-site Origin is refused. */
function checkCsrf(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string | null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.headers.host) throw new AppError('CSRF_REJECTED');
  }
  if (req.actor && req.headers['x-csrf-token'] !== req.csrfToken) throw new AppError('CSRF_REJECTED');
}

/**
 * The client of a request: its address (behind a proxy trusted by TRUST_PROXY, the address that proxy
 * saw, from X-Forwarded-For; otherwise the socket's) and its user agent.
 */
export function originOf(req: FastifyRequest): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}
