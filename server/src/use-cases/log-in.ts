import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { Context, RequestOrigin } from './context.js';
import { openSession } from './sessions.js';

/** A hash of an unguessable password, verified for unknown user names so both paths cost the same. */
let dummyHash: Promise<string> | undefined;

/**
 * Checks the password; five failures in a row lock the account for thirty minutes. A failure for a user
 * name that does not exist is audited without the name typed: it is often a password typed into the
 * wrong field.
 */
export async function logIn(ctx: Context, input: { username: string; password: string }, origin: RequestOrigin) {
  const now = ctx.clock.now();
  const user = await ctx.users.findByUsername(input.username);
  const base = { ip: origin.ip, targetType: 'user' };
  if (!user) {
    dummyHash ??= ctx.passwords.hash(randomBytes(16).toString('hex'));
    await ctx.passwords.verify(await dummyHash, input.password);
    await ctx.audit.record({ ...base, actorUserId: null, actorName: null, action: 'login.failure', detail: { reason: 'unknown_user' } }, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const actorBase = { ...base, actorUserId: user.id, actorName: user.username, targetId: user.id };
  if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    await ctx.audit.record({ ...actorBase, action: 'login.failure', detail: { reason: 'locked' } }, now);
    throw new AppError('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定，请于 ${minutesUntil(user.locked_until, now)} 分钟后再试`);
  }
  if (!(await ctx.passwords.verify(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const locks = failures >= ctx.config.lockoutThreshold;
    const lockedUntil = locks ? new Date(now.getTime() + ctx.config.lockoutSeconds * 1000).toISOString() : null;
    await ctx.transaction(async (tx) => {
      await tx.users.setLoginFailures(user.id, locks ? 0 : failures, lockedUntil);
      await tx.audit.record({ ...actorBase, action: 'login.failure', detail: { reason: 'bad_password', failures, locked: locks } }, now);
    });
    if (locks) throw new AppError('ACCOUNT_LOCKED');
    const left = ctx.config.lockoutThreshold - failures;
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误，再失败 ${left} 次账号将锁定30分钟`);
  }
  return ctx.transaction(async (tx) => {
    await tx.users.setLoginFailures(user.id, 0, null);
    await tx.audit.record({ ...actorBase, action: 'login.success' }, now);
    return openSession(tx, user.id);
  });
}

function minutesUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 60_000));
}
