import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  totpConfirmInputSchema,
  type RecoveryCodesView,
  type SecondFactorStatus,
  type SignInAccountView,
  type TotpEnrolmentView,
} from '#contract';
import type { Context } from '../../use-cases/context.js';
import {
  confirmTotpEnrolment,
  regenerateRecoveryCodes,
  secondFactorStatus,
  startTotpEnrolment,
} from '../../use-cases/second-factor.js';
import { listSignInAccounts, resetSecondFactor, unlockAccount } from '../../use-cases/sign-in-security.js';
import { originOf } from '../security.js';

const userParams = z.object({ userId: z.string().uuid({ error: '账号编号格式不正确' }) });
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

    app.get(
      '/api/v1/account/second-factor',
      { config: { policy: 'account:self' }, schema: { tags: own, summary: '本人的动态口令（双因素认证）状态' } },
      async (req): Promise<SecondFactorStatus> => secondFactorStatus(ctx, req.actor),
    );

    app.post(
      '/api/v1/account/second-factor/enrolment',
      {
        config: { policy: 'account:self', rateLimit: codeTries },
        schema: { tags: own, summary: '开始绑定动态口令：新密钥（二维码与文本）' },
      },
      async (req): Promise<TotpEnrolmentView> => startTotpEnrolment(ctx, req.actor, originOf(req)),
    );

    app.post(
      '/api/v1/account/second-factor/enrolment/confirm',
      {
        config: { policy: 'account:self', rateLimit: codeTries },
        schema: {
          tags: own,
          summary: '以验证器中的动态口令确认绑定；应答中的恢复码只出现这一次',
          body: totpConfirmInputSchema,
        },
      },
      async (req): Promise<RecoveryCodesView> => confirmTotpEnrolment(ctx, req.actor, req.body, originOf(req)),
    );

    app.post(
      '/api/v1/account/second-factor/recovery-codes',
      {
        config: { policy: 'account:self', rateLimit: codeTries },
        schema: { tags: own, summary: '重新生成恢复码（须当前动态口令；原恢复码作废）', body: totpConfirmInputSchema },
      },
      async (req): Promise<RecoveryCodesView> => regenerateRecoveryCodes(ctx, req.actor, req.body, originOf(req)),
    );

    app.get(
      '/api/v1/admin/security/accounts',
      {
        config: { policy: 'security:manage' },
        schema: {
          tags: security,
          summary: '登录失败与锁定的账号，或按用户名、名称查找的账号',
          querystring: z.object({ search: z.string().max(64).optional() }),
        },
      },
      async (req): Promise<{ items: SignInAccountView[] }> => ({
        items: await listSignInAccounts(ctx, req.actor, req.query.search ?? null),
      }),
    );

    app.post(
      '/api/v1/admin/security/accounts/:userId/unlock',
      {
        config: { policy: 'security:manage' },
        schema: { tags: security, summary: '解除账号在所有设备上的登录锁定', params: userParams },
      },
      async (req) => unlockAccount(ctx, req.actor, req.params.userId, originOf(req)),
    );

    app.delete(
      '/api/v1/admin/security/accounts/:userId/second-factor',
      {
        config: { policy: 'security:manage' },
        schema: {
          tags: security,
          summary: '重置账号的动态口令（结束其全部会话，下次登录重新绑定）',
          params: userParams,
        },
      },
      async (req) => resetSecondFactor(ctx, req.actor, req.params.userId, originOf(req)),
    );
  };
