import { randomInt } from 'node:crypto';
import type { AccountState } from '#contract';
import { fieldError } from '../domain/errors.js';
import type { UserRow } from '../repositories/user-repository.js';
import type { Context } from './context.js';

/** A new password may be none of the last five: the current one and the four it replaced. */
const PASSWORD_REUSE_WINDOW = 5;
export const PASSWORD_HISTORY_KEPT = PASSWORD_REUSE_WINDOW - 1;

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

/** Refuses a new password that is the current one or one of the four before it. */
export async function assertNotRecentlyUsed(
  ctx: Context,
  user: Pick<UserRow, 'id' | 'password_hash'>,
  password: string,
): Promise<void> {
  const hashes = [user.password_hash, ...(await ctx.users.recentPasswordHashes(user.id, PASSWORD_HISTORY_KEPT))];
  for (const hash of hashes) {
    if (await ctx.passwords.verify(hash, password))
      throw fieldError('newPassword', `新密码不能与最近${PASSWORD_REUSE_WINDOW}次使用过的密码相同`);
  }
}

/** 已停用 before 已锁定: a disabled account cannot sign in whether or not it is locked. */
export function accountState(row: { disabled_at: string | null; locked: unknown }): AccountState {
  if (row.disabled_at) return 'disabled';
  return row.locked ? 'locked' : 'active';
}
