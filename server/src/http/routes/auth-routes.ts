import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authEndpoints as api } from '#contract';
import { presentSession } from '../../presenters/session.js';
import type { Context } from '../../use-cases/context.js';
import { issueCaptcha } from '../../use-cases/issue-captcha.js';
import { listDemoAccounts } from '../../use-cases/list-demo-accounts.js';
import { logInWithSecondFactor } from '../../use-cases/log-in-with-second-factor.js';
import { logIn } from '../../use-cases/log-in.js';
import { logOut } from '../../use-cases/log-out.js';
import { registerApplicant } from '../../use-cases/register-applicant.js';
import { resolveSession } from '../../use-cases/resolve-session.js';
import type { OpenedSession } from '../../use-cases/steps/open-session.js';
import { unlockWithSecondFactor } from '../../use-cases/unlock-with-second-factor.js';
import { originOf, SESSION_COOKIE } from '../security.js';
import { serve } from '../serve.js';

export const authRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['账户'];
    const signInRate = { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

    /** Sets the cookie of a session just opened and answers with that session, as the next request will see it. */
    const startSession = async (req: FastifyRequest, reply: FastifyReply, session: OpenedSession) => {
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
      return presentSession(req, ctx.config);
    };

    serve(app, api.session, { policy: 'public', tags, summary: '当前会话' }, async (req) =>
      presentSession(req, ctx.config),
    );

    serve(
      app,
      api.login,
      {
        policy: 'public',
        rateLimit: signInRate,
        tags,
        summary: '登录（第一步：密码；启用动态口令的账号应答 next=totp 与 challenge）',
      },
      async (req, reply) => {
        const outcome = await logIn(ctx, req.body, originOf(req));
        if (outcome.next === 'totp') return outcome;
        return startSession(req, reply, outcome.session);
      },
    );

    serve(
      app,
      api.loginSecondFactor,
      { policy: 'public', rateLimit: signInRate, tags, summary: '登录（第二步：动态口令或恢复码）' },
      async (req, reply) => startSession(req, reply, await logInWithSecondFactor(ctx, req.body, originOf(req))),
    );

    serve(
      app,
      api.unlock,
      { policy: 'public', rateLimit: signInRate, tags, summary: '以密码和动态口令解除本设备的登录锁定并登录' },
      async (req, reply) => startSession(req, reply, await unlockWithSecondFactor(ctx, req.body, originOf(req))),
    );

    serve(
      app,
      api.captcha,
      {
        policy: 'public',
        rateLimit: { max: ctx.config.loginRateLimitPerMinute * 2, timeWindow: '1 minute' },
        tags,
        summary: '图形验证码（登录失败3次后须填写）',
      },
      async () => issueCaptcha(ctx),
    );

    serve(
      app,
      api.register,
      { policy: 'public', rateLimit: signInRate, tags, summary: '申报单位注册' },
      async (req, reply) => startSession(req, reply, await registerApplicant(ctx, req.body, originOf(req))),
    );

    serve(app, api.logout, { policy: 'session:use', tags, summary: '退出登录' }, async (req, reply) => {
      await logOut(ctx, req.actor, req.cookies[SESSION_COOKIE], originOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    serve(app, api.demoAccounts, { policy: 'public', tags, summary: '演示账号（仅演示环境）' }, async () =>
      listDemoAccounts(ctx),
    );
  };
