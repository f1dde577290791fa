import QRCode from 'qrcode';
import type { RecoveryCodesView, Role, SecondFactorStatus, TotpEnrolmentView } from '#contract';
import type { Config } from '../config.js';
import { AppError, fieldError } from '../domain/errors.js';
import { matchTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from '../domain/totp.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';

/** Who must sign in with a second factor: the roles of `config.secondFactorRoles`, and city officials whose authority requires it. */
export function secondFactorRequired(config: Config, role: Role, authorityRequiresTotp: boolean): boolean {
  return config.secondFactorRoles.includes(role) || (role === 'city' && authorityRequiresTotp);
}

async function ownAccount(ctx: Context, actor: Actor) {
  const user = await ctx.users.findById(actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export async function secondFactorStatus(ctx: Context, actor: Actor | null): Promise<SecondFactorStatus> {
  authorize(actor, 'account:self');
  const user = await ownAccount(ctx, actor);
  const authority = user.authority_code ? await ctx.references.findAuthority(user.authority_code) : undefined;
  return {
    enrolled: user.totp_enabled_at !== null,
    enabledAt: user.totp_enabled_at,
    required: secondFactorRequired(ctx.config, user.role, authority?.require_totp === 1),
    pending: user.totp_enabled_at === null && user.totp_pending_secret !== null,
    recoveryCodesLeft: user.totp_enabled_at ? await ctx.signIn.unusedRecoveryCodes(user.id) : 0,
  };
}

/**
 * Starts (or restarts) the enrolment: a new secret, kept encrypted as pending until a code from the app
 * confirms it, shown as a QR code of its otpauth:// URI and as text. Refused while a factor is enabled:
 * replacing it takes the security administrator's reset.
 */
export async function startTotpEnrolment(
  ctx: Context,
  actor: Actor | null,
  origin: RequestOrigin,
): Promise<TotpEnrolmentView> {
  authorize(actor, 'account:self');
  const secret = newTotpSecret();
  const uri = totpUri(secret, actor.username);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  await ctx.transaction(async (tx) => {
    if (!(await tx.signIn.setPendingTotp(actor.userId, secret))) throw new AppError('TOTP_ALREADY_ENROLLED');
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'totp.enrolment_started',
        targetType: 'user',
        targetId: actor.userId,
      },
      tx.clock.now(),
    );
  });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}` };
}

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
      (await ownAccount(ctx, actor)).totp_enabled_at ? 'TOTP_ALREADY_ENROLLED' : 'TOTP_ENROLMENT_NOT_STARTED',
    );
  const step = matchTotp(pending.secret, input.code, now);
  if (step === null)
    throw fieldError('code', '动态口令不正确：请输入验证器中当前显示的6位数字，并核对手机时间是否准确');
  const recoveryCodes = newRecoveryCodes();
  await ctx.transaction(async (tx) => {
    if (!(await tx.signIn.enableTotp(actor.userId, pending.stored, step, now)))
      throw new AppError('TOTP_ENROLMENT_NOT_STARTED', '绑定已在别处重新开始或已完成，请刷新页面');
    await tx.signIn.replaceRecoveryCodes(
      actor.userId,
      recoveryCodes.map((c) => recoveryCodeHash(actor.userId, c)),
      now,
    );
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'totp.enabled',
        targetType: 'user',
        targetId: actor.userId,
        detail: { recoveryCodes: recoveryCodes.length },
      },
      now,
    );
  });
  return { recoveryCodes };
}

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
  const recoveryCodes = newRecoveryCodes();
  await ctx.transaction(async (tx) => {
    if (!(await tx.signIn.acceptTotpStep(actor.userId, step)))
      throw fieldError('code', '该动态口令已使用过，请等待下一组动态口令');
    await tx.signIn.replaceRecoveryCodes(
      actor.userId,
      recoveryCodes.map((c) => recoveryCodeHash(actor.userId, c)),
      now,
    );
    await tx.audit.record(
      {
        actorUserId: actor.userId,
        actorName: actor.username,
        ip: origin.ip,
        action: 'totp.recovery_codes_replaced',
        targetType: 'user',
        targetId: actor.userId,
        detail: { recoveryCodes: recoveryCodes.length },
      },
      now,
    );
  });
  return { recoveryCodes };
}
