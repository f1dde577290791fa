import type { ApplicantAccountView } from '#contract';
import { AppError } from '../domain/errors.js';
import { maskPhone } from '../domain/masking.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { UnitRow, UserRow } from '../repositories/user-repository.js';
import { accountState } from './account-passwords.js';
import { currentBatch } from './city-package.js';
import type { Context } from './context.js';

export interface ApplicantAccount {
  unit: UnitRow;
  user: UserRow;
  /** The official the policy let through. */
  actor: Actor;
}

/**
 * A unit's applicant account, for the city that recommends the unit's region in the current batch (its
 * routing first, 航空港区 → 郑州, then the region's own authority) or for the province.
 */
export async function loadApplicantAccount(
  ctx: Context,
  actor: Actor | null,
  unitId: string,
): Promise<ApplicantAccount> {
  const unit = await ctx.users.findUnit(unitId);
  const user = unit && (await ctx.users.findApplicantOfUnit(unit.id));
  if (!unit || !user) {
    authorize(actor, 'session:use');
    throw new AppError('NOT_FOUND', '申报单位不存在');
  }
  const [batch, region] = await Promise.all([currentBatch(ctx), ctx.references.findRegion(unit.region_code)]);
  const authorityCode = batch.config.routing[unit.region_code] ?? region?.authority_code;
  if (!authorityCode) throw new Error(`region ${unit.region_code} has no recommending authority`);
  authorize(actor, 'applicant-account:manage', { kind: 'applicant-account', unitId: unit.id, authorityCode });
  return { unit, user, actor };
}

/** What the official compares with the caller before a reset or a transfer; the phone masked. */
export async function viewApplicantAccount(
  ctx: Context,
  actor: Actor | null,
  unitId: string,
): Promise<ApplicantAccountView> {
  const { unit, user } = await loadApplicantAccount(ctx, actor, unitId);
  const locked = await ctx.users.isLocked(user.id, ctx.clock.now());
  return {
    unitId: unit.id,
    unitName: unit.name,
    uscc: unit.uscc,
    username: user.username,
    contactName: unit.contact_name,
    contactPhone: maskPhone(unit.contact_phone),
    state: accountState({ disabled_at: user.disabled_at, locked }),
    lastLoginAt: user.last_login_at,
  };
}
