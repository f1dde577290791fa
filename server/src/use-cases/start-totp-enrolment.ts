import QRCode from 'qrcode';
import type { TotpEnrolmentView } from '#contract';
import { AppError } from '../domain/errors.js';
import { newTotpSecret, totpUri } from '../domain/totp.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentTotpEnrolment } from '../presenters/sign-in.js';
import type { Context, RequestOrigin } from './context.js';

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
  return presentTotpEnrolment(secret, uri, svg);
}
