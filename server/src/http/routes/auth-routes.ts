import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginInputSchema,
  loginSecondFactorInputSchema,
  registerInputSchema,
  unlockInputSchema,
  type CaptchaView,
  type LoginAnswer,
  type SessionView,
} from '#contract';
import { AppError } from '../../domain/errors.js';
import { demoAccounts } from '../../seed/seed.js';
import { issueCaptcha } from '../../use-cases/captcha.js';
import type { Context } from '../../use-cases/context.js';
import { logIn, logInWithSecondFactor, unlockWithSecondFactor } from '../../use-cases/log-in.js';
import { registerApplicant } from '../../use-cases/register-applicant.js';
import { logOut, resolveSession } from '../../use-cases/sessions.js';
import { originOf, SESSION_COOKIE } from '../security.js';

export const authRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const sessionView = (req: FastifyRequest): SessionView => ({
      user: req.actor && {
        id: req.actor.userId,
        username: req.actor.username,
        displayName: req.actor.displayName,
        role: req.actor.role,
        unitId: req.actor.unitId,
        authorityCode: req.actor.authorityCode,
        mustChangePassword: req.mustChangePassword,
        totpRequired: req.secondFactor?.required ?? false,
        totpEnrolled: req.secondFactor?.enrolled ?? false,
      },
      csrfToken: req.csrfToken,
      idleTimeoutSeconds: ctx.config.sessionIdleSeconds,
      demo: ctx.config.demo,
    });

    const startSession = async (
      req: FastifyRequest,
      reply: FastifyReply,
      session: { sessionId: string; csrfToken: string },
    ) => {
      reply.setCookie(SESSION_COOKIE, session.sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        // Always Secure in production (served over HTTPS, usually by a proxy in front); elsewhere only when
        // the request came over HTTPS, so plain-HTTP development keeps working.
        secure: ctx.config.production ? true : 'auto',
      });
      const resolved = await resolveSession(ctx, session.sessionId);
      if (resolved.state === 'active') {
        req.actor = resolved.actor;
        req.csrfToken = resolved.csrfToken;
        req.mustChangePassword = resolved.mustChangePassword;
        req.secondFactor = resolved.secondFactor;
      }
      return sessionView(req);
    };

    app.get(
      '/api/v1/session',
      { config: { policy: 'public' }, schema: { tags: ['账户'], summary: '当前会话' } },
      async (req) => sessionView(req),
    );

    app.post(
      '/api/v1/auth/login',
      {
        config: { policy: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['账户'],
          summary: '登录（第一步：密码；启用动态口令的账号应答 next=totp 与 challenge）',
          body: loginInputSchema,
        },
      },
      async (req, reply): Promise<LoginAnswer> => {
        const outcome = await logIn(ctx, req.body, originOf(req));
        if (outcome.next === 'totp')
          return { next: 'totp', challenge: outcome.challenge, expiresInSeconds: outcome.expiresInSeconds };
        return startSession(req, reply, outcome.session);
      },
    );

    app.post(
      '/api/v1/auth/login/totp',
      {
        config: { policy: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['账户'], summary: '登录（第二步：动态口令或恢复码）', body: loginSecondFactorInputSchema },
      },
      async (req, reply) => startSession(req, reply, await logInWithSecondFactor(ctx, req.body, originOf(req))),
    );

    app.post(
      '/api/v1/auth/unlock',
      {
        config: { policy: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['账户'], summary: '以密码和动态口令解除本设备的登录锁定并登录', body: unlockInputSchema },
      },
      async (req, reply) => startSession(req, reply, await unlockWithSecondFactor(ctx, req.body, originOf(req))),
    );

    app.post(
      '/api/v1/auth/captcha',
      {
        config: {
          policy: 'public',
          rateLimit: { max: ctx.config.loginRateLimitPerMinute * 2, timeWindow: '1 minute' },
        },
        schema: { tags: ['账户'], summary: '图形验证码（登录失败3次后须填写）' },
      },
      async (): Promise<CaptchaView> => issueCaptcha(ctx),
    );

    app.post(
      '/api/v1/auth/register',
      {
        config: { policy: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['账户'], summary: '申报单位注册', body: registerInputSchema },
      },
      async (req, reply) => {
        const session = await registerApplicant(ctx, req.body, originOf(req));
        return startSession(req, reply, session);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { config: { policy: 'session:use' }, schema: { tags: ['账户'], summary: '退出登录' } },
      async (req, reply) => {
        await logOut(ctx, req.actor, req.cookies[SESSION_COOKIE], originOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/demo-accounts',
      {
        config: { policy: 'public' },
        schema: {
          tags: ['账户'],
          summary: '演示账号（仅演示环境）',
          response: {
            200: z.array(
              z.object({ username: z.string(), password: z.string(), role: z.string(), description: z.string() }),
            ),
          },
        },
      },
      async () => {
        if (!ctx.config.demo) throw new AppError('NOT_FOUND');
        return demoAccounts.map(({ username, password, role, description }) => ({
          username,
          password,
          role,
          description,
        }));
      },
    );
  };
