import { randomUUID } from 'node:crypto';
import type { CreateAccountInput, OneTimePasswordView } from '#contract';
import { isUniqueViolation } from '../db/database.js';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import { presentOneTimePassword } from '../presenters/account.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { generateOneTimePassword } from './steps/one-time-password.js';

const usernameTaken = () =>
  new AppError('USERNAME_TAKEN', undefined, { errors: [{ field: 'username', message: '用户名已被使用' }] });

/**
 * The system administrator creates an official's or administrator's account with a one-time password,
 * shown once in the answer and stored hashed; it must be changed at the first login. A city official
 * belongs to one of the 18 city authorities, province staff to the province; an expert's account belongs to
 * one expert of the province's pool (one account per expert).
 */
export async function createAccount(
  ctx: Context,
  actor: Actor | null,
  input: CreateAccountInput,
  origin: RequestOrigin,
): Promise<OneTimePasswordView> {
  const id = randomUUID();
  authorize(actor, 'account:admin', { kind: 'account', userId: id, role: input.role });
  const authorities = await ctx.references.listAuthorities();
  let authorityCode: string | null = null;
  if (input.role === 'city') {
    const authority = authorities.find((a) => a.code === input.authorityCode && a.kind === 'city');
    if (!authority) throw fieldError('authorityCode', '所属主管部门：须为18个省辖市（济源示范区）主管部门之一');
    authorityCode = authority.code;
  } else if (input.role === 'province') {
    authorityCode = authorities.find((a) => a.kind === 'province')!.code;
  }
  const expertId = input.role === 'expert' ? input.expertId! : null;
  if (expertId !== null) {
    const expert = await ctx.expertReviews.findExpert(expertId);
    if (!expert) throw fieldError('expertId', '专家库中没有该专家');
    if ((await ctx.expertReviews.accountsByExpert()).has(expertId)) throw fieldError('expertId', '该专家已有登录账号');
  }
  if (await ctx.users.findByUsername(input.username)) throw usernameTaken();

  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await ctx.passwords.hash(oneTimePassword);
  const now = ctx.clock.now();
  try {
    await ctx.transaction(async (tx) => {
      await tx.users.insertUser({
        id,
        username: input.username,
        password_hash: passwordHash,
        role: input.role,
        display_name: input.displayName,
        unit_id: null,
        authority_code: authorityCode,
        created_at: now.toISOString(),
        must_change_password: 1,
        expert_id: expertId,
      });
      await tx.audit.record(
        {
          ...auditedBy(actor, origin.ip),
          action: 'account.create',
          targetType: 'user',
          targetId: id,
          detail: { username: input.username, role: input.role, authorityCode, ...(expertId ? { expertId } : {}) },
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw usernameTaken();
    throw err;
  }
  return presentOneTimePassword({ id, username: input.username, display_name: input.displayName }, oneTimePassword);
}
