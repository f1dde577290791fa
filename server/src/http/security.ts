import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../domain/errors.js';
import { can, type Action, type Actor } from '../policies/policy.js';
import type { Context } from '../use-cases/context.js';
import { resolveSession } from '../use-cases/sessions.js';

export const SESSION_COOKIE = 'sb_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionExpired: boolean;
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
const resourceFree: ReadonlySet<Action> = new Set(['session:use', 'application:own', 'application:list', 'audit:read', 'board:read', 'package:own', 'package:manage']);
const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Session, CSRF and the authorization policy for every route: a route without a declared policy
 * action cannot even be registered.
 */
export function installSecurity(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionExpired', false);

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
    } else if (req.cookies[SESSION_COOKIE]) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      req.sessionExpired = session.state === 'expired';
    }
    if (stateChanging.has(req.method)) checkCsrf(req);
    if (policy === 'public') return;
    if (!req.actor) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (resourceFree.has(policy) && !can(req.actor, policy)) throw new AppError('FORBIDDEN');
  });
}

const DENIALS = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'CSRF_REJECTED', 'FORBIDDEN']);

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
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.headers.host) throw new AppError('CSRF_REJECTED');
  }
  if (req.actor && req.headers['x-csrf-token'] !== req.csrfToken) throw new AppError('CSRF_REJECTED');
}

export function originOf(req: FastifyRequest) {
  return { ip: req.ip ?? null };
}
