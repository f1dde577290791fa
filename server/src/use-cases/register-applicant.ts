import { randomUUID } from 'node:crypto';
import { isValidUscc, normalizeUscc, type RegisterInput } from '../../../shared/src/index.js';
import { isUniqueViolation } from '../db/database.js';
import { AppError, fieldError } from '../domain/errors.js';
import type { Context, RequestOrigin } from './context.js';
import { openSession } from './sessions.js';

/** One operating unit, one applicant account: a unit cannot register twice. */
export async function registerApplicant(ctx: Context, input: RegisterInput, origin: RequestOrigin) {
  const uscc = normalizeUscc(input.uscc);
  if (!isValidUscc(uscc)) throw fieldError('uscc', '统一社会信用代码：格式或校验位不正确（18位，GB 32100-2015）');
  const region = await ctx.references.findRegion(input.regionCode);
  if (!region) throw fieldError('regionCode', '所在地区：不在可选范围内');
  if (await ctx.users.findUnitByUscc(uscc)) throw new AppError('UNIT_ALREADY_REGISTERED', undefined, { errors: [{ field: 'uscc', message: '该统一社会信用代码的单位已注册，请直接登录' }] });
  if (await ctx.users.findByUsername(input.username)) throw new AppError('USERNAME_TAKEN', undefined, { errors: [{ field: 'username', message: '用户名已被使用' }] });

  const now = ctx.clock.now();
  const unitId = randomUUID();
  const userId = randomUUID();
  const passwordHash = await ctx.passwords.hash(input.password);
  try {
    return await ctx.transaction(async (tx) => {
      await tx.users.insertUnitWithUser(
        { id: unitId, name: input.unitName, uscc, region_code: region.code, contact_name: input.contactName, contact_phone: input.contactPhone, created_at: now.toISOString() },
        { id: userId, username: input.username, password_hash: passwordHash, role: 'applicant', display_name: input.unitName, unit_id: unitId, authority_code: null, failed_logins: 0, locked_until: null, created_at: now.toISOString() },
      );
      await tx.audit.record({ actorUserId: userId, actorName: input.username, ip: origin.ip, action: 'unit.register', targetType: 'unit', targetId: unitId, detail: { uscc, region: region.code } }, now);
      return openSession(tx, userId);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('UNIT_ALREADY_REGISTERED', '该单位或用户名已注册');
    throw err;
  }
}
