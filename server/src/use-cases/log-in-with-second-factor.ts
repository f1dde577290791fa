import { AppError, type ErrorCode } from '../domain/errors.js';
import { matchTotp, recoveryCodeHash } from '../domain/totp.js';
import type { Context, RequestOrigin } from './context.js';
import { accountLedger } from './guards/login-failures.js';
import type { OpenedSession } from './steps/open-session.js';
import {
  challengeHash,
  clientKeyOf,
  complete,
  failure,
  refuseDisabled,
  refusedWhileLocked,
  type Attempt,
} from './steps/sign-in-attempt.js';

/**
 * The second step: a TOTP code (accepted once: its time step must be newer than the last one used) or
 * a recovery code (used up). Each try counts as an attempt of that account and client like a password.
 */
export async function logInWithSecondFactor(
  ctx: Context,
  input: { challenge: string; code?: string; recoveryCode?: string },
  origin: RequestOrigin,
): Promise<OpenedSession> {
  const now = ctx.clock.now();
  const idHash = challengeHash(input.challenge);
  const challenge = await ctx.signIn.findChallenge(idHash);
  if (!challenge || challenge.client_key !== clientKeyOf(origin) || Date.parse(challenge.expires_at) <= now.getTime())
    throw new AppError('LOGIN_CHALLENGE_EXPIRED');
  const user = await ctx.users.findById(challenge.user_id);
  const secret = user && (await ctx.signIn.totpSecret(user.id));
  if (!user || !secret) throw new AppError('LOGIN_CHALLENGE_EXPIRED');
  const a: Attempt = { ctx, origin, now, user, ledger: accountLedger(ctx, user.id, clientKeyOf(origin)) };
  const count = await a.ledger.take(now);
  if (count.failures > ctx.config.lockoutThreshold) throw await refusedWhileLocked(a, count, idHash);
  await refuseDisabled(a, user);
  const step = input.code ? matchTotp(secret, input.code, now) : null;
  const method = input.recoveryCode ? 'recovery_code' : 'totp';
  const session = await ctx.transaction(async (tx) => {
    const accepted = input.recoveryCode
      ? await tx.signIn.useRecoveryCode(user.id, recoveryCodeHash(user.id, input.recoveryCode), now)
      : step !== null && (await tx.signIn.acceptTotpStep(user.id, step));
    if (!accepted) return null;
    await tx.signIn.deleteChallenge(idHash);
    return complete({ ...a, ctx: tx }, user, { secondFactor: method });
  });
  if (session) return session;
  const [reason, refusal]: [string, ErrorCode] = input.recoveryCode
    ? ['bad_recovery_code', 'RECOVERY_CODE_INVALID']
    : step === null
      ? ['bad_totp', 'TOTP_INVALID']
      : ['totp_replayed', 'TOTP_REPLAYED'];
  throw await failure(a, count, reason, refusal, ctx.config.lockoutThreshold, idHash);
}
