import { matchTotp, newTotpSecret } from '../domain/totp.js';
import type { Context, RequestOrigin } from './context.js';
import { UNLOCK_ATTEMPTS } from './guards/login-failures.js';
import type { OpenedSession } from './steps/open-session.js';
import { attemptFor, complete, failure, refuseDisabled, refusedWhileLocked } from './steps/sign-in-attempt.js';

/** A secret no account has, checked against for names without a second factor so every unlock costs the same. */
const DUMMY_TOTP_SECRET = newTotpSecret();

/**
 * Password and TOTP code together, for a client locked out of the account (or any): the code is checked
 * first, so without the second factor no password is checked; both right clear the client's failures
 * and open the session. A locked client has UNLOCK_ATTEMPTS tries; names without a second factor, known
 * or not, get the same refusal after the same work.
 */
export async function unlockWithSecondFactor(
  ctx: Context,
  input: { username: string; password: string; code: string },
  origin: RequestOrigin,
): Promise<OpenedSession> {
  const a = await attemptFor(ctx, input.username, origin);
  const limit = ctx.config.lockoutThreshold + UNLOCK_ATTEMPTS;
  const count = await a.ledger.take(a.now, UNLOCK_ATTEMPTS);
  if (count.failures > limit) throw await refusedWhileLocked(a, count);
  const secret = a.user ? await ctx.signIn.totpSecret(a.user.id) : null;
  const step = matchTotp(secret ?? DUMMY_TOTP_SECRET, input.code, a.now);
  if (!a.user || !secret || step === null) throw await failure(a, count, 'unlock_bad_totp', 'UNLOCK_FAILED', limit);
  if (!(await ctx.passwords.verify(a.user.password_hash, input.password)))
    throw await failure(a, count, 'unlock_bad_password', 'UNLOCK_FAILED', limit);
  const user = a.user;
  await refuseDisabled(a, user);
  const session = await ctx.transaction(async (tx) => {
    if (!(await tx.signIn.acceptTotpStep(user.id, step))) return null;
    return complete({ ...a, ctx: tx }, user, { secondFactor: 'totp', unlocked: true });
  });
  if (session) return session;
  throw await failure(a, count, 'totp_replayed', 'TOTP_REPLAYED', limit);
}
