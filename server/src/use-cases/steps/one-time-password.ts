import { randomInt } from 'node:crypto';
import type { OneTimePasswordView } from '#contract';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../policies/policy.js';
import { presentOneTimePassword } from '../../presenters/account.js';
import type { UserRow } from '../../repositories/user-repository.js';
import type { Context } from '../context.js';
import { PASSWORD_HISTORY_KEPT } from '../guards/password-reuse.js';
import { auditedBy } from './audited-by.js';

/** Lower, upper, digit and symbol characters without look-alikes (0/O, 1/l/I), so it can be read out and typed. */
const CLASSES = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@!?'];
const ALPHABET = CLASSES.join('');
const LENGTH = 14;

/** A one-time password (about 83 bits) with every character class, so it meets the password policy. */
export function generateOneTimePassword(): string {
  const chars = CLASSES.map((c) => c[randomInt(c.length)]!);
  while (chars.length < LENGTH) chars.push(ALPHABET[randomInt(ALPHABET.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * Gives an account a new one-time password and ends all its sessions, in one transaction with the audit
 * entry `action` describes. The password is replaced only if it is still the one read before hashing:
 * of two resets at once one wins and the other answers 409, so every password shown is one that works.
 */
export async function issueOneTimePassword(
  ctx: Context,
  actor: Actor,
  user: Pick<UserRow, 'id' | 'username' | 'display_name' | 'password_hash'>,
  audit: { ip: string | null; action: string; detail: Record<string, unknown> },
  alsoInTransaction: (tx: Context) => Promise<void> = async () => undefined,
): Promise<OneTimePasswordView> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await ctx.passwords.hash(oneTimePassword);
  const now = ctx.clock.now();
  await ctx.transaction(async (tx) => {
    const replaced = await tx.users.replacePassword(
      user.id,
      user.password_hash,
      { passwordHash, mustChange: true, historyKept: PASSWORD_HISTORY_KEPT },
      now,
    );
    if (!replaced) throw new AppError('ACCOUNT_CHANGED', '该账号的密码刚被他人重置或修改，请刷新后重试');
    await alsoInTransaction(tx);
    const sessionsEnded = await tx.sessions.deleteAllForUser(user.id);
    await tx.audit.record(
      {
        ...auditedBy(actor, audit.ip),
        action: audit.action,
        targetType: 'user',
        targetId: user.id,
        detail: { username: user.username, ...audit.detail, sessionsEnded },
      },
      now,
    );
  });
  return presentOneTimePassword(user, oneTimePassword);
}
