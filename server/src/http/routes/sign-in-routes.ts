import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { securityAdminEndpoints, secondFactorEndpoints } from '#contract';
import { confirmTotpEnrolment } from '../../use-cases/confirm-totp-enrolment.js';
import type { Context } from '../../use-cases/context.js';
import { getSecondFactorStatus } from '../../use-cases/get-second-factor-status.js';
import { listSignInAccounts } from '../../use-cases/list-sign-in-accounts.js';
import { regenerateRecoveryCodes } from '../../use-cases/regenerate-recovery-codes.js';
import { resetSecondFactor } from '../../use-cases/reset-second-factor.js';
import { startTotpEnrolment } from '../../use-cases/start-totp-enrolment.js';
import { unlockAccount } from '../../use-cases/unlock-account.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';

/** Tries of a code per client and minute on the account pages (the login's codes are bounded by the lockout). */
const CODE_TRIES_PER_MINUTE = 20;

/**
 * The second factor: every user's own (status, enrolment, recovery codes), and the security
 * administrator's care of sign-in (failed logins and locks, unlock, reset of a second factor).
 */
export const signInRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const own = ['账户'];
    const security = ['登录安全（安全管理员）'];
    const codeTries = { max: CODE_TRIES_PER_MINUTE, timeWindow: '1 minute' };

    serve(
      app,
      secondFactorEndpoints.status,
      { policy: 'account:self', tags: own, summary: '本人的动态口令（双因素认证）状态' },
      async (req) => getSecondFactorStatus(ctx, req.actor),
    );

    serve(
      app,
      secondFactorEndpoints.start,
      { policy: 'account:self', rateLimit: codeTries, tags: own, summary: '开始绑定动态口令：新密钥（二维码与文本）' },
      async (req) => startTotpEnrolment(ctx, req.actor, originOf(req)),
    );

    serve(
      app,
      secondFactorEndpoints.confirm,
      {
        policy: 'account:self',
        rateLimit: codeTries,
        tags: own,
        summary: '以验证器中的动态口令确认绑定；应答中的恢复码只出现这一次',
      },
      async (req) => confirmTotpEnrolment(ctx, req.actor, req.body, originOf(req)),
    );

    serve(
      app,
      secondFactorEndpoints.regenerateRecoveryCodes,
      {
        policy: 'account:self',
        rateLimit: codeTries,
        tags: own,
        summary: '重新生成恢复码（须当前动态口令；原恢复码作废）',
      },
      async (req) => regenerateRecoveryCodes(ctx, req.actor, req.body, originOf(req)),
    );

    serve(
      app,
      securityAdminEndpoints.accounts,
      { policy: 'security:manage', tags: security, summary: '登录失败与锁定的账号，或按用户名、名称查找的账号' },
      async (req) => ({ items: await listSignInAccounts(ctx, req.actor, req.query.search ?? null) }),
    );

    serve(
      app,
      securityAdminEndpoints.unlock,
      { policy: 'security:manage', tags: security, summary: '解除账号在所有设备上的登录锁定' },
      async (req) => unlockAccount(ctx, req.actor, req.params.userId, originOf(req)),
    );

    serve(
      app,
      securityAdminEndpoints.resetSecondFactor,
      {
        policy: 'security:manage',
        tags: security,
        summary: '重置账号的动态口令（结束其全部会话，下次登录重新绑定）',
      },
      async (req) => resetSecondFactor(ctx, req.actor, req.params.userId, originOf(req)),
    );
  };
