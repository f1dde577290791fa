import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicantResetInputSchema,
  applicantTransferInputSchema,
  changePasswordInputSchema,
  createAccountInputSchema,
  requireTotpInputSchema,
  type OneTimePasswordView,
} from '#contract';
import { viewApplicantAccount } from '../../use-cases/applicant-account.js';
import { changePassword } from '../../use-cases/change-password.js';
import type { Context } from '../../use-cases/context.js';
import { createAccount } from '../../use-cases/create-account.js';
import { listAccounts, listAuthoritySecurity } from '../../use-cases/list-accounts.js';
import { resetApplicantPassword } from '../../use-cases/reset-applicant-password.js';
import { resetPassword } from '../../use-cases/reset-password.js';
import { hashSessionId } from '../../use-cases/sessions.js';
import { setAccountEnabled } from '../../use-cases/set-account-enabled.js';
import { setAuthorityRequireTotp } from '../../use-cases/set-authority-totp.js';
import { transferApplicantAccount } from '../../use-cases/transfer-applicant-account.js';
import { originOf, SESSION_COOKIE } from '../security.js';

const userParams = z.object({ userId: z.string().uuid({ error: '账号编号格式不正确' }) });
const unitParams = z.object({ unitId: z.string().uuid({ error: '申报单位编号格式不正确' }) });
const authorityParams = z.object({ authorityCode: z.string().regex(/^\d{6}$/, { error: '主管部门代码须为6位数字' }) });

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
    const admin = ['账号管理（系统管理员）'];
    const own = ['账户'];
    const applicants = ['申报单位账号（市级主管部门）'];

    app.get(
      '/api/v1/admin/accounts',
      {
        config: { policy: 'account:admin' },
        schema: { tags: admin, summary: '官员与管理员账号（角色、所属单位、状态、最近登录）' },
      },
      async (req) => ({
        items: await listAccounts(ctx, req.actor),
      }),
    );

    app.post(
      '/api/v1/admin/accounts',
      {
        config: { policy: 'account:admin' },
        schema: {
          tags: admin,
          summary: '创建账号（一次性密码只在本次应答中出现，首次登录须修改）',
          body: createAccountInputSchema,
        },
      },
      async (req, reply) => oneTime(reply.status(201), await createAccount(ctx, req.actor, req.body, originOf(req))),
    );

    app.post(
      '/api/v1/admin/accounts/:userId/disable',
      {
        config: { policy: 'account:admin' },
        schema: { tags: admin, summary: '停用账号（结束其全部会话）', params: userParams },
      },
      async (req) => setAccountEnabled(ctx, req.actor, req.params.userId, false, originOf(req)),
    );

    app.post(
      '/api/v1/admin/accounts/:userId/enable',
      { config: { policy: 'account:admin' }, schema: { tags: admin, summary: '启用账号', params: userParams } },
      async (req) => setAccountEnabled(ctx, req.actor, req.params.userId, true, originOf(req)),
    );

    app.post(
      '/api/v1/admin/accounts/:userId/reset-password',
      {
        config: { policy: 'account:admin' },
        schema: { tags: admin, summary: '重置密码（一次性密码，结束其全部会话）', params: userParams },
      },
      async (req, reply) => oneTime(reply, await resetPassword(ctx, req.actor, req.params.userId, originOf(req))),
    );

    app.get(
      '/api/v1/admin/authorities',
      { config: { policy: 'account:admin' }, schema: { tags: admin, summary: '各市主管部门是否要求双因素认证' } },
      async (req) => ({
        items: await listAuthoritySecurity(ctx, req.actor),
      }),
    );

    app.put(
      '/api/v1/admin/authorities/:authorityCode/require-totp',
      {
        config: { policy: 'account:admin' },
        schema: {
          tags: admin,
          summary: '要求（或不要求）某市主管部门的账号使用动态口令',
          params: authorityParams,
          body: requireTotpInputSchema,
        },
      },
      async (req) =>
        setAuthorityRequireTotp(ctx, req.actor, req.params.authorityCode, req.body.requireTotp, originOf(req)),
    );

    app.post(
      '/api/v1/account/password',
      {
        config: {
          policy: 'account:self',
          rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: own,
          summary: '修改本人密码（须输入当前密码；新密码不能是最近5次用过的；结束本人的其他会话）',
          body: changePasswordInputSchema,
        },
      },
      async (req, reply) => {
        const sessionId = req.cookies[SESSION_COOKIE];
        await changePassword(ctx, req.actor, req.body, sessionId ? hashSessionId(sessionId) : undefined, originOf(req));
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/applicant-accounts/:unitId',
      {
        config: { policy: 'applicant-account:manage' },
        schema: { tags: applicants, summary: '申报单位账号（用户名、联系人，电话已脱敏）', params: unitParams },
      },
      async (req) => viewApplicantAccount(ctx, req.actor, req.params.unitId),
    );

    app.post(
      '/api/v1/applicant-accounts/:unitId/reset-password',
      {
        config: { policy: 'applicant-account:manage' },
        schema: {
          tags: applicants,
          summary: '核实身份后重置申报单位密码（一次性密码）',
          params: unitParams,
          body: applicantResetInputSchema,
        },
      },
      async (req, reply) =>
        oneTime(reply, await resetApplicantPassword(ctx, req.actor, req.params.unitId, req.body, originOf(req))),
    );

    app.post(
      '/api/v1/applicant-accounts/:unitId/transfer',
      {
        config: { policy: 'applicant-account:manage' },
        schema: {
          tags: applicants,
          summary: '将申报单位账号移交新联系人（更新联系人，一次性密码，原会话结束）',
          params: unitParams,
          body: applicantTransferInputSchema,
        },
      },
      async (req, reply) =>
        oneTime(reply, await transferApplicantAccount(ctx, req.actor, req.params.unitId, req.body, originOf(req))),
    );
  };
