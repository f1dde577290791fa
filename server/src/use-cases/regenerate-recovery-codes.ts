import type { RecoveryCodesView } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { matchTotp } from '../domain/totp.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { storeRecoveryCodes } from './steps/store-recovery-codes.js';

/** New recovery codes for old ones (all of them replaced), with a current code of the factor. */
export async function regenerateRecoveryCodes(
  ctx: Context,
  actor: Actor | null,
  input: { code: string },
  origin: RequestOrigin,
): Promise<RecoveryCodesView> {
  authorize(actor, 'account:self');
  const now = ctx.clock.now();
  const secret = await ctx.signIn.totpSecret(actor.userId);
  if (!secret) throw new AppError('TOTP_NOT_ENROLLED');
  const step = matchTotp(secret, input.code, now);
  if (step === null) throw fieldError('code', '动态口令不正确：请输入验证器中当前显示的6位数字');
  const recoveryCodes = await ctx.transaction(async (tx) => {
    if (!(await tx.signIn.acceptTotpStep(actor.userId, step)))
      throw fieldError('code', '该动态口令已使用过，请等待下一组动态口令');
    return storeRecoveryCodes(tx, actor, 'totp.recovery_codes_replaced', origin, now);
  });
  return { recoveryCodes };
}
