import { randomUUID } from 'node:crypto';
import { isValidUscc, normalizeUscc, type RegisterInput } from '#contract';
import { isUniqueViolation } from '../db/database.js';
import { AppError, fieldError } from '../domain/errors.js';
import type { Context, RequestOrigin } from './context.js';
import { openSession } from './steps/open-session.js';

/** "Already registered" answers a client gets per hour: they tell whether a unit or a user name exists. */
export const REGISTRATION_REFUSALS_PER_HOUR = 5;
const HOUR_SECONDS = 60 * 60;
const refusalsKey = (origin: RequestOrigin) => `register-refusals:${origin.ip ?? 'unknown'}`;
const tooManyRefusals = () =>
  new AppError('RATE_LIMITED', '注册信息核对次数过多，请一小时后再试；如单位已注册，请直接登录或联系所在市主管部门');

/**
 * One operating unit, one applicant account: a unit cannot register twice. The answers that a unit or
 * a user name is taken are counted per client: past REGISTRATION_REFUSALS_PER_HOUR the client is told
 * to wait instead (counted atomically, so parallel probes get no more), and its registrations wait too.
 */
export async function registerApplicant(ctx: Context, input: RegisterInput, origin: RequestOrigin) {
  const now = ctx.clock.now();
  const uscc = normalizeUscc(input.uscc);
  if (!isValidUscc(uscc)) throw fieldError('uscc', '统一社会信用代码：格式或校验位不正确（18位，GB 32100-2015）');
  const region = await ctx.references.findRegion(input.regionCode);
  if (!region) throw fieldError('regionCode', '所在地区：不在可选范围内');
  if ((await ctx.signIn.counter(refusalsKey(origin), now, HOUR_SECONDS)) >= REGISTRATION_REFUSALS_PER_HOUR)
    throw tooManyRefusals();
  if (await ctx.users.findUnitByUscc(uscc)) {
    throw await refused(
      ctx,
      origin,
      now,
      'unit_registered',
      new AppError('UNIT_ALREADY_REGISTERED', undefined, {
        errors: [{ field: 'uscc', message: '该统一社会信用代码的单位已注册，请直接登录' }],
      }),
    );
  }
  if (await ctx.users.findByUsername(input.username)) {
    throw await refused(
      ctx,
      origin,
      now,
      'username_taken',
      new AppError('USERNAME_TAKEN', undefined, { errors: [{ field: 'username', message: '用户名已被使用' }] }),
    );
  }

  const unitId = randomUUID();
  const userId = randomUUID();
  const passwordHash = await ctx.passwords.hash(input.password);
  try {
    return await ctx.transaction(async (tx) => {
      await tx.users.insertUnitWithUser(
        {
          id: unitId,
          name: input.unitName,
          uscc,
          region_code: region.code,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          created_at: now.toISOString(),
        },
        {
          id: userId,
          username: input.username,
          password_hash: passwordHash,
          role: 'applicant',
          display_name: input.unitName,
          unit_id: unitId,
          authority_code: null,
          created_at: now.toISOString(),
        },
      );
      await tx.audit.record(
        {
          actorUserId: userId,
          actorName: input.username,
          ip: origin.ip,
          action: 'unit.register',
          targetType: 'unit',
          targetId: unitId,
          detail: { uscc, region: region.code },
        },
        now,
      );
      return openSession(tx, userId, origin);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw await refused(
        ctx,
        origin,
        now,
        'registered_meanwhile',
        new AppError('UNIT_ALREADY_REGISTERED', '该单位或用户名已注册'),
      );
    throw err;
  }
}

/** Counts and audits an "already registered" answer; past the limit the client is told to wait instead. */
async function refused(
  ctx: Context,
  origin: RequestOrigin,
  now: Date,
  reason: string,
  answer: AppError,
): Promise<AppError> {
  const refusals = await ctx.transaction(async (tx) => {
    const n = await tx.signIn.bumpCounter(refusalsKey(origin), now, HOUR_SECONDS);
    await tx.audit.record(
      {
        actorUserId: null,
        actorName: null,
        ip: origin.ip,
        action: 'unit.register_refused',
        detail: { reason, refusals: n },
      },
      now,
    );
    return n;
  });
  return refusals > REGISTRATION_REFUSALS_PER_HOUR ? tooManyRefusals() : answer;
}
