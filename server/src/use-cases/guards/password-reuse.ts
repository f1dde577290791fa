import { fieldError } from '../../domain/errors.js';
import type { UserRow } from '../../repositories/user-repository.js';
import type { Context } from '../context.js';

/** A new password may be none of the last five: the current one and the four it replaced. */
const PASSWORD_REUSE_WINDOW = 5;
export const PASSWORD_HISTORY_KEPT = PASSWORD_REUSE_WINDOW - 1;

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
