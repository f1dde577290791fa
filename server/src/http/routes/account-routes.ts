import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountAdminEndpoints as admin,
  applicantAccountEndpoints as applicantAccounts,
  ownAccountEndpoints as ownAccount,
  type OneTimePasswordView,
} from '#contract';
import { changePassword } from '../../use-cases/change-password.js';
import type { Context } from '../../use-cases/context.js';
import { createAccount } from '../../use-cases/create-account.js';
import { listAccounts } from '../../use-cases/list-accounts.js';
import { listAuthoritySecurity } from '../../use-cases/list-authority-security.js';
import { resetApplicantPassword } from '../../use-cases/reset-applicant-password.js';
import { resetPassword } from '../../use-cases/reset-password.js';
import { setAccountEnabled } from '../../use-cases/set-account-enabled.js';
import { setAuthorityRequireTotp } from '../../use-cases/set-authority-totp.js';
import { hashSessionId } from '../../use-cases/steps/session-keys.js';
import { transferApplicantAccount } from '../../use-cases/transfer-applicant-account.js';
import { viewApplicantAccount } from '../../use-cases/view-applicant-account.js';
import { originOf, SESSION_COOKIE } from '../security.js';
import { serve } from '../serve.js';

/** An answer that carries a one-time password is never kept by a browser or a proxy. */
function oneTime(reply: FastifyReply, view: OneTimePasswordView): OneTimePasswordView {
  reply.header('cache-control', 'no-store');
  return view;
}

/**
 * Accounts: the system administrator's (officials and administrators, second-factor requirement per
 * authority), every user's own password, and the cities' (and the province's) care of applicant accounts.
 */
export const accountRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const adminTags = ['账号管理（系统管理员）'];
    const own = ['账户'];
    const applicants = ['申报单位账号（市级主管部门）'];

    serve(
      app,
      admin.list,
      { policy: 'account:admin', tags: adminTags, summary: '官员与管理员账号（角色、所属单位、状态、最近登录）' },
      async (req) => ({ items: await listAccounts(ctx, req.actor) }),
    );

    serve(
      app,
      admin.create,
      {
        policy: 'account:admin',
        tags: adminTags,
        summary: '创建账号（一次性密码只在本次应答中出现，首次登录须修改）',
      },
      async (req, reply) => oneTime(reply.status(201), await createAccount(ctx, req.actor, req.body, originOf(req))),
    );

    serve(
      app,
      admin.disable,
      { policy: 'account:admin', tags: adminTags, summary: '停用账号（结束其全部会话）' },
      async (req) => setAccountEnabled(ctx, req.actor, req.params.userId, false, originOf(req)),
    );

    serve(app, admin.enable, { policy: 'account:admin', tags: adminTags, summary: '启用账号' }, async (req) =>
      setAccountEnabled(ctx, req.actor, req.params.userId, true, originOf(req)),
    );

    serve(
      app,
      admin.resetPassword,
      { policy: 'account:admin', tags: adminTags, summary: '重置密码（一次性密码，结束其全部会话）' },
      async (req, reply) => oneTime(reply, await resetPassword(ctx, req.actor, req.params.userId, originOf(req))),
    );

    serve(
      app,
      admin.authorities,
      { policy: 'account:admin', tags: adminTags, summary: '各市主管部门是否要求双因素认证' },
      async (req) => ({ items: await listAuthoritySecurity(ctx, req.actor) }),
    );

    serve(
      app,
      admin.setRequireTotp,
      { policy: 'account:admin', tags: adminTags, summary: '要求（或不要求）某市主管部门的账号使用动态口令' },
      async (req) =>
        setAuthorityRequireTotp(ctx, req.actor, req.params.authorityCode, req.body.requireTotp, originOf(req)),
    );

    serve(
      app,
      ownAccount.changePassword,
      {
        policy: 'account:self',
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
        tags: own,
        summary: '修改本人密码（须输入当前密码；新密码不能是最近5次用过的；结束本人的其他会话）',
      },
      async (req, reply) => {
        const sessionId = req.cookies[SESSION_COOKIE];
        await changePassword(ctx, req.actor, req.body, sessionId ? hashSessionId(sessionId) : undefined, originOf(req));
        return reply.status(204).send(null);
      },
    );

    serve(
      app,
      applicantAccounts.get,
      {
        policy: 'applicant-account:manage',
        tags: applicants,
        summary: '申报单位账号（用户名、联系人，电话已脱敏）',
      },
      async (req) => viewApplicantAccount(ctx, req.actor, req.params.unitId),
    );

    serve(
      app,
      applicantAccounts.resetPassword,
      { policy: 'applicant-account:manage', tags: applicants, summary: '核实身份后重置申报单位密码（一次性密码）' },
      async (req, reply) =>
        oneTime(reply, await resetApplicantPassword(ctx, req.actor, req.params.unitId, req.body, originOf(req))),
    );

    serve(
      app,
      applicantAccounts.transfer,
      {
        policy: 'applicant-account:manage',
        tags: applicants,
        summary: '将申报单位账号移交新联系人（更新联系人，一次性密码，原会话结束）',
      },
      async (req, reply) =>
        oneTime(reply, await transferApplicantAccount(ctx, req.actor, req.params.unitId, req.body, originOf(req))),
    );
  };
