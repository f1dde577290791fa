import type { RecoveryCodesView } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { matchTotp } from '../domain/totp.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { storeRecoveryCodes } from './steps/store-recovery-codes.js';
import { loadOwnAccount } from './loaders/account.js';

/** Confirms the enrolment with a code of the pending secret: the factor is enabled and ten recovery codes are made, shown this once. */
export async function confirmTotpEnrolment(
  ctx: Context,
  actor: Actor | null,
  input: { code: string },
  origin: RequestOrigin,
): Promise<RecoveryCodesView> {
  authorize(actor, 'account:self');
  const now = ctx.clock.now();
  const pending = await ctx.signIn.pendingTotp(actor.userId);
  if (!pending)
    throw new AppError(
      (await loadOwnAccount(ctx, actor)).totp_enabled_at ? 'TOTP_ALREADY_ENROLLED' : 'TOTP_ENROLMENT_NOT_STARTED',
    );
  const step = matchTotp(pending.secret, input.code, now);
  if (step === null)
    throw fieldError('code', '动态口令不正确：请输入验证器中当前显示的6位数字，并核对手机时间是否准确');
  const recoveryCodes = await ctx.transaction(async (tx) => {
    if (!(await tx.signIn.enableTotp(actor.userId, pending.stored, step, now)))
      throw new AppError('TOTP_ENROLMENT_NOT_STARTED', '绑定已在别处重新开始或已完成，请刷新页面');
    return storeRecoveryCodes(tx, actor, 'totp.enabled', origin, now);
  });
  return { recoveryCodes };
}
